using System.Text.Json;
using System.Text.RegularExpressions;

namespace Saraban.Web.Tests;

public sealed class when_importing_the_assessment_export
{
    [Fact]
    public async Task each_row_is_reported_the_valid_ones_kept_and_the_same_file_again_changes_nothing()
    {
        var db = Saraban.TempDb();
        var cascade = await Saraban.RunAsync("cascade", "--db", db, "--provinces", "prov-53", "--never", "0.3", "--seed", "5");
        Assert.Equal(0, cascade.ExitCode);
        var summary = JsonDocument.Parse(cascade.OutLines[^1]).RootElement;
        Assert.True(summary.GetProperty("requested").GetInt32() > summary.GetProperty("submitted").GetInt32(), "offices that never act do not submit");
        Assert.True(summary.GetProperty("deadlineMoved").GetInt32() > 0);
        var origin = Regex.Match(cascade.Out, "Circular ([0-9a-f]{32})").Groups[1].Value;

        // The LAOs that never acted were still asked: the province's own อบจ. got the circular from the province.
        var file = Path.Combine(global::Saraban.Tests.Shared.Scratch.Folder, Guid.NewGuid().ToString("N") + ".csv");
        await File.WriteAllTextAsync(file, string.Join("\n",
            "office_id,form,status,submitted_at,submitted_by",
            "lao-pao-53,อปท.๑,submitted,๒๕๖๗-๐๘-๓๐,นายก อบจ.",
            "lao-pao-53,อปท.๙,submitted,2024-08-30,x",
            "nowhere,อปท.๑,submitted,2024-08-30,x",
            "lao-pao-53,อปท.๒-๑,submitted,30/02/2567,x"));

        var run = await Saraban.RunAsync("actions", "import", file, "--origin", origin, "--as", "h.pmo-ops", "--db", db);
        var again = await Saraban.RunAsync("actions", "import", file, "--origin", origin, "--as", "h.pmo-ops", "--db", db);
        var wrongUser = await Saraban.RunAsync("actions", "import", file, "--origin", origin, "--as", "c.prov-53", "--db", db);

        Assert.Equal(1, run.ExitCode);
        var counts = JsonDocument.Parse(run.OutLines[^1]).RootElement;
        // Line 2 is kept, or refused as a correction after the deadline if the cascade had the อบจ. submit that form already.
        Assert.InRange(counts.GetProperty("rejected").GetInt32(), 3, 4);
        Assert.Contains(run.OutLines, l => l.StartsWith("line 4: rejected") && l.Contains("unknown office"));
        Assert.Contains(run.OutLines, l => l.StartsWith("line 3: rejected") && l.Contains("อปท.๙"));
        Assert.Contains(run.OutLines, l => l.StartsWith("line 5: rejected") && l.Contains("no such day"));
        var second = JsonDocument.Parse(again.OutLines[^1]).RootElement;
        Assert.Equal((0, counts.GetProperty("rejected").GetInt32()), (second.GetProperty("accepted").GetInt32(), second.GetProperty("rejected").GetInt32()));
        Assert.Equal(counts.GetProperty("accepted").GetInt32() + counts.GetProperty("unchanged").GetInt32(), second.GetProperty("unchanged").GetInt32());
        Assert.Equal(1, wrongUser.ExitCode);
        Assert.Single(wrongUser.ErrLines);
    }
}
