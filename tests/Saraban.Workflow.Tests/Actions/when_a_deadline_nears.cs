using Saraban.Workflow.Actions;
using Saraban.Workflow.Directory;

namespace Saraban.Workflow.Tests.Actions;

/// <summary>What the reminder job decides for one office's action, day by day (Bangkok dates): <see cref="ActionReminders.Decide"/>.</summary>
public sealed class when_a_deadline_nears
{
    internal static readonly DirectoryView Directory = Load();
    internal static readonly Organization Lao = Directory.All.First(o => o.Type == OrganizationType.SubdistrictAdministrativeOrganization && Directory.ProvinceOf(o.Id)?.Id == "prov-53");
    private static readonly DateOnly Due = new(2024, 7, 31);

    private static DirectoryView Load()
    {
        var view = DirectoryView.Empty;
        foreach (var o in DirectoryCsv.LoadShipped()) view.Apply(new OrganizationRegistered(o), DateTimeOffset.UnixEpoch);
        return view;
    }

    /// <summary>9 o'clock in Bangkok on the given day.</summary>
    internal static DateTimeOffset On(int month, int day, int hour = 9) => new(2024, month, day, hour, 0, 0, TimeSpan.FromHours(7));

    internal static ActionAssigned Assigned(string office, DateOnly due, ActionKind kind = ActionKind.Acknowledgement, int[]? remind = null, string key = "assessment") =>
        new(office, "origin1", key, kind, "การประเมินมาตรฐานขั้นต่ำการให้บริการสาธารณะ", [], null, due, null, remind ?? [7, 1],
            $"in-{office}-1", "ที่ นร ๐๑๐๗/ว ๒๑๔๙", On(3, 20));

    private static RequestedAction Action(params object[] events) =>
        events.Aggregate(RequestedAction.Empty.Apply(Assigned(Lao.Id, Due)), (s, e) => s.Apply(e));

    private static object? Decide(RequestedAction state, DateTimeOffset now, bool mailing = true) => ActionReminders.Decide(state, now, Directory, mailing);

    [Fact]
    public void nothing_is_sent_before_the_first_offset_s_day()
    {
        Assert.Null(Decide(Action(), On(7, 23)));
        Assert.Null(Decide(Action(), On(3, 21)));
    }

    [Fact]
    public void the_seven_day_reminder_comes_on_its_day_to_the_office_s_mailbox_and_only_once()
    {
        var sent = Assert.IsType<ActionReminderSent>(Decide(Action(), On(7, 24)));

        Assert.Equal(new ActionReminderSent(7, Due, On(7, 24), Lao.Mailbox), sent);
        Assert.StartsWith("saraban@", sent.MailedTo);
        Assert.Null(Decide(Action(sent), On(7, 24, 15)));
        Assert.Null(Decide(Action(sent), On(7, 27)));
        var last = Assert.IsType<ActionReminderSent>(Decide(Action(sent), On(7, 30)));
        Assert.Equal(1, last.DaysBefore);
        Assert.Null(Decide(Action(sent, last), On(7, 31)));
    }

    [Fact]
    public void the_day_is_bangkok_s_not_utc_s()
    {
        // 17:30 UTC on 23 July is 00:30 on 24 July in Bangkok: seven days before the deadline.
        Assert.IsType<ActionReminderSent>(Decide(Action(), new DateTimeOffset(2024, 7, 23, 17, 30, 0, TimeSpan.Zero)));
        Assert.Null(Decide(Action(), new DateTimeOffset(2024, 7, 23, 16, 30, 0, TimeSpan.Zero)));
    }

    [Fact]
    public void an_office_that_arrives_late_gets_only_the_nearest_reminder()
    {
        var sent = Assert.IsType<ActionReminderSent>(Decide(Action(), On(7, 30)));

        Assert.Equal(1, sent.DaysBefore);
        Assert.Null(Decide(Action(sent), On(7, 30, 16)));
        Assert.Null(Decide(Action(sent), On(7, 31)));
    }

    [Fact]
    public void an_office_that_has_acted_is_neither_reminded_nor_reported()
    {
        var done = Action(new ActionConfirmed(On(7, 20), false, "lao.clerk"));

        Assert.Null(Decide(done, On(7, 24)));
        Assert.Null(Decide(done, On(8, 1)));
    }

    [Fact]
    public void the_day_after_the_deadline_its_district_and_province_are_told_once()
    {
        Assert.IsType<ActionReminderSent>(Decide(Action(), On(7, 31, 23))); // on the deadline itself it is not yet late
        var notice = Assert.IsType<ActionOverdueNotified>(Decide(Action(), On(8, 1)));

        Assert.Equal(Due, notice.Due);
        Assert.Equal(new[] { Lao.ParentId!, "prov-53" }, notice.NotifiedOffices);
        Assert.Equal(OrganizationType.District, Directory.Get(Lao.ParentId!).Type);
        Assert.Null(Decide(Action(notice), On(8, 2)));
        Assert.Null(Decide(Action(notice), On(9, 1)));
    }

    [Fact]
    public void an_office_below_its_province_alone_is_reported_to_the_province()
    {
        var pao = Directory.Get("lao-pao-53");
        var notice = (ActionOverdueNotified)ActionReminders.Decide(RequestedAction.Empty.Apply(Assigned(pao.Id, Due)), On(8, 1), Directory, true)!;

        Assert.Equal(new[] { "prov-53" }, notice.NotifiedOffices);
    }

    [Fact]
    public void an_extension_brings_reminders_for_the_new_deadline_and_no_overdue_notice_for_the_old()
    {
        var seven = new ActionReminderSent(7, Due, On(7, 24), null);
        var one = new ActionReminderSent(1, Due, On(7, 30), null);
        var moved = new ActionDeadlineMoved(new DateOnly(2024, 8, 16), "in-x-2", "ที่ นร ๐๑๐๗/ว ๖๖๒๙", On(7, 31, 10));

        Assert.Null(Decide(Action(seven, one, moved), On(8, 1)));
        var again = Assert.IsType<ActionReminderSent>(Decide(Action(seven, one, moved), On(8, 9)));
        Assert.Equal((7, new DateOnly(2024, 8, 16)), (again.DaysBefore, again.Due));
    }

    [Fact]
    public void without_mail_the_reminder_names_no_mailbox()
    {
        Assert.Null(Assert.IsType<ActionReminderSent>(Decide(Action(), On(7, 24), mailing: false)).MailedTo);
    }

    [Fact]
    public void a_notice_s_id_comes_from_what_it_is_about_never_from_the_clock()
    {
        var stream = RequestedAction.StreamId(Lao.Id, "origin1", "assessment");

        Assert.Equal(ActionReminders.IdOf(stream, new ActionReminderSent(7, Due, On(7, 24), null)),
            ActionReminders.IdOf(stream, new ActionReminderSent(7, Due, On(7, 25, 13), "saraban@x.invalid")));
        Assert.NotEqual(ActionReminders.IdOf(stream, new ActionReminderSent(7, Due, On(7, 24), null)),
            ActionReminders.IdOf(stream, new ActionReminderSent(1, Due, On(7, 24), null)));
        Assert.NotEqual(ActionReminders.IdOf(stream, new ActionReminderSent(7, Due, On(7, 24), null)),
            ActionReminders.IdOf(stream, new ActionReminderSent(7, Due.AddDays(16), On(7, 24), null)));
        var id = ActionReminders.IdOf(stream, new ActionReminderSent(7, Due, On(7, 24), null));
        Assert.Equal($"{id:N}.reminder@saraban.go.th", ActionReminders.MessageIdOf(id, "saraban@saraban.go.th"));
    }
}
