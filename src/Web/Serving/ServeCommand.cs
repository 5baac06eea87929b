using Saraban.Web.Cli;
using Saraban.Workflow;
using Saraban.Workflow.Access;
using Saraban.Workflow.Directory;
using Saraban.Workflow.Letters;
using Saraban.Workflow.Numbering;
using Saraban.Workflow.Routing;
using Quartz;
using Saraban.Workflow.Demo;
using Saraban.Workflow.EventStore;
using Serilog;
using System.Text.Json.Serialization;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.Extensions.Options;
using Saraban.Documents.Rendering;
using Saraban.Web.Accounts;
using Saraban.Web.Letters;
using Saraban.Web.Tracking;
using Saraban.Workflow.Registers;
using Saraban.Workflow.Views;

using Saraban.Web.Actions;

namespace Saraban.Web.Serving;

public static class ServeCommand
{
    private const string Help =
        $"""
        Usage: ./saraban serve [--urls URL] [--db PATH | --postgres "CONN"] [--log-json]

        Runs the web UI and HTTP API. Several nodes may serve one PostgreSQL database.

          --urls URL             where to listen (default http://127.0.0.1:5080)
          --public-url URL       the address people reach this system at, printed in each letter's QR
                                 verification code (default: the first of --urls)
          --reminder-seconds N   how often overdue routing steps and requested actions' reminders are
                                 looked for (default 60)
          --smtp-host HOST       mail each action reminder to the office's central mailbox through this
                                 SMTP server (env SARABAN_SMTP_HOST); without it reminders are not mailed
          --smtp-port N          its port (default 25; env SARABAN_SMTP_PORT)
          --smtp-from ADDRESS    the sender of reminder mails (default saraban@localhost; env SARABAN_SMTP_FROM)
          --max-file-mb N        the largest file a letter may carry, in MB (default 20; env SARABAN_MAX_FILE_MB)
          --ready-max-lag N      /health/ready answers 503 while a view is more than N events behind the
                                 log (default 10000)
          --emblem FILE          the deployment's emblem (ตราครุฑ) on its letters: PNG, JPEG or SVG
                                 (env SARABAN_EMBLEM; default: the templates' placeholder, marked as one)
          --max-concurrent N     requests worked on at once (default 32); more wait up to 2 s, newest
                                 first, then get 503 with Retry-After: an overloaded node still answers
                                 what it can, not everything too late
          --log-requests         log every request (failed and slow ones, over a second, are always logged)
          --demo story|circular  on a new database: the demo chain part-way, work for every demo user
                                 (default), or only the PM Office's circular sent to the provinces
        Routings are read from SARABAN_WORKFLOWS, else ./workflows; a broken file stops the start
        with its file and line.
        {StoreArguments.Help}
        """;

