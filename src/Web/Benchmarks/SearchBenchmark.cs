using System.Diagnostics;
using System.Text.Json;
using Saraban.Web.Cli;
using Saraban.Workflow;
using Saraban.Workflow.Directory;
using Saraban.Workflow.EventStore;
using Saraban.Workflow.Letters;
using Saraban.Workflow.Registers;
using Saraban.Workflow.Routing;
using Saraban.Workflow.Views;

namespace Saraban.Web.Benchmarks;

/// <summary>
/// Searches of the receive registers when they hold millions of lines: received letters spread
/// over a province's worth of offices, with subjects drawn from the words letters use, entered
/// as events and applied to the views; then the searches a clerk makes, timed.
/// </summary>
public static class SearchBenchmark
{
    private const string Help =
        $"""
        Usage: ./saraban bench search --backend sqlite|postgres [--rows N] [--offices N] [--queries N]

          --rows N        register lines in all (default 2000000)
          --offices N     offices they are spread over (default 100: about a province)
          --queries N     searches of each kind (default 50)
        {StoreArguments.Help}
        With --db or --postgres the database is kept, and lines it already holds are reused; without,
        a fresh one is made and removed afterwards. The last line is JSON.
        """;

    // Words of official letters, common and less so; each subject takes several.
    private static readonly string[] Words =
    [
        "การประชุม", "เชิงปฏิบัติการ", "ขอเชิญ", "ประชาสัมพันธ์", "โครงการ", "งบประมาณ", "รายงานผล", "การดำเนินงาน", "ขอความร่วมมือ",
        "แจ้งเวียน", "มาตรฐาน", "การประเมิน", "องค์กรปกครองส่วนท้องถิ่น", "การจัดซื้อจัดจ้าง", "การฝึกอบรม", "สาธารณภัย", "การป้องกัน",
        "ยาเสพติด", "การเลือกตั้ง", "ภาษีที่ดิน", "สิ่งปลูกสร้าง", "ผู้สูงอายุ", "เบี้ยยังชีพ", "คนพิการ", "การศึกษา", "สาธารณสุข",
        "โรคไข้เลือดออก", "น้ำท่วม", "ภัยแล้ง", "การท่องเที่ยว", "วันสำคัญ", "พระราชพิธี", "ตรวจสอบ", "ติดตาม", "ประจำปี", "ไตรมาส",
    ];

    private static readonly string[] Senders =
    [
        "สำนักงานปลัดสำนักนายกรัฐมนตรี", "กรมส่งเสริมการปกครองท้องถิ่น", "กรมการปกครอง", "สำนักงานจังหวัด", "กรมบัญชีกลาง",
        "สำนักงานคณะกรรมการการกระจายอำนาจให้แก่องค์กรปกครองส่วนท้องถิ่น", "กระทรวงสาธารณสุข", "กรมป้องกันและบรรเทาสาธารณภัย",
    ];

