using System.Diagnostics;
using System.Globalization;
using Microsoft.Data.Sqlite;
using Npgsql;
using Saraban.Workflow;
using Saraban.Workflow.Directory;
using Saraban.Workflow.EventStore;
using Saraban.Workflow.Routing;
using Saraban.Workflow.Views;

namespace Saraban.Web.Tests;

/// <summary>
/// kill -9 of a process in the middle of applying the views, batch after batch: once another
/// process has finished the work, every event was applied exactly once, so the views equal a
/// rebuild from zero, row for row.
/// </summary>
public sealed class when_a_views_process_is_killed
{
    private static readonly string[] Tables = ["{registers.incoming}", "{registers.outgoing}", "{inbox.waiting}", "{tracking.offices}", "{tracking.streams}", "{tracking.counts}"];

    [Theory]
    [InlineData("sqlite")]
    [InlineData("postgres")]
    public async Task the_views_finished_by_another_process_equal_a_rebuild(string backend)
    {
        string[] store = backend == "sqlite" ? ["--db", Saraban.TempDb()] : ["--postgres", await Saraban.NewPostgresSchemaAsync()];
        var cascade = await Saraban.RunAsync(["cascade", "--provinces", "prov-53,prov-54", .. store]);
        Assert.True(cascade.ExitCode == 0, cascade.Err);
        await ForgetViewsAsync(store); // the cascade applied them; the process to kill must start from nothing
        var options = store[0] == "--db" ? new StoreOptions(store[1], null) : new StoreOptions(null, store[1]);
        await using var events = options.CreateEventStore();
        var head = await events.HeadPositionAsync();

        var killed = Start(["views", "catch-up", "--batch", "5", .. store]);
        var position = await PositionWhenStartedAsync(store, killed);
        killed.Kill(entireProcessTree: true); // SIGKILL: no chance to finish the batch or roll it back
        await killed.WaitForExitAsync();
        Assert.InRange(position, 1, head - 1);

        var resumed = await Saraban.RunAsync(["views", "catch-up", .. store]); // waits out the dead process's lease
        Assert.True(resumed.ExitCode == 0, resumed.Err);

        var types = SarabanEvents.All();
        var directory = new DirectoryService(events, types);
        await directory.RefreshAsync();
        await using var views = await SarabanViews.OpenAsync(events, types, directory, RoutingCatalog.Load(Path.Combine(AppContext.BaseDirectory, "workflows")));
        Assert.All(await views.Stored.StatusAsync(), s => Assert.Equal((head, 0), (s.Serving!.Position, s.ErrorCount)));
        var finished = await DumpAsync(views.Stored);
        foreach (var name in views.Stored.Names) await views.Stored.RebuildAsync(name);
        await Task.Delay(1100); // readers look for the live generation again each second
        Assert.All(await views.Stored.StatusAsync(), s => Assert.Equal(2, s.Serving!.Generation));
        var rebuilt = await DumpAsync(views.Stored);
        Assert.True(finished.Count > 500, $"only {finished.Count} rows");
        Assert.Equal(rebuilt, finished);
    }

    /// <summary>Every row of every view's table, each as one line of text, in key order.</summary>
    internal static async Task<List<string>> DumpAsync(IViewReader views)
    {
        var lines = new List<string>();
        foreach (var table in Tables)
            lines.AddRange((await views.QueryAsync($"SELECT * FROM {table}", r => table + " " + string.Join('|', Enumerable.Range(0, r.FieldCount)
                .Select(i => r.IsDBNull(i) ? "∅" : Convert.ToString(r.GetValue(i), CultureInfo.InvariantCulture))), default)).Order(StringComparer.Ordinal));
        return lines;
    }

    private static async Task<long> PositionWhenStartedAsync(string[] store, Process applying)
    {
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (!applying.HasExited && DateTime.UtcNow < deadline)
        {
            var position = await RegistersPositionAsync(store);
            if (position > 0) return position;
            await Task.Delay(2);
        }
        throw new InvalidOperationException("the views process ended before it could be killed: " + await applying.StandardError.ReadToEndAsync());
    }

    /// <summary>Read beside the program, as an operator would: the views' own bookkeeping table.</summary>
    private static async Task<long> RegistersPositionAsync(string[] store)
    {
        const string Sql = "SELECT position FROM view_state WHERE name = 'registers'";
        try
        {
            if (store[0] == "--db")
            {
                await using var c = new SqliteConnection($"Data Source={ViewDatabase.ViewsFileOf(store[1])};Mode=ReadOnly;Pooling=False");
                await c.OpenAsync();
                await using var cmd = new SqliteCommand(Sql, c);
                return Convert.ToInt64(await cmd.ExecuteScalarAsync() ?? 0L);
            }
            await using var pg = new NpgsqlConnection(store[1]);
            await pg.OpenAsync();
            await using var q = new NpgsqlCommand(Sql, pg);
            return Convert.ToInt64(await q.ExecuteScalarAsync() ?? 0L);
        }
        catch (Exception ex) when (ex is SqliteException or PostgresException) { return 0; } // not created yet
    }

    private static async Task ForgetViewsAsync(string[] store)
    {
        if (store[0] == "--db")
        {
            SqliteConnection.ClearAllPools();
            foreach (var f in Directory.GetFiles(Path.GetDirectoryName(store[1])!, Path.GetFileName(ViewDatabase.ViewsFileOf(store[1])) + "*")) File.Delete(f);
            return;
        }
        await using var c = new NpgsqlConnection(store[1]);
        await c.OpenAsync();
        await using var cmd = new NpgsqlCommand("""
            DO $$ DECLARE t text; BEGIN
              FOR t IN SELECT tablename FROM pg_tables WHERE schemaname = current_schema() AND (tablename LIKE 'v\_%' OR tablename IN ('view_state', 'view_errors')) LOOP
                EXECUTE 'DROP TABLE ' || quote_ident(t);
              END LOOP;
            END $$
            """, c);
        await cmd.ExecuteNonQueryAsync();
    }

    private static Process Start(string[] args)
    {
        var psi = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true };
        psi.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "saraban.dll"));
        foreach (var a in args) psi.ArgumentList.Add(a);
        psi.Environment.Remove("SARABAN_POSTGRES");
        return Process.Start(psi)!;
    }
}
