using MimeKit;
using Saraban.Workflow.Actions;
using Saraban.Workflow.Directory;
using Saraban.Workflow.EventStore;
using Saraban.Workflow.Routing;
using Saraban.Workflow.Tests.EventStore;
using Saraban.Workflow.Tests.Letters;
using Saraban.Workflow.Views;
using static Saraban.Workflow.Tests.Actions.when_a_deadline_nears;

namespace Saraban.Workflow.Tests.Actions;

/// <summary>
/// The reminder job's rounds on a real store and real views, mailing to a real SMTP server
/// (aiosmtpd): each office and offset gets one reminder event and one mail, even with two nodes
/// working at once, a crash between a mail and its confirmation, or a mail server that is down.
/// </summary>
public abstract class when_reminders_are_mailed(Backend backend) : IAsyncLifetime
{
    private static readonly RoutingCatalog Routings = RoutingCatalog.Load(Path.Combine(AppContext.BaseDirectory, "workflows"));
    private static readonly DateOnly Due = new(2024, 7, 31);
    private readonly MovableClock _clock = new(On(7, 24));
    private IEventStore _store = null!;
    private EventTypes _types = null!;
    private DirectoryService _directory = null!;
    private SmtpSink _smtp = null!;
    private readonly List<SarabanViews> _views = [];
    private IReadOnlyList<Organization> _laos = [];

    public async Task InitializeAsync()
    {
        _smtp = await SmtpSink.StartAsync();
        _store = await backend.NewStoreAsync();
        _types = SarabanEvents.All();
        _directory = new DirectoryService(_store, _types);
        await _directory.ImportShippedAsync(EventMetadata.System(Guid.CreateVersion7()));
        // Three LAOs of Uttaradit asked to act by 31 July, reminded 7 days and 1 day before.
        _laos = _directory.Current.All.Where(o => o.Type.IsLocal() && _directory.Current.ProvinceOf(o.Id)?.Id == "prov-53").Take(3).ToList();
        foreach (var lao in _laos)
            await _store.AppendAsync(RequestedAction.StreamId(lao.Id, "origin1", "assessment"), ExpectedVersion.NoStream,
                [_types.ToEventData(Assigned(lao.Id, Due), EventMetadata.System(Guid.CreateVersion7()))]);
    }

    public async Task DisposeAsync()
    {
        foreach (var v in _views) await v.DisposeAsync();
        await _store.DisposeAsync();
        await _smtp.DisposeAsync();
    }

    /// <summary>One node: its own views (its own name in the leases) and its own mailer, on the shared database.</summary>
    private async Task<(ReminderRound Round, SarabanViews Views)> NodeAsync(IReminderMailer? mailer = null, string? name = null)
    {
        var views = await SarabanViews.OpenAsync(_store, _types, _directory, Routings, _clock, name ?? $"node-{_views.Count + 1}");
        _views.Add(views);
        var round = new ReminderRound(_store, _types, _directory, views, mailer ?? Mailer(), _clock)
        {
            AwaitViews = async (_, ct) => await views.CatchUpAsync(ct),
        };
        await views.CatchUpAsync();
        return (round, views);
    }

    private SmtpReminderMailer Mailer(int? port = null) => new(new SmtpSettings("127.0.0.1", port ?? _smtp.Port, "saraban@saraban.go.th"));

    private async Task<List<(string Stream, object Event)>> NoticesAsync()
    {
        var all = new List<(string, object)>();
        for (long after = 0; ;)
        {
            var page = await _store.ReadAllAsync(after, 1000);
            if (page.Count == 0) return all;
            all.AddRange(page.Where(e => e.Type is "action-reminder-sent" or "action-overdue-notified" or "action-reminder-mailed").Select(e => (e.StreamId, _types.Deserialize(e))));
            after = page[^1].Position;
        }
    }

    [Fact]
    public async Task each_office_is_mailed_once_at_its_mailbox_with_a_thai_subject()
    {
        var (round, views) = await NodeAsync();

        var first = await round.RunAsync();
        var again = await round.RunAsync();

        Assert.Equal((true, 3, 0, 3, 0), (first.Held, first.Reminded, first.Notified, first.Mailed, first.Refused));
        Assert.Equal((0, 0), (again.Reminded, again.Mailed));
        var mails = await _smtp.WaitForAsync(3);
        Assert.Equal(_laos.Select(l => $"saraban@{l.Id}.invalid").Order(), mails.Select(m => ((MailboxAddress)m.To.Single()).Address).Order());
        Assert.All(mails, m =>
        {
            Assert.Equal("แจ้งเตือน: การประเมินมาตรฐานขั้นต่ำการให้บริการสาธารณะ — เหลือเวลาอีก ๗ วัน (กำหนด ๓๑ กรกฎาคม ๒๕๖๗)", m.Subject);
            Assert.Contains("ที่ นร ๐๑๐๗/ว ๒๑๔๙", m.TextBody);
            Assert.Equal("saraban@saraban.go.th", ((MailboxAddress)m.From.Single()).Address);
        });
        var notices = await NoticesAsync();
        var sent = notices.Select(n => n.Event).OfType<ActionReminderSent>().ToList();
        Assert.Equal(3, sent.Count);
        var confirmed = notices.Select(n => n.Event).OfType<ActionReminderMailed>().ToList();
        Assert.Equal(mails.Select(m => m.MessageId).Order(), confirmed.Select(c => c.MessageId).Order());
        // The LAO's inbox shows it, mailed.
        await views.CatchUpAsync();
        var inbox = Assert.Single(await views.Reminders.ForOfficeAsync(_laos[0].Id));
        Assert.Equal((ReminderView.Reminder, 7, _laos[0].Id), (inbox.Kind, inbox.DaysBefore, inbox.LaoId));
        Assert.NotNull(inbox.MailedAt);
        Assert.Equal("การประเมินมาตรฐานขั้นต่ำการให้บริการสาธารณะ", inbox.Title);

        // The day before: the 1-day reminder. The day after: the district and province hear, with no mail.
        _clock.Advance(TimeSpan.FromDays(6));
        Assert.Equal((3, 3), ((await round.RunAsync()) is var r1 ? (r1.Reminded, r1.Mailed) : default));
        _clock.Advance(TimeSpan.FromDays(2));
        Assert.Equal((0, 3, 0), ((await round.RunAsync()) is var r2 ? (r2.Reminded, r2.Notified, r2.Mailed) : default));
        Assert.Equal(0, (await round.RunAsync()).Notified);
        Assert.Equal(6, (await _smtp.WaitForAsync(6)).Count);
        await views.CatchUpAsync();
        var district = _laos[0].ParentId!;
        var above = await views.Reminders.ForOfficeAsync(district);
        Assert.Contains(above, n => n.IsOverdue && n.LaoId == _laos[0].Id && n.OfficeId == district);
        Assert.Equal(3, (await views.Reminders.ForOfficeAsync("prov-53")).Count(n => n.IsOverdue));
        Assert.Equal(2, (await views.Reminders.ForOfficeAsync(_laos[0].Id)).Count(n => !n.IsOverdue));
    }

