namespace Saraban.Web.Tests;

/// <summary>What an administrator sees when serve cannot start: one line, a non-zero exit, nothing changed.</summary>
public sealed class when_a_node_cannot_start
{
    [Fact]
    public async Task an_unreadable_master_key_stops_it_with_one_line_and_the_key_is_left_as_it_was()
    {
        var db = Saraban.TempDb();
        var key = Path.ChangeExtension(db, null) + ".master-key";
        Directory.CreateDirectory(Path.GetDirectoryName(key)!);
        await File.WriteAllTextAsync(key, "not a key\n");

        var run = await Saraban.RunAsync("serve", "--db", db, "--urls", "http://127.0.0.1:0");

        Assert.NotEqual(0, run.ExitCode);
        var errors = run.Err.Split('\n').Where(l => l.StartsWith("saraban serve:", StringComparison.Ordinal)).ToList();
        Assert.Contains("base64", Assert.Single(errors));
        Assert.Equal("not a key\n", await File.ReadAllTextAsync(key));
    }

    [Fact]
    public async Task a_postgresql_that_refuses_connections_stops_it_with_one_line()
    {
        var run = await Saraban.RunAsync("serve", "--postgres", "Host=127.0.0.1;Port=1;Username=saraban;Password=x;Database=saraban", "--urls", "http://127.0.0.1:0");

        Assert.NotEqual(0, run.ExitCode);
        var errors = run.Err.Split('\n').Where(l => l.StartsWith("saraban serve:", StringComparison.Ordinal)).ToList();
        Assert.Contains("Cannot reach PostgreSQL", Assert.Single(errors));
    }
}
