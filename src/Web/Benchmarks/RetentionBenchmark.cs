using System.Diagnostics;
using System.Text.Json;
using Saraban.Documents.Rendering.Fonts;
using Saraban.Web.Cli;
using Saraban.Web.Retention;
using Saraban.Workflow;
using Saraban.Workflow.Access;
using Saraban.Workflow.Directory;
using Saraban.Workflow.EventStore;
using Saraban.Workflow.Letters;
using Saraban.Workflow.Retention;
using Saraban.Workflow.Routing;
using Saraban.Workflow.Views;

namespace Saraban.Web.Benchmarks;

/// <summary>
/// The yearly survey of one office whose registers hold N entries received over 30 years, of every
/// retention class: the survey's median, and with the destruction list written as XLSX; the PDF once.
/// </summary>
public static class RetentionBenchmark
{
    private const string Help =
        $"""
        Usage: ./saraban bench retention [--backend sqlite|postgres] [--entries N] [--runs N] [--no-pdf]

          --entries N   register entries of one office (default 100000), received 1996–2025
          --runs N      surveys timed (default 7); the median is reported
        {StoreArguments.Help}
        The entries are entered as events (arrived, registered, a class for some) without the book's
        numbers, then applied to the views. The last line is JSON.
        """;

    private const string Office = "prov-53";

    public static async Task<int> RunAsync(string[] argv)
    {
        var args = new Arguments(argv, "no-pdf");
        if (args.Has("help")) return Verbs.Print(Help, 0);
        var backend = args.Get("backend") ?? (args.Has("postgres") ? "postgres" : "sqlite");
        var entries = args.GetInt("entries", 100_000, max: 10_000_000);
        var runs = args.GetInt("runs", 7, max: 1000);
        var noPdf = args.Has("no-pdf");
        var explicitDb = args.Get("db") is not null || args.Get("postgres") is not null;
        var options = StoreArguments.Read(args, backend);
        args.RejectUnknown();

        await using var bench = await DirectoryStore.OpenAsync(options, given: explicitDb);
        var (store, types, directory) = (bench.Store, bench.Types, bench.Directory);
        await using var views = await SarabanViews.OpenAsync(store, types, directory, RoutingCatalog.Load(RoutingCatalog.DefaultFolder()));
        var have = (await views.Stored.QueryAsync("SELECT COUNT(*) FROM {registers.incoming} WHERE office_id = $1", r => r.GetInt64(0), default, Office))[0];
        if (have < entries) await AppendAsync(store, types, (int)have, entries - (int)have);
        var apply = Stopwatch.StartNew();
        await views.CatchUpAsync();
        Console.Error.WriteLine($"{entries:N0} entries of {Office}, views applied in {apply.Elapsed.TotalSeconds:0.0} s");

        var asOf = new DateOnly(2026, 1, 15);
        var reader = new UserAccount("bench", Office, "bench", "bench", new HashSet<Role> { Role.Clerk }, "");
        var office = directory.Current.Get(Office).Name;
        var survey = await views.Retention.SurveyAsync(Office, asOf); // warm: the first read pays for the page cache
        var surveyMs = new List<double>();
        var xlsxMs = new List<double>();
        for (int i = 0; i < runs; i++)
        {
            var clock = Stopwatch.StartNew();
            survey = await views.Retention.SurveyAsync(Office, asOf);
            surveyMs.Add(clock.Elapsed.TotalMilliseconds);
            DestructionList.Xlsx(survey, office, reader, archives: false);
            xlsxMs.Add(clock.Elapsed.TotalMilliseconds);
        }
        double? pdfMs = null;
        long pdfBytes = 0;
        if (!noPdf)
        {
            using var fonts = LetterFonts.LoadLaksaman();
            var clock = Stopwatch.StartNew();
            pdfBytes = DestructionList.Pdf(fonts, survey, office, reader, archives: false).Length;
            pdfMs = clock.Elapsed.TotalMilliseconds;
        }
        var result = new
        {
            backend, entries, runs, expired = survey.Expired.Count, forArchives = survey.ForArchives.Count,
            surveyMedianMs = Median(surveyMs), surveyWithXlsxMedianMs = Median(xlsxMs), pdfMs, pdfBytes,
        };
        Console.WriteLine($"survey of {entries:N0} entries: {result.surveyMedianMs:0} ms median ({result.expired:N0} expired, {result.forArchives:N0} for the Archives); " +
            $"with the XLSX {result.surveyWithXlsxMedianMs:0} ms" + (pdfMs is { } p ? $"; the PDF {p:0} ms ({pdfBytes / 1024:N0} KB)" : ""));
        Console.WriteLine(JsonSerializer.Serialize(result));
        return 0;
    }

    private static double Median(List<double> values)
    {
        var sorted = values.Order().ToList();
        return sorted.Count == 0 ? 0 : sorted.Count % 2 == 1 ? sorted[sorted.Count / 2] : (sorted[sorted.Count / 2 - 1] + sorted[sorted.Count / 2]) / 2;
    }

    /// <summary>Paper letters registered over 1996–2025 (about a thirtieth a year); a class other than ten years for some.</summary>
    private static async Task AppendAsync(IEventStore store, EventTypes types, int from, int count)
    {
        var random = new Random(from + 11);
        var meta = new EventMetadata("bench", Office, Guid.NewGuid(), null);
        for (int done = 0; done < count;)
        {
            var batch = new List<StreamAppend>();
            for (int i = 0; i < 500 && done < count; i++, done++)
            {
                var n = from + done;
                var year = 1996 + (int)((long)n * 30 / Math.Max(1, from + count));
                var received = new DateTimeOffset(year, 1 + n % 12, 1 + n % 28, 10, 0, 0, TimeSpan.FromHours(7));
                var content = new LetterContent(LetterKind.ExternalLetter, Urgency.None, Secrecy.None, $"ขอความร่วมมือสำรวจข้อมูล ฉบับที่ {n}", "ผู้ว่าราชการจังหวัด", [], [], [], [], "", "");
                var arrived = new LetterArrived(Office, ArrivalChannel.Paper, null, null, "กรมส่งเสริมการปกครองท้องถิ่น", $"ที่ มท ๐๘๐๔/{n}",
                    DateOnly.FromDateTime(received.Date), content, null, null, null, []);
                var roll = random.Next(100);
                RetentionClass? cls = roll < 25 ? RetentionClass.OneYear : roll < 35 ? RetentionClass.FiveYears : roll < 40 ? RetentionClass.Permanent : null;
                List<EventData> events = [types.ToEventData(arrived, meta), types.ToEventData(new LetterRegistered(n + 1, received, received, "bench"), meta)];
                if (cls is { } c) events.Add(types.ToEventData(new RetentionSet(c, null, "bench"), meta));
                batch.Add(new StreamAppend(IncomingLetter.StreamId(Office, $"retention{n}"), ExpectedVersion.NoStream, events));
            }
            await store.AppendAsync(batch);
        }
    }
}
