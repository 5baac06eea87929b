using Saraban.Workflow.Cascade;
using Saraban.Workflow.Directory;
using Saraban.Workflow.Tests.EventStore;
using Saraban.Workflow.Tracking;

namespace Saraban.Workflow.Tests.Cascade;

public abstract class when_the_cascade_runs_through_a_province(Backend backend)
{
    /// <summary>Uttaradit follows the ordinary routing; Chonburi the two-level one (deputy screens, governor decides).</summary>
    private static readonly string[] Provinces = ["prov-53", "prov-20"];

    private static readonly Lazy<(int Districts, int Locals)> Expected = new(() =>
    {
        var view = DirectoryView.Empty;
        foreach (var e in OrganizationDirectory.DecideRegister(view, DirectoryCsv.LoadShipped())) view.Apply(e, DateTimeOffset.UnixEpoch);
        return (Provinces.Sum(p => AddresseeGroup.DistrictsOf(p).Resolve(view).Count), Provinces.Sum(p => CirculationTracker.LocalOfficesOf(view, p).Count));
    });

    [Fact]
    public async Task every_office_of_the_province_is_reached_and_every_lao_letter_chains_back()
    {
        var clock = new CascadeClock(SeedStory.RequestSent);
        await using var store = await backend.NewStoreAsync(clock);

        var r = await new NationalCascade(store, SarabanEvents.All(), clock, Letters.Offices.Routings).RunAsync(new CascadeOptions(Provinces: Provinces));

        var (districts, locals) = Expected.Value;
        Assert.Equal(Provinces.Length + districts + locals, r.OrganizationsReached);
        // The request and the extension, each down the same tree.
        Assert.Equal(2 * (1 + Provinces.Length + districts), r.LettersDispatched);
        var story = r.Story!;
        Assert.Equal((locals, locals, locals, locals), (story.Requested, story.Replied, story.Submitted, story.DeadlineMoved));
        Assert.Equal(0, story.Late);    // everyone prompt: replies before their session's date, forms in June and July
        // Each LAO is reminded once, three days before its reply-by date, and replies the day after; those whose forms come
        // after 24 July (7 days before the deadline) are reminded of the assessment too.
        Assert.InRange(story.RemindersSent, locals + 1, 2 * locals - 1);
        Assert.Equal(2 * r.OrganizationsReached, r.Receipts);
        Assert.Equal(locals, r.ChainsVerified);
        Assert.Equal(locals, r.LocalOfficesRegistered);
        Assert.True((await store.VerifyAsync()).Holds);
    }

    [Fact]
    public async Task offices_that_never_act_leave_their_subtree_unreached_and_listed_as_not_yet()
    {
        await using var store = await backend.NewStoreAsync();

        var r = await new NationalCascade(store, SarabanEvents.All(), TimeProvider.System, Letters.Offices.Routings)
            .RunAsync(new CascadeOptions(LateShare: 0.2, NeverShare: 0.2, Seed: 7, Provinces: Provinces, Actions: false));

        var (_, locals) = Expected.Value;
        Assert.Equal(locals, r.LocalOfficesExpected);
        Assert.True(r.LocalOfficesRegistered < locals, "some LAOs never act or are never reached");
        Assert.True(r.LocalOfficesRegistered > 0, "most LAOs do act");
        Assert.Equal(r.Receipts, r.Summary.Values.Sum(s => s.Registered));
        Assert.Equal(r.Summary["local offices"].Reached, r.ChainsVerified);
    }
}

public sealed class when_the_cascade_runs_through_a_province_on_sqlite() : when_the_cascade_runs_through_a_province(new SqliteBackend());
public sealed class when_the_cascade_runs_through_a_province_on_postgres() : when_the_cascade_runs_through_a_province(new PostgresBackend());

/// <summary>The seed's timeline on Phrae, which holds the extension until 13 August: its LAOs that submit in between are late.</summary>
public sealed class when_phrae_holds_the_extension
{
    [Fact]
    public async Task its_laos_submitting_after_31_july_are_late_and_late_offices_elsewhere_too()
    {
        var clock = new CascadeClock(SeedStory.RequestSent);
        await using var store = await new SqliteBackend().NewStoreAsync(clock);
        var r = await new NationalCascade(store, SarabanEvents.All(), clock, Letters.Offices.Routings)
            .RunAsync(new CascadeOptions(LateShare: 0.3, Seed: 11, Provinces: ["prov-54", "prov-53"]));
        var story = r.Story!;
        Assert.True(story.Late > 0, "late offices submit in August; in Phrae before the extension reached them");
        Assert.True(story.Late < story.Requested, "most are on time");
        Assert.Equal(story.Requested, story.DeadlineMoved);
        Assert.Equal(story.Requested, story.Submitted);
        Assert.True(story.RemindersSent > story.Requested, "late offices are reminded of the assessment too");
    }
}
