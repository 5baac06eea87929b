using System.Net.Http.Json;
using MimeKit;
using Saraban.Workflow;
using Saraban.Workflow.Actions;
using Saraban.Workflow.Directory;
using Saraban.Workflow.EventStore;
using Saraban.Workflow.EventStore.Postgres;
using Saraban.Workflow.Tests.Actions;
using Saraban.Workflow.Thai;

namespace Saraban.Web.Tests;

/// <summary>
/// The target "reminders: exactly one per office and offset, with two nodes": two `serve` processes
/// on one PostgreSQL database, both running the reminder job every second, mailing to a real SMTP
/// server (aiosmtpd) the test starts.
/// </summary>
public sealed class when_two_nodes_remind_from_one_database
{
    [Fact]
    public async Task each_office_gets_one_reminder_and_one_mail_per_offset_and_the_district_sees_who_is_late()
    {
        await using var smtp = await SmtpSink.StartAsync();
        var database = await Saraban.NewPostgresSchemaAsync();
        string[] args = ["--postgres", database, "--reminder-seconds", "1",
            "--smtp-host", "127.0.0.1", "--smtp-port", smtp.Port.ToString(), "--smtp-from", "saraban@saraban.go.th"];
        await using var first = await Server.StartAsync(args);
        await using var second = await Server.StartAsync(args);

        // Three LAOs of Mueang Uttaradit asked to act, as the assignment follower records it when the circular reaches them
        // (real time: the nodes run on the system clock): one a week before its deadline, one a day before, one a day late.
        using var lao = await second.SignInAsync("lao.clerk");
        var laoId = (await (await lao.GetAsync("/api/me")).JsonAsync()).GetProperty("organizationId").GetString()!;
        var neighbours = DirectoryCsv.LoadShipped().Where(o => o.ParentId == "dist-5301" && o.Id != laoId).Take(2).ToList();
        var today = BangkokTime.DateOf(DateTimeOffset.UtcNow);
        var types = SarabanEvents.All();
        await using (var store = new PostgresEventStore(database))
        {
            await store.InitializeAsync();
            foreach (var (office, due) in new[] { (laoId, today.AddDays(7)), (neighbours[0].Id, today.AddDays(1)), (neighbours[1].Id, today.AddDays(-1)) })
                await store.AppendAsync(RequestedAction.StreamId(office, "origin1", "assessment"), ExpectedVersion.NoStream,
                    [types.ToEventData(new ActionAssigned(office, "origin1", "assessment", ActionKind.Acknowledgement, "การประเมินมาตรฐานขั้นต่ำการให้บริการสาธารณะ",
                        [], null, due, null, [7, 1], $"in-{office}", "ที่ นร ๐๑๐๗/ว ๒๑๔๙", DateTimeOffset.UtcNow), EventMetadata.System(Guid.CreateVersion7()))]);
        }

        var mails = await smtp.WaitForAsync(2, seconds: 60);
        await Task.Delay(TimeSpan.FromSeconds(4)); // several more rounds on both nodes: nothing more may come
        mails = smtp.Messages();
        Assert.Equal(2, mails.Count);
        Assert.Equal(new[] { $"saraban@{laoId}.invalid", $"saraban@{neighbours[0].Id}.invalid" }.Order(),
            mails.Select(m => ((MailboxAddress)m.To.Single()).Address).Order());
        Assert.Contains(mails, m => m.Subject!.Contains("เหลือเวลาอีก ๗ วัน") && ((MailboxAddress)m.To.Single()).Address == $"saraban@{laoId}.invalid");
        Assert.Contains(mails, m => m.Subject!.Contains("เหลือเวลาอีก ๑ วัน") && m.Subject.StartsWith("แจ้งเตือน: การประเมินมาตรฐานขั้นต่ำ"));

        await using (var store = new PostgresEventStore(database))
        {
            var events = await store.ReadAllAsync(0, 100_000);
            var sent = events.Where(e => e.Type == "action-reminder-sent").Select(e => (e.StreamId, ((ActionReminderSent)types.Deserialize(e)).DaysBefore)).ToList();
            Assert.Equal(2, sent.Count);
            Assert.Contains((RequestedAction.StreamId(laoId, "origin1", "assessment"), 7), sent);
            Assert.Contains((RequestedAction.StreamId(neighbours[0].Id, "origin1", "assessment"), 1), sent);
            Assert.Equal(2, events.Count(e => e.Type == "action-reminder-mailed"));
            var overdue = (ActionOverdueNotified)types.Deserialize(Assert.Single(events, e => e.Type == "action-overdue-notified"));
            Assert.Equal(new[] { "dist-5301", "prov-53" }, overdue.NotifiedOffices);
        }

        // In the system: the LAO's reminders (on either node), and the district's view of the LAO that is late.
        var mine = await Http.EventuallyAsync(async () => await (await lao.GetAsync("/api/actions/reminders")).JsonAsync(),
            j => j.GetArrayLength() == 1 && j[0].TryGetProperty("mailedAt", out var at) && at.ValueKind != System.Text.Json.JsonValueKind.Null);
        Assert.Equal(("reminder", 7, $"saraban@{laoId}.invalid"), (mine[0].GetProperty("kind").GetString(), mine[0].GetProperty("daysBefore").GetInt32(),
            mine[0].GetProperty("mailedTo").GetString()));
        Assert.Contains("เหลือเวลาอีก ๗ วัน", await lao.GetStringAsync("/"));
        using var district = await first.SignInAsync("muang.clerk");
        var late = Assert.Single((await (await district.GetAsync("/api/actions/reminders")).JsonAsync()).EnumerateArray());
        Assert.Equal(("overdue", neighbours[1].Id), (late.GetProperty("kind").GetString(), late.GetProperty("officeId").GetString()));
        Assert.Contains("ยังไม่ได้ดำเนินการ", late.GetProperty("text").GetString());
        Assert.Contains("การแจ้งเตือน", await district.GetStringAsync("/"));
    }
}
