using System.Diagnostics;
using System.Text;
using System.Text.Json;
using Saraban.Web.Cli;
using Saraban.Workflow;
using Saraban.Workflow.Access;
using Saraban.Workflow.Demo;
using Saraban.Workflow.Directory;
using Saraban.Workflow.EventStore;
using Saraban.Workflow.Files;
using Saraban.Workflow.Letters;
using Saraban.Workflow.Numbering;
using Saraban.Workflow.Routing;

namespace Saraban.Web.Benchmarks;

/// <summary>
/// The issue's targets for files: one letter to every LAO of the country with a 5 MB enclosure
/// stores the file once and delivers no slower than without it (runs alternate, medians); a
/// 20 MB upload and download allocate a few buffers, not the file.
/// </summary>
public static class FilesBenchmark
{
    private const string Help =
        $"""
        Usage: ./saraban bench files --backend sqlite|postgres [--runs N] [--mb N]

          --backend sqlite|postgres   which store (default sqlite)
          --runs N                    dispatches with and without the file, alternating (default 3 each)
          --mb N                      the enclosure's size (default 5)
        {StoreArguments.Help}
        Runs on a fresh database. The last line is JSON.
        """;

    public static async Task<int> RunAsync(string[] argv)
    {
        var args = new Arguments(argv);
        if (args.Has("help")) return Verbs.Print(Help, 0);
        var backend = args.Get("backend") ?? "sqlite";
        var runs = args.GetInt("runs", 3, max: 20);
        var mb = args.GetInt("mb", 5, max: 100);
        var options = StoreArguments.Read(args, backend);
        args.RejectUnknown();

        await using var fresh = await FreshDatabase.CreateAsync(options, keep: false);
        await using var store = fresh.Options.CreateEventStore();
        await store.InitializeAsync();
        var types = SarabanEvents.All();
        var documents = StoreOptions.ProjectionStorageFor(store);
        var directory = new DirectoryService(store, types, documents);
        var access = new AccessService(store, types, directory, new Passwords(iterations: 1000), documents);
        await DemoData.EnsureAsync(directory, access, TimeProvider.System, CancellationToken.None);
        var catalog = RoutingCatalog.Load(RoutingCatalog.DefaultFolder());
        var routing = new LetterRouting(store, types, catalog, access);
        var letters = new Correspondence(store, types, directory, access, new NumberIssuer(store, types), TimeProvider.System, routing);
        var delivery = new Delivery(store, documents, types, routing, directory);
        var fileStore = FileStores.For(store);
        var files = new LetterFiles(letters, store, types, access, fileStore, new FileIntake(fileStore, new FileLimits(200L * 1024 * 1024)), TimeProvider.System);
        var laos = directory.Current.All.Where(o => o.Type >= OrganizationType.ProvincialAdministrativeOrganization).Select(o => o.Id).ToList();
        var scratch = Path.Combine(Path.GetTempPath(), $"saraban-bench-{Guid.NewGuid():N}.pdf");
        Console.WriteLine($"{store.Backend}: a circular to {laos.Count:N0} LAOs, {runs} runs with a {mb} MB enclosure and {runs} without, alternating");

        var with = new List<double>();
        var without = new List<double>();
        try
        {
            for (int i = 0; i < runs * 2; i++)
            {
                bool enclosed = i % 2 == 0;
                // One letter to every LAO of the country, as a department's circular goes (its dispatch
                // names all 7,850 addressees: 1.3 MB, under the event limit of 4 MiB).
                if (enclosed) await File.WriteAllBytesAsync(scratch, Pdf(mb * 1024 * 1024, seed: i));
                foreach (var part in laos.Chunk(laos.Count))
                {
                    var id = await letters.DraftAsync("pmo.clerk", "pmo-ops", Content(i), part);
                    if (enclosed)
                    {
                        await using var body = File.OpenRead(scratch);
                        await files.AttachAsync("pmo.clerk", id, body, "enclosure.pdf", "สำเนาหนังสือ");
                    }
                    await letters.SignAsync("pmo.head", id);
                    await letters.DispatchAsync("pmo.clerk", id);
                }
                var clock = Stopwatch.StartNew();
                var made = await delivery.CatchUpAsync();
                (enclosed ? with : without).Add(clock.Elapsed.TotalSeconds);
                Console.WriteLine($"  {(enclosed ? "with the file   " : "without a file  ")} {made:N0} deliveries in {clock.Elapsed.TotalSeconds:0.00} s");
            }
            int stored = 0;
            await foreach (var _ in fileStore.ListAsync()) stored++;

            // A 20 MB file up and down: what is allocated while it streams.
            await File.WriteAllBytesAsync(scratch, Pdf(20 * 1024 * 1024, seed: 99));
            var draft = await letters.DraftAsync("pmo.clerk", "pmo-ops", Content(99), ["prov-53"]);
            long before = GC.GetTotalAllocatedBytes(precise: true);
            await using (var body = File.OpenRead(scratch)) await files.AttachAsync("pmo.clerk", draft, body, "big.pdf", "");
            long uploadAllocated = GC.GetTotalAllocatedBytes(precise: true) - before;
            before = GC.GetTotalAllocatedBytes(precise: true);
            var (_, content) = await files.OpenOutgoingAsync("pmo.clerk", draft, 1);
            await using (content) await content.CopyToAsync(Stream.Null);
            long downloadAllocated = GC.GetTotalAllocatedBytes(precise: true) - before;

            var result = new
            {
                backend = store.Backend, addressees = laos.Count, enclosureMb = mb, runs,
                deliverySecondsWithFile = Median(with), deliverySecondsWithout = Median(without),
                filesStored = stored, filesEnclosed = runs * laos.Chunk(2000).Count(),
                upload20MbAllocatedMb = Math.Round(uploadAllocated / 1048576.0, 2), download20MbAllocatedMb = Math.Round(downloadAllocated / 1048576.0, 2),
            };
            Console.WriteLine($"delivery median: {result.deliverySecondsWithFile:0.00} s with the file, {result.deliverySecondsWithout:0.00} s without; " +
                $"{stored} files stored ({runs} distinct, enclosed in {result.filesEnclosed} letters) for {runs * laos.Count:N0} deliveries; 20 MB up allocated {result.upload20MbAllocatedMb} MB, down {result.download20MbAllocatedMb} MB");
            Console.WriteLine(JsonSerializer.Serialize(result));
            return 0;
        }
        finally
        {
            File.Delete(scratch);
        }
    }

    private static LetterContent Content(int i) => new(LetterKind.Circular, Urgency.MostUrgent, Secrecy.None, $"การประชุมเชิงปฏิบัติการ ครั้งที่ {i + 1}",
        "ผู้ว่าราชการจังหวัด ทุกจังหวัด", [], [], [], ["จึงเรียนมาเพื่อโปรดทราบ"], "", "");

    /// <summary>A PDF of the given size: a header and one stream of random (incompressible) bytes, like a scan.</summary>
    private static byte[] Pdf(int size, int seed)
    {
        var head = Encoding.ASCII.GetBytes("%PDF-1.7\n1 0 obj << /Type /XObject /Subtype /Image /Length 0 >>\nstream\n");
        var tail = Encoding.ASCII.GetBytes("\nendstream\nendobj\ntrailer << >>\n%%EOF\n");
        var bytes = new byte[size];
        new Random(seed).NextBytes(bytes);
        head.CopyTo(bytes, 0);
        tail.CopyTo(bytes, size - tail.Length);
        return bytes;
    }

    private static double Median(List<double> xs) => xs.Count == 0 ? 0 : Math.Round(xs.Order().ElementAt(xs.Count / 2), 3);
}
