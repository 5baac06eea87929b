using System.Net;
using System.Net.Http.Json;
using Microsoft.Data.Sqlite;
using Npgsql;
using Saraban.Workflow;
using Saraban.Workflow.Directory;
using Saraban.Workflow.EventStore;
using Saraban.Workflow.Routing;
using Saraban.Workflow.Views;

namespace Saraban.Web.Tests;

/// <summary>
/// kill -9 of a serving node while a circular to all 7,850 LAOs is being delivered: after the restart
/// every LAO has the letter exactly once, and the views equal a rebuild from the log.
/// </summary>
public sealed class when_a_node_is_killed_while_delivering
{
    [Theory]
    [InlineData("sqlite")]
    [InlineData("postgres")]
    public async Task after_the_restart_every_lao_has_the_letter_once_and_the_views_equal_a_rebuild(string backend)
    {
        string[] store = backend == "sqlite" ? ["--db", Saraban.TempDb()] : ["--postgres", await Saraban.NewPostgresSchemaAsync()];
        var laos = DirectoryCsv.LoadShipped().Where(o => o.Type.IsLocal()).Select(o => o.Id).ToArray();
        Assert.Equal(7_850, laos.Length);

        string letter;
        var killed = await Server.StartAsync(store);
        try
        {
            using var clerk = await killed.SignInAsync("pmo.clerk");
            using var head = await killed.SignInAsync("pmo.head");
            var drafted = await (await clerk.PostAsJsonAsync("/api/letters/outgoing", new
            {
                kind = "Circular", urgency = "Urgent", subject = "ขอให้ อปท. ทุกแห่งประเมินตนเองตามมาตรฐานขั้นต่ำ",
                addresseeLine = "นายกองค์กรปกครองส่วนท้องถิ่น ทุกแห่ง", body = new[] { "ด้วย …", "จึงเรียนมาเพื่อโปรดดำเนินการ" }, to = laos,
            })).JsonAsync(HttpStatusCode.Created);
            letter = drafted.GetProperty("letterId").GetString()!;
            Assert.Equal(HttpStatusCode.NoContent, (await head.PostAsJsonAsync($"/api/letters/outgoing/{letter}/sign", new { })).StatusCode);
            // Not awaited: the answer comes once the letter's PDF as sent is drawn and kept, and delivery
            // begins at the dispatch, before that; awaiting it, the whole delivery was over before the first look.
            var dispatching = clerk.PostAsJsonAsync($"/api/letters/outgoing/{letter}/dispatch", new { });

            // Killed as soon as the first group of deliveries is visible: a kill after the end tests nothing.
            var arrived = (Total: 0L, Offices: 0L);
            for (var deadline = DateTime.UtcNow.AddSeconds(60); arrived.Total == 0 && DateTime.UtcNow < deadline; await Task.Delay(5))
                arrived = await ArrivedAsync(store, letter);
            Assert.InRange(arrived.Total, 1, laos.Length - 1); // killed part-way, not before or after
            await killed.DisposeAsync(); // SIGKILL: no chance to finish the group it was writing
            try { await dispatching; } catch (HttpRequestException) { } // its answer may die with the node
        }
        finally { await killed.DisposeAsync(); }

        await using (var restarted = await Server.StartAsync(store))
        {
            var done = await Http.EventuallyAsync(() => ArrivedAsync(store, letter), a => a.Total >= laos.Length, seconds: 120);
            Assert.Equal((laos.Length, laos.Length), (done.Total, done.Offices)); // each once
            using var probe = restarted.Anonymous();
            await Http.EventuallyAsync(() => probe.GetAsync("/health/ready"), r => r.StatusCode == HttpStatusCode.OK);
            await Http.EventuallyAsync(async () => await ViewsLagAsync(store), lag => lag == 0, seconds: 60);
        }

        var options = store[0] == "--db" ? new StoreOptions(store[1], null) : new StoreOptions(null, store[1]);
        await using var events = options.CreateEventStore();
        var types = SarabanEvents.All();
        var directory = new DirectoryService(events, types);
        await directory.RefreshAsync();
        await using var views = await SarabanViews.OpenAsync(events, types, directory, RoutingCatalog.Load(Path.Combine(AppContext.BaseDirectory, "workflows")));
        var served = await when_a_views_process_is_killed.DumpAsync(views.Stored);
        foreach (var name in views.Stored.Names) await views.Stored.RebuildAsync(name);
        await Task.Delay(1100); // readers look for the live generation again each second
        Assert.Equal(await when_a_views_process_is_killed.DumpAsync(views.Stored), served);
    }

    /// <summary>The letter's arrivals in the log, and at how many offices, read beside the node.</summary>
    private static async Task<(long Total, long Offices)> ArrivedAsync(string[] store, string letter)
    {
        var sql = $"SELECT count(*), count(DISTINCT stream_id) FROM events WHERE type = 'letter-arrived' AND stream_id LIKE 'in-%-{letter}'";
        return await ScalarsAsync(store, sql);
    }

    private static async Task<long> ViewsLagAsync(string[] store)
    {
        var (head, _) = await ScalarsAsync(store, "SELECT count(*), 0 FROM events");
        var (lowest, _) = await ScalarsAsync(store, "SELECT min(position), 0 FROM view_state WHERE status = 'live'", views: true);
        return head - lowest;
    }

    private static async Task<(long, long)> ScalarsAsync(string[] store, string sql, bool views = false)
    {
        if (store[0] == "--db")
        {
            await using var c = new SqliteConnection($"Data Source={(views ? ViewDatabase.ViewsFileOf(store[1]) : store[1])};Mode=ReadOnly;Pooling=False");
            await c.OpenAsync();
            await using var cmd = new SqliteCommand(sql, c);
            await using var r = await cmd.ExecuteReaderAsync();
            await r.ReadAsync();
            return (r.IsDBNull(0) ? 0 : r.GetInt64(0), r.IsDBNull(1) ? 0 : r.GetInt64(1));
        }
        await using var pg = new NpgsqlConnection(store[1]);
        await pg.OpenAsync();
        await using var q = new NpgsqlCommand(sql, pg);
        await using var pr = await q.ExecuteReaderAsync();
        await pr.ReadAsync();
        return (pr.IsDBNull(0) ? 0 : Convert.ToInt64(pr.GetValue(0)), pr.IsDBNull(1) ? 0 : Convert.ToInt64(pr.GetValue(1)));
    }
}