    [Fact]
    public async Task two_nodes_at_once_store_and_mail_one_reminder_per_office_and_offset()
    {
        var (a, _) = await NodeAsync();
        var (b, _) = await NodeAsync();

        async Task Rounds(ReminderRound round)
        {
            for (int i = 0; i < 5; i++) await round.RunAsync();
        }
        await Task.WhenAll(Task.Run(() => Rounds(a)), Task.Run(() => Rounds(b)));
        _clock.Advance(TimeSpan.FromDays(6));
        await Task.WhenAll(Task.Run(() => Rounds(a)), Task.Run(() => Rounds(b)));

        var notices = await NoticesAsync();
        var sent = notices.Where(n => n.Event is ActionReminderSent).Select(n => (n.Stream, ((ActionReminderSent)n.Event).DaysBefore)).ToList();
        Assert.Equal(6, sent.Count);
        Assert.Equal(6, sent.Distinct().Count());
        var mails = await _smtp.WaitForAsync(6);
        Assert.Equal(6, mails.Count);
        Assert.Equal(6, mails.Select(m => m.MessageId).Distinct().Count());
        Assert.Equal(6, notices.Count(n => n.Event is ActionReminderMailed));
    }

    [Fact]
    public async Task a_crash_between_a_mail_and_its_confirmation_sends_that_one_mail_again_with_the_same_message_id()
    {
        var (crashing, _) = await NodeAsync(new CrashAfter(Mailer(), mails: 2), name: "crashing");

        await Assert.ThrowsAsync<CrashAfter.Crash>(() => crashing.RunAsync());
        Assert.Equal(2, _smtp.Messages().Count);
        _clock.Advance(ReminderRound.Lease + TimeSpan.FromSeconds(1)); // the crashed node's lease runs out
        var (next, _) = await NodeAsync();
        var result = await next.RunAsync();

        Assert.Equal((0, 2), (result.Reminded, result.Mailed));
        var mails = await _smtp.WaitForAsync(4);
        Assert.Equal(4, mails.Count);
        Assert.Equal(3, mails.Select(m => m.MessageId).Distinct().Count());
        Assert.Equal(3, (await NoticesAsync()).Count(n => n.Event is ActionReminderSent));
    }

    [Fact]
    public async Task with_the_mail_server_down_the_reminders_are_kept_and_mailed_when_it_is_back()
    {
        var down = SmtpSink.FreePort();
        var (round, _) = await NodeAsync(Mailer(down));

        await Assert.ThrowsAnyAsync<Exception>(() => round.RunAsync());
        Assert.Equal(3, (await NoticesAsync()).Count(n => n.Event is ActionReminderSent));
        await using var back = await SmtpSink.StartAsync(down);
        var result = await round.RunAsync();

        Assert.Equal((0, 3), (result.Reminded, result.Mailed));
        Assert.Equal(3, (await back.WaitForAsync(3)).Count);
    }

    [Fact]
    public async Task a_node_that_does_not_hold_the_lease_does_nothing()
    {
        var (a, views) = await NodeAsync();
        var (b, _) = await NodeAsync();
        Assert.True(await views.Stored.HoldLeaseAsync(ReminderRound.LeaseName, ReminderRound.Lease));

        Assert.False((await b.RunAsync()).Held);
        Assert.Empty(await NoticesAsync());
        Assert.True((await a.RunAsync()).Held);
    }

    /// <summary>Sends, then dies before the confirmation is stored: what a kill -9 after the SMTP reply leaves.</summary>
    private sealed class CrashAfter(IReminderMailer inner, int mails) : IReminderMailer
    {
        private int _sent;
        public string From => inner.From;

        public async Task<string?> SendAsync(MimeMessage message, CancellationToken ct)
        {
            var outcome = await inner.SendAsync(message, ct);
            if (++_sent == mails) throw new Crash();
            return outcome;
        }

        public Task CloseAsync(CancellationToken ct) => inner.CloseAsync(ct);

        public sealed class Crash : Exception;
    }
}

public sealed class when_reminders_are_mailed_on_sqlite() : when_reminders_are_mailed(new SqliteBackend());
public sealed class when_reminders_are_mailed_on_postgres() : when_reminders_are_mailed(new PostgresBackend());