    public static async Task<int> RunAsync(string[] argv)
    {
        var args = new Arguments(argv, "log-requests");
        if (args.Has("help")) return Verbs.Print(Help, 0);
        var options = StoreArguments.Read(args);
        var urls = args.Get("urls") ?? "http://127.0.0.1:5080";
        var reminderSeconds = args.GetInt("reminder-seconds", 60, max: 86_400);
        var publicUrl = args.Get("public-url") ?? urls.Split(';')[0];
        var smtp = ReminderSetup.Smtp(args);
        var fileLimits = args.Get("max-file-mb") is { } mb
            ? new Saraban.Workflow.Files.FileLimits(args.GetInt("max-file-mb", 20, max: 2048) * 1024L * 1024)
            : Saraban.Workflow.Files.FileLimits.FromEnvironment();
        var demoStory = (args.Get("demo") ?? "story") switch
        {
            "story" => true,
            "circular" => false,
            var other => throw new UsageException($"--demo takes story or circular, not '{other}'"),
        };
        var readyMaxLag = args.GetInt("ready-max-lag", 10_000, max: int.MaxValue);
        var emblem = args.Get("emblem") ?? (Environment.GetEnvironmentVariable("SARABAN_EMBLEM") is { Length: > 0 } fromEnvironment ? fromEnvironment : null);
        var logRequests = args.Has("log-requests");
        var concurrent = args.GetInt("max-concurrent", Admission.DefaultConcurrent, max: 10_000);
        args.RejectUnknown();

        // SQLite's calls block their thread (its async API is synchronous), and Delivery runs 32 of
        // them at once: while another process held the log's write lock, they took every pool
        // thread, and each page waited about a second for the pool to grow (measured with a cascade
        // writing beside: p99 1,056 ms on every page). Enough threads from the start instead.
        ThreadPool.GetMinThreads(out var workers, out var io);
        ThreadPool.SetMinThreads(Math.Max(workers, 96), Math.Max(io, 96));
        var store = options.CreateEventStore();
        await store.InitializeAsync();
        Log.Information("Event store: {Backend} {Where}, {Ms} ms after the process started", store.Backend,
            options.PostgresConnectionString is null ? Path.GetFullPath(options.SqlitePath ?? StoreOptions.DefaultSqlitePath) : "(PostgreSQL)",
            SinceProcessStart());

        var catalog = RoutingCatalog.Load(RoutingCatalog.DefaultFolder());
        var types = SarabanEvents.All();
        var documents = StoreOptions.ProjectionStorageFor(store); // Delivery's checkpoint, the directory's and users' snapshots
        var directory = new DirectoryService(store, types, documents);
        var access = new AccessService(store, types, directory, new Passwords(), documents);
        var verificationBase = publicUrl.TrimEnd('/') + "/V";
        var templates = RenderCommand.FindTemplates();
        LetterRenderer? renderer = null;
        var engine = new RoutingEngine(store, types, catalog, access, TimeProvider.System);
        var routing = new LetterRouting(store, types, catalog, access);
        // Secret letters' master keys: from the environment or a key file, never the database.
        var masterKeys = Saraban.Workflow.Secrets.MasterKeys.Load(Saraban.Workflow.Secrets.MasterKeys.DefaultFileFor(options.PostgresConnectionString is null ? options.SqlitePath ?? StoreOptions.DefaultSqlitePath : null));
        Log.Information("Master key {Id} from {Where}", masterKeys.Current.Id, masterKeys.File ?? "SARABAN_MASTER_KEY");
        var secrets = new Saraban.Workflow.Secrets.LetterSecrets(store, types, masterKeys);
        var letters = new Correspondence(store, types, directory, access, new NumberIssuer(store, types), TimeProvider.System, routing, secrets)
        {
            Reservations = ReservationPolicy.FromEnvironment(),
        };
        // What the node reads before it answers runs beside the web host's start (its own work and
        // JIT): on a log of millions of events the two took 2.3–2.8 s one after the other.
        var delivery = new Delivery(store, documents, types, routing, directory);
        var fileStore = Saraban.Workflow.Files.FileStores.For(store);
        SarabanViews? opened = null;
        var gate = new ReadyGate();
        var reading = Task.Run(async () =>
        {
            try
            {
                var phase = System.Diagnostics.Stopwatch.StartNew();
                var demo = await DemoData.EnsureAsync(directory, access, TimeProvider.System, CancellationToken.None);
                Log.Information("Start: directory and users read in {Ms} ms", phase.ElapsedMilliseconds);
                phase.Restart();
                await DemoData.EnsureCircularAsync(letters, CancellationToken.None);
                if (demoStory)
                    await DemoStory.EnsureAsync(letters, at => new Correspondence(store, types, directory, access, new NumberIssuer(store, types), new FixedClock(at), routing, secrets),
                        async () => await delivery.CatchUpAsync(), access, CancellationToken.None);
                Log.Information("Start: demo letters checked in {Ms} ms", phase.ElapsedMilliseconds);
                phase.Restart();
                var views = opened = await SarabanViews.OpenAsync(store, types, directory, catalog);
                renderer = new LetterRenderer(new RenderOptions { TemplateDirectory = templates, VerificationBase = verificationBase, EmblemPath = emblem });
                Log.Information("Start: views and letter templates opened in {Ms} ms", phase.ElapsedMilliseconds);
                PrintDemoUsers(demo, directory.Current);
                Log.Information("Ready {Ms} ms after the process started: {Offices} offices, {Users} users (from snapshots at {DirectorySnapshot} and {UsersSnapshot})",
                    SinceProcessStart(), directory.Current.Count,
                    access.Current.Users.Count(), directory.SnapshotVersion, access.SnapshotVersion);
                gate.Open(new Services(letters, access, directory, engine, new ReadModels(views, directory), new LetterPrinting(renderer, verificationBase))
                {
                    Desk = new Saraban.Workflow.Actions.ActionDesk(store, types, directory, access, TimeProvider.System),
                    Lockout = new SignInLockout(views.Stored, TimeProvider.System),
                    Files = new Saraban.Workflow.Files.LetterFiles(letters, store, types, access, fileStore,
                        new Saraban.Workflow.Files.FileIntake(fileStore, fileLimits), TimeProvider.System, secrets),
                    Destruction = new Saraban.Workflow.Retention.DestructionDesk(store, types, access, TimeProvider.System, fileStore),
                });
                return views;
            }
            catch (Exception ex)
            {
                gate.Fail(ex);
                throw;
            }
        });

        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls(urls);
        // A form with a file is spooled to disk by ASP.NET; its size is bounded here, the file's own by the intake.
        builder.WebHost.ConfigureKestrel(o => o.Limits.MaxRequestBodySize = Math.Max(30L * 1024 * 1024, fileLimits.MaxBytes + 1024 * 1024));
        builder.Services.Configure<Microsoft.AspNetCore.Http.Features.FormOptions>(o => o.MultipartBodyLengthLimit = fileLimits.MaxBytes + 1024 * 1024);
        builder.Logging.ClearProviders();
        builder.Services.AddSerilog(Log.Logger); // the host's logs, and the request log's diagnostic context (Operations.RequestLogging)
        builder.Services.AddProblemDetails();
        builder.Services.ConfigureHttpJsonOptions(o => o.SerializerOptions.Converters.Add(new JsonStringEnumConverter()));
        builder.Services.AddDataProtection().SetApplicationName("saraban");
        builder.Services.AddSingleton<IConfigureOptions<KeyManagementOptions>>(sp =>
            new ConfigureOptions<KeyManagementOptions>(o => o.XmlRepository = new SharedKeyRing(store, types)));
        builder.Services.AddAntiforgery();
        builder.Services.AddRazorComponents();
        // A request that cannot be bound (a form without its antiforgery token, unreadable JSON) reaches Errors, which answers it in Thai.
        builder.Services.Configure<Microsoft.AspNetCore.Routing.RouteHandlerOptions>(o => o.ThrowOnBadRequest = true);
        // Thai stays Thai in the pages (the default encoder writes every Thai letter as &#x…;); what must be escaped still is.
        builder.Services.AddSingleton(System.Text.Encodings.Web.HtmlEncoder.Create(System.Text.Unicode.UnicodeRanges.All));
        builder.Services.AddOpenApi();
        SignIn.AddServices(builder.Services);
        builder.Services.AddSingleton(store);
        builder.Services.AddSingleton(types);
        builder.Services.AddSingleton(directory);
        builder.Services.AddSingleton(access);
        builder.Services.AddSingleton(new NumberIssuer(store, types));
        builder.Services.AddSingleton(catalog);
        builder.Services.AddSingleton(engine);
        builder.Services.AddSingleton(delivery);
        builder.Services.AddSingleton(new Saraban.Workflow.Actions.ActionAssignment(store, documents, types, directory));
        builder.Services.AddSingleton(gate);
        builder.Services.AddSingleton(_ => gate.Current); // resolved by requests, which the gate holds until it is open
        builder.Services.AddHostedService<DeliveryService>();
        builder.Services.AddSingleton(documents);
        Operations.Telemetry.AddServices(builder.Services);
        builder.Services.AddSingleton(new Saraban.Workflow.Files.FileSweep(store, types, fileStore, TimeProvider.System));
        builder.Services.AddHostedService<Saraban.Web.Files.FileSweepService>();
        builder.Services.AddHostedService<ViewsDaemon>();
        ReminderSetup.AddServices(builder.Services, store, types, directory, () => opened ?? throw new InvalidOperationException("the views are not open yet"), smtp);
        builder.Services.AddQuartz(q =>
        {
            q.ScheduleJob<RoutingReminderJob>(t => t.WithIdentity("routing-reminders")
                .StartNow().WithSimpleSchedule(s => s.WithInterval(TimeSpan.FromSeconds(reminderSeconds)).RepeatForever()));
            q.ScheduleJob<ActionReminderJob>(t => t.WithIdentity("action-reminders")
                .StartNow().WithSimpleSchedule(s => s.WithInterval(TimeSpan.FromSeconds(reminderSeconds)).RepeatForever()));
        });
        builder.Services.AddHostedService<ReminderScheduler>();
        builder.Services.AddHostedService<SnapshotService>();
        await using var app = builder.Build();
        Operations.RequestLogging.Use(app, logRequests);
        app.UseExceptionHandler();
        Pages.WebAssets.Use(app);
        app.UseStatusCodePages();
        Errors.Use(app);
        ReadyGate.Use(app);
        await using var admission = new Admission(concurrent, Admission.DefaultWait);
        admission.Use(app); // before sign-in and Freshness, which already read the database
        app.UseAuthentication();
        Freshness.Use(app);
        app.UseAuthorization();
        app.UseRateLimiter();
        app.UseAntiforgery();
        JsonOnly.Use(app);
        ViewsDaemon.Use(app);
        Operations.Health.Map(app, readyMaxLag);
        Operations.Telemetry.Map(app);
        app.MapGet("/api/health", async (IEventStore s, CancellationToken ct) =>
            Results.Ok(new { status = "ok", backend = s.Backend, headPosition = await s.HeadPositionAsync(ct) })).AllowAnonymous();
        app.MapOpenApi().AllowAnonymous(); // /openapi/v1.json: the API's description, for other systems to build against
        IntakeEndpoint.Map(app);
        app.MapGet("/status", async (IEventStore s, CancellationToken ct) =>
            Pages.PageResults.Page<StatusPage>(new { Backend = s.Backend, Head = await s.HeadPositionAsync(ct) })).AllowAnonymous();
        SignIn.Map(app);
        IncomingApi.Map(app);
        OutgoingApi.Map(app);
        PaperApi.Map(app);
        ScannedPaper.Map(app);
        SentPdfApi.Map(app);
        RegistersApi.Map(app);
        TrackingApi.Map(app);
        Actions.ActionsApi.Map(app);
        Actions.ActionPages.Map(app);
        Actions.RequestActionsApi.Map(app);
        AdminApi.Map(app);
        Saraban.Web.Files.FilesApi.Map(app);
        VerificationPage.Map(app);
        LetterPages.Map(app);
        Inbox.InboxPages.Map(app);
        Registers.RegisterPages.Map(app);
        RegisterExport.Map(app);
        Reservations.ReservationsApi.Map(app);
        RecallApi.Map(app);
        Retention.RetentionPages.Map(app);
        Retention.DestructionApi.Map(app);
        TrackingPages.Map(app);
        RemindersApi.Map(app);
        await app.StartAsync();
        Log.Information("Start: listening {Ms} ms after the process started", SinceProcessStart());
        SarabanViews views;
        try { views = await reading; }
        catch
        {
            await app.StopAsync();
            throw;
        }
        await app.WaitForShutdownAsync();
        await views.DisposeAsync();
        await store.DisposeAsync();
        renderer?.Dispose();
        return 0;
    }

    private static long SinceProcessStart() => (long)(DateTime.Now - System.Diagnostics.Process.GetCurrentProcess().StartTime).TotalMilliseconds;

    private static void PrintDemoUsers(IReadOnlyList<DemoData.DemoUser> users, DirectoryView directory)
    {
        Console.WriteLine($"Demo accounts (password for all: {DemoData.Password}); change them before real use:");
        foreach (var u in users)
            Console.WriteLine($"  {u.Id,-20} {string.Join(",", u.Roles.Select(r => r.ToString().ToLowerInvariant())),-8} {directory.Get(u.OrganizationId).Name} — {u.Position}");
    }

    /// <summary>The clock of the demo story's earlier acts.</summary>
    private sealed class FixedClock(DateTimeOffset at) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => at;
    }
}
