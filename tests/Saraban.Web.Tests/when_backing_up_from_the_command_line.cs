namespace Saraban.Web.Tests;

/// <summary>backup and restore as an administrator runs them: one line and an exit code for each outcome.</summary>
public sealed class when_backing_up_from_the_command_line
{
    [Fact]
    public async Task a_backup_restores_into_a_new_database_and_verify_passes_there_and_bad_input_is_one_line()
    {
        var db = Saraban.TempDb();
        Assert.Equal(0, (await Saraban.RunAsync("directory", "load", "--db", db)).ExitCode);
        var backup = db + ".backup.zip";

        var taken = await Saraban.RunAsync("backup", "--db", db, "--out", backup);
        Assert.True(taken.ExitCode == 0, taken.Err);
        Assert.Contains("Backed up", taken.Out);
        var again = await Saraban.RunAsync("backup", "--db", db, "--out", backup);
        Assert.NotEqual(0, again.ExitCode);
        Assert.Contains("exists", again.Err);

        var restored = Saraban.TempDb();
        var run = await Saraban.RunAsync("restore", backup, "--db", restored);
        Assert.True(run.ExitCode == 0, run.Err);
        Assert.Contains("master key", run.Err); // the key is not in the backup: the administrator is told where it goes
        Assert.Equal(0, (await Saraban.RunAsync("verify", "--db", restored)).ExitCode);

        var onto = await Saraban.RunAsync("restore", backup, "--db", restored);
        Assert.Equal(1, onto.ExitCode);
        Assert.Single(onto.Err.Trim().Split('\n'));
        Assert.Contains("not empty", onto.Err);

        var foreign = db + ".txt";
        await File.WriteAllTextAsync(foreign, "not a backup");
        var bad = await Saraban.RunAsync("restore", foreign, "--db", Saraban.TempDb());
        Assert.Equal(1, bad.ExitCode);
        Assert.Single(bad.Err.Trim().Split('\n'));
        Assert.Contains("not a Saraban backup", bad.Err);
    }
}
