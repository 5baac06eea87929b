using System.Text.Json;
using Microsoft.Data.Sqlite;

namespace Saraban.Web.Tests;

public sealed class when_using_the_command_line
{
    [Fact]
    public async Task every_verb_explains_itself_with_help()
    {
        foreach (var verb in new[] { "serve", "verify", "bench", "views" })
        {
            var run = await Saraban.RunAsync(verb, "--help");
            Assert.Equal(0, run.ExitCode);
            Assert.Contains("Usage: ./saraban " + verb, run.Out);
        }
    }

    [Fact]
    public async Task a_mistyped_option_is_one_line_and_exit_code_two()
    {
        var run = await Saraban.RunAsync("verify", "--dbb", "x.db");

        Assert.Equal(2, run.ExitCode);
        Assert.Equal(["saraban verify: unknown option --dbb"], run.ErrLines);
    }

    [Fact]
    public async Task rebuilding_a_view_that_does_not_exist_is_one_line_and_exit_code_one()
    {
        var db = Saraban.TempDb();
        Assert.Equal(0, (await Saraban.RunAsync("directory", "load", "--db", db)).ExitCode);

        var run = await Saraban.RunAsync("views", "rebuild", "registres", "--db", db);

        Assert.Equal(1, run.ExitCode);
        Assert.Equal(["saraban views: no view named 'registres' (views: actions, inbox, registers, reminders, tracking)"], run.ErrLines);
        var status = await Saraban.RunAsync("views", "status", "--db", db, "--json");
        Assert.Equal(0, status.ExitCode);
        var views = JsonDocument.Parse(status.OutLines[^1]).RootElement.EnumerateArray().ToList();
        Assert.Equal(["actions", "inbox", "registers", "reminders", "tracking"], views.Select(v => v.GetProperty("view").GetString()));
        Assert.All(views, v => Assert.Equal(1, v.GetProperty("generation").GetInt32()));
    }

    [Fact]
    public async Task a_postgres_benchmark_without_a_server_says_what_is_missing()
    {
        var run = await Saraban.RunAsync("bench", "eventstore", "--backend", "postgres");

        Assert.Equal(2, run.ExitCode);
        Assert.Single(run.ErrLines);
        Assert.Contains("SARABAN_POSTGRES", run.Err);
    }

    [Fact]
    public async Task verifying_a_missing_database_fails_without_creating_one()
    {
        var db = Saraban.TempDb();

        var run = await Saraban.RunAsync("verify", "--db", db);

        Assert.Equal(1, run.ExitCode);
        Assert.Contains("No database at", run.Err);
        Assert.False(File.Exists(db));
    }

    [Fact]
    public async Task the_benchmark_checks_its_log_and_ends_with_a_json_line()
    {
        var run = await Saraban.RunAsync("bench", "eventstore", "--backend", "sqlite", "--events", "300", "--writers", "2", "--db", Saraban.TempDb());

        Assert.Equal(0, run.ExitCode);
        var result = JsonDocument.Parse(run.OutLines[^1]).RootElement;
        Assert.Equal("sqlite", result.GetProperty("backend").GetString());
        Assert.Equal(2, result.GetProperty("writers").GetInt32());
        Assert.Equal(300, result.GetProperty("events").GetInt32());
        Assert.Equal(0, result.GetProperty("lost").GetInt32());
        Assert.Equal(0, result.GetProperty("duplicates").GetInt32());
        Assert.True(result.GetProperty("eventsPerSecond").GetDouble() > 0);
    }

    [Fact]
    public async Task verify_counts_an_intact_log_and_names_the_first_altered_position()
    {
        var db = Saraban.TempDb();
        var bench = await Saraban.RunAsync("bench", "eventstore", "--events", "100", "--db", db, "--keep");
        var kept = bench.ErrLines.Single(l => l.StartsWith("kept the benchmark database: --db ", StringComparison.Ordinal))["kept the benchmark database: --db ".Length..];

        var intact = await Saraban.RunAsync("verify", "--db", kept);
        Assert.Equal(0, intact.ExitCode);
        Assert.Contains("2,100 events verified", intact.Out);

        await using (var c = new SqliteConnection($"Data Source={kept};Pooling=False"))
        {
            await c.OpenAsync();
            await using var cmd = c.CreateCommand();
            cmd.CommandText = "UPDATE events SET data = '{\"forged\":true}' WHERE position = 1234";
            Assert.Equal(1, await cmd.ExecuteNonQueryAsync());
        }
        var broken = await Saraban.RunAsync("verify", "--db", kept, "--json");

        Assert.Equal(1, broken.ExitCode);
        var report = JsonDocument.Parse(broken.OutLines[^1]).RootElement;
        Assert.Equal(1234, report.GetProperty("firstBadPosition").GetInt64());
        Assert.Equal(1233, report.GetProperty("events").GetInt64());
    }
}
