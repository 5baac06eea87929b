using Saraban.Workflow.Access;
using Saraban.Workflow.Demo;
using Saraban.Workflow.Directory;
using Saraban.Workflow.EventStore;
using Saraban.Workflow.Letters;
using Saraban.Workflow.Numbering;
using Saraban.Workflow.Routing;
using Saraban.Workflow.Tests.EventStore;
using Saraban.Workflow.Tracking;
using Saraban.Workflow.Views;

namespace Saraban.Workflow.Tests.Letters;

/// <summary>The example's offices with their demo staff, on a fresh store: what every workflow test starts from.</summary>
internal sealed class Offices : IAsyncDisposable
{
    public required IEventStore Store { get; init; }
    public required EventTypes Types { get; init; }
    public required DirectoryService Directory { get; init; }
    public required AccessService Access { get; init; }
    public required Correspondence Letters { get; init; }
    public required TimeProvider Clock { get; init; }
    public required LetterRouting Routing { get; init; }
    /// <summary>The store's secret letters, sealed under a master key made for the test.</summary>
    public required Saraban.Workflow.Secrets.LetterSecrets Secrets { get; init; }

    /// <summary>The routings shipped in workflows/, with their assignments to offices.</summary>
    public static readonly RoutingCatalog Routings = RoutingCatalog.Load(Path.Combine(AppContext.BaseDirectory, "workflows"));
    public string Lao => DemoData.Users(Directory.Current).Single(u => u.Id == "lao.clerk").OrganizationId;

    /// <param name="clock">Also the store's: events are recorded at its time, as a simulated timeline needs.</param>
    public static async Task<Offices> OpenAsync(Backend backend, TimeProvider? clock = null)
    {
        var store = await backend.NewStoreAsync(clock);
        clock ??= TimeProvider.System;
        var types = SarabanEvents.All();
        var directory = new DirectoryService(store, types);
        var access = new AccessService(store, types, directory, new Passwords(iterations: 1000));
        await DemoData.EnsureAsync(directory, access, clock, default);
        var routing = new LetterRouting(store, types, Routings, access);
        var secrets = new Saraban.Workflow.Secrets.LetterSecrets(store, types, Saraban.Workflow.Secrets.MasterKeys.Of(System.Security.Cryptography.RandomNumberGenerator.GetBytes(32)));
        var letters = new Correspondence(store, types, directory, access, new NumberIssuer(store, types), clock, routing, secrets);
        return new Offices { Store = store, Types = types, Directory = directory, Access = access, Letters = letters, Clock = clock, Routing = routing, Secrets = secrets };
    }

    public Delivery Delivery(Action<int>? beforeGroup = null) =>
        new(Store, StoreOptions.ProjectionStorageFor(Store), Types, Routing, Directory) { BeforeGroup = beforeGroup };

    public static LetterContent Circular(string subject = "การประชุมเชิงปฏิบัติการการประเมินมาตรฐานขั้นต่ำการให้บริการสาธารณะขององค์กรปกครองส่วนท้องถิ่น") => new(
        LetterKind.Circular, Urgency.MostUrgent, Secrecy.None, subject, "ผู้ว่าราชการจังหวัด ทุกจังหวัด", [], ["กำหนดการประชุม (QR Code)"], [],
        ["ด้วยสำนักงาน ก.ก.ถ. กำหนดจัดการประชุมเชิงปฏิบัติการ …", "จึงเรียนมาเพื่อโปรดพิจารณาแจ้งองค์กรปกครองส่วนท้องถิ่นในพื้นที่"],
        "สำนักงานคณะกรรมการการกระจายอำนาจให้แก่องค์กรปกครองส่วนท้องถิ่น", "โทร. ๐ ๒๒๘๓ ๔๐๐๐");

    /// <summary>Draft, sign, dispatch, deliver: returns the letter id.</summary>
    public async Task<string> SendAsync(string clerk, string head, string office, IReadOnlyList<string> to, LetterContent? content = null)
    {
        var id = await Letters.DraftAsync(clerk, office, content ?? Circular(), to, new DateOnly(2024, 5, 13));
        await Letters.SignAsync(head, id);
        await Letters.DispatchAsync(clerk, id);
        await Delivery().CatchUpAsync();
        return id;
    }

    public async Task<string> ForwardAsync(string incoming, string clerk, string decider, string head, IReadOnlyList<string> to)
    {
        await Letters.RegisterAsync(clerk, incoming, Clock.GetUtcNow());
        await Letters.WriteMinuteAsync(clerk, incoming, "เรียน ผู้ว่าราชการจังหวัด เพื่อโปรดพิจารณา เห็นควรแจ้งอำเภอและ อปท. ในพื้นที่");
        await Letters.DecideAsync(decider, incoming, Decision.Forward, "ทราบ แจ้ง");
        var id = await Letters.ForwardAsync(clerk, incoming, Circular() with { AddresseeLine = "นายอำเภอ ทุกอำเภอ" }, to);
        await Letters.SignAsync(head, id);
        await Letters.DispatchAsync(clerk, id);
        await Delivery().CatchUpAsync();
        return id;
    }

    private SarabanViews? _views;

    /// <summary>The stored views of this store, caught up with everything written so far.</summary>
    public async Task<SarabanViews> ViewsAsync()
    {
        _views ??= await SarabanViews.OpenAsync(Store, Types, Directory, Routings, Clock);
        await _views.CatchUpAsync();
        return _views;
    }

    public async Task<CirculationTracker> TrackAsync() => (await ViewsAsync()).Tracker;

    public async ValueTask DisposeAsync()
    {
        if (_views is not null) await _views.DisposeAsync();
        await Store.DisposeAsync();
    }
}
