using System.Text.Json;
using Saraban.Documents.Tables;
using Saraban.Workflow;
using Saraban.Workflow.Access;
using Saraban.Workflow.Actions;
using Saraban.Workflow.Directory;

namespace Saraban.Web.Cli;

public static class ActionsCommand
{
    private const string Help =
        $"""
        Usage: ./saraban actions import FILE --origin LETTER_ID --as USER [--action KEY] [options]

        Imports the assessment system's export (CSV or XLSX) for the action a circular asked for:
        columns office_id,form,status,submitted_at,submitted_by[,reference]; status not-started,
        in-progress or submitted (or ยังไม่เริ่ม, กำลังดำเนินการ, ส่งแล้ว); dates ISO or Thai
        Buddhist-era, either digit set. Each row is accepted, rejected with its reason, or unchanged;
        valid rows are kept, and the same file imported again changes nothing.

          --origin LETTER_ID   the circular that asked (its letter id)
          --as USER            who imports: a tracker or head of the office that asked, or of its unit
          --action KEY         the action, when the letter asks for more than one submission
        {StoreArguments.Help}
        The last line is JSON: accepted, rejected, unchanged.
        """;

    public static async Task<int> RunAsync(string[] argv)
    {
        var args = new Arguments(argv);
        if (args.Has("help") || args.Positional.Count == 0) return Verbs.Print(Help, args.Has("help") ? 0 : 2);
        if (args.Positional is not ["import", var file]) throw new UsageException($"unknown actions command '{string.Join(' ', args.Positional)}' (try ./saraban actions --help)");
        var origin = args.Get("origin") ?? throw new UsageException("--origin LETTER_ID is required");
        var user = args.Get("as") ?? throw new UsageException("--as USER is required");
        var key = args.Get("action");
        var options = StoreArguments.Read(args);
        args.RejectUnknown();
        if (!File.Exists(file)) throw new UsageException($"no such file: {file}");
        var rows = TableFile.Read(await File.ReadAllBytesAsync(file));

        await using var opened = await OpenedStore.OpenAsync(options);
        var report = await new ActionDesk(opened.Store, opened.Types, opened.Directory, opened.Access, TimeProvider.System).ImportAsync(user, origin, key, rows);
        foreach (var r in report.Rows.Where(r => r.Outcome != ImportOutcome.Accepted || r.Reason is not null))
            Console.WriteLine($"line {r.Line}: {r.Outcome.ToString().ToLowerInvariant()} {r.OfficeId} {r.Form}{(r.Reason is null ? "" : " — " + r.Reason)}");
        Console.WriteLine(JsonSerializer.Serialize(new { accepted = report.Accepted, rejected = report.Rejected, unchanged = report.Unchanged }));
        return report.Rejected > 0 ? 1 : 0;
    }
}