    public static async Task<int> RunAsync(string[] argv)
    {
        var args = new Arguments(argv);
        if (args.Has("help")) return Verbs.Print(Help, 0);
        var backend = args.Get("backend") ?? (args.Has("postgres") ? "postgres" : "sqlite");
        var rows = args.GetInt("rows", 2_000_000, max: 50_000_000);
        var officeCount = args.GetInt("offices", 100, max: 8_000);
        var queries = args.GetInt("queries", 50, max: 10_000);
        var explicitDb = args.Get("db") is not null || args.Get("postgres") is not null;
        var options = StoreArguments.Read(args, backend);
        args.RejectUnknown();

        await using var bench = await DirectoryStore.OpenAsync(options, given: explicitDb);
        var (store, types, directory) = (bench.Store, bench.Types, bench.Directory);
        var offices = directory.Current.All.Where(o => o.Type is OrganizationType.District or OrganizationType.Province).Select(o => o.Id).Order().Take(officeCount).ToList();
        await using var views = await SarabanViews.OpenAsync(store, types, directory, RoutingCatalog.Load(RoutingCatalog.DefaultFolder()));
        await views.CatchUpAsync();

        var have = await CountAsync(views.Stored);
        var appendClock = Stopwatch.StartNew();
        if (have < rows) await AppendAsync(store, types, offices, have, rows - have);
        var appendSeconds = appendClock.Elapsed.TotalSeconds;
        var applyClock = Stopwatch.StartNew();
        var applied = await views.CatchUpAsync();
        var applySeconds = applyClock.Elapsed.TotalSeconds;
        var lines = await CountAsync(views.Stored);
        Console.Error.WriteLine($"{lines:N0} register lines over {offices.Count} offices ({rows - have:N0} added in {appendSeconds:0.0} s, views applied in {applySeconds:0.0} s)");

        var random = new Random(7);
        var today = Workflow.Thai.BangkokTime.DateOf(DateTimeOffset.UtcNow);
        string Office() => offices[random.Next(offices.Count)];
        var kinds = new (string Kind, Func<RegisterQuery> Query)[]
        {
            ("common word", () => new RegisterQuery(Words[random.Next(8)])),
            ("any word", () => new RegisterQuery(Words[random.Next(Words.Length)])),
            ("rare word", () => new RegisterQuery($"เลขที่พิเศษ{random.Next(1000)}")),
            ("two characters", () => new RegisterQuery("ภั")),
            ("document number", () => new RegisterQuery($"ว {ThaiDigitsOf(random.Next(1, 5000))}")),
            ("sender", () => new RegisterQuery(Sender: "กรมส่งเสริม")),
            ("word this month", () => new RegisterQuery(Words[random.Next(Words.Length)], From: today.AddDays(-30), To: today)),
        };
        var results = new Dictionary<string, object>();
        foreach (var (kind, query) in kinds)
        {
            for (int i = 0; i < 3; i++) await views.Registers.IncomingAsync(Office(), query()); // warm
            var times = new List<double>();
            long found = 0;
            for (int i = 0; i < queries; i++)
            {
                var q = query();
                var office = Office();
                var started = Stopwatch.GetTimestamp();
                found += (await views.Registers.IncomingAsync(office, q)).Count;
                times.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
            }
            times.Sort();
            double At(double p) => Math.Round(times[Math.Min(times.Count - 1, (int)(p * times.Count))], 2);
            Console.WriteLine($"  {kind,-16} p50 {At(0.5),7:0.00} ms   p99 {At(0.99),7:0.00} ms   max {times[^1],7:0.00} ms   lines found per search {found / (double)queries,6:0}");
            results[kind] = new { p50Ms = At(0.5), p99Ms = At(0.99), maxMs = Math.Round(times[^1], 2), foundPerSearch = Math.Round(found / (double)queries, 1) };
        }
        Console.WriteLine(JsonSerializer.Serialize(new { backend = store.Backend, lines, offices = offices.Count, queries, appliedEventsPerSecond = applied == 0 ? 0 : Math.Round(applied / applySeconds), searches = results }));
        return 0;
    }

    private static async Task<long> CountAsync(IViewReader views) =>
        (await views.QueryAsync("SELECT COUNT(*) FROM {registers.incoming}", r => r.GetInt64(0), default))[0];

    private static string ThaiDigitsOf(int n) => Workflow.Thai.ThaiDigits.Format(n);

    /// <summary>Letters arriving by paper, 500 offices' streams per transaction, as a year's registers would hold them.</summary>
    private static async Task AppendAsync(IEventStore store, EventTypes types, IReadOnlyList<string> offices, long from, long count)
    {
        var random = new Random((int)from + 1);
        var meta = new EventMetadata("bench", "bench", Guid.NewGuid(), null);
        var day0 = new DateOnly(2022, 1, 1);
        for (long done = 0; done < count;)
        {
            var batch = new List<StreamAppend>();
            for (int i = 0; i < 500 && done < count; i++, done++)
            {
                long n = from + done;
                var words = Enumerable.Range(0, random.Next(3, 7)).Select(_ => Words[random.Next(Words.Length)]);
                var subject = string.Join(" ", words) + (random.Next(2000) == 0 ? $" เลขที่พิเศษ{random.Next(1000)}" : "");
                var office = offices[(int)(n % offices.Count)];
                var date = day0.AddDays((int)(n * 1000 / Math.Max(1, count + from) % 1000));
                var content = new LetterContent(LetterKind.ExternalLetter, Urgency.None, Secrecy.None, subject, "ผู้ว่าราชการจังหวัด", [], [], [], [], "", "");
                var arrived = new LetterArrived(office, ArrivalChannel.Paper, null, null, Senders[random.Next(Senders.Length)],
                    $"ที่ มท ๐๘๐๔.{ThaiDigitsOf(random.Next(1, 9))}/ว {ThaiDigitsOf(random.Next(1, 5000))}", date, content, null, null, null, []);
                batch.Add(new StreamAppend(IncomingLetter.StreamId(office, $"bench{n}"), ExpectedVersion.NoStream, [types.ToEventData(arrived, meta)]));
            }
            await store.AppendAsync(batch);
            if (done % 100_000 < 500) Console.Error.Write($"\r{from + done:N0} lines…");
        }
        Console.Error.WriteLine();
    }
}
