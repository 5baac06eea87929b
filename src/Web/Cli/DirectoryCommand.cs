using System.Diagnostics;
using System.Text.Json;
using Saraban.Workflow.Directory;
using Saraban.Workflow.EventStore;

namespace Saraban.Web.Cli;

public static class DirectoryCommand
{
    private const string Help =
        $"""
        Usage: ./saraban directory <load | show ID | group GROUP> [options]

          load          register the national directory shipped with the program (once)
          show ID       one office, e.g. prov-53
          group GROUP   the offices a group names: all-provinces, districts-of:prov-53,
                        province-locals-of:prov-53, locals-of:dist-5301
        {StoreArguments.Help}
          --json        print JSON
        """;

    public static async Task<int> RunAsync(string[] argv)
    {
        var args = new Arguments(argv);
        if (args.Has("help") || args.Positional.Count == 0) return Verbs.Print(Help, args.Has("help") ? 0 : 2);
        var options = StoreArguments.Read(args);
        var json = args.Has("json");
        args.RejectUnknown();

        await using var store = options.CreateEventStore();
        await store.InitializeAsync();
        var directory = new DirectoryService(store, OrganizationDirectory.Register(new EventTypes()));
        var clock = Stopwatch.StartNew();
        switch (args.Positional[0])
        {
            case "load":
                var added = await directory.ImportShippedAsync(new EventMetadata("cli", "system", Guid.CreateVersion7(), null));
                var seconds = clock.Elapsed.TotalSeconds;
                Console.WriteLine(added > 0
                    ? $"Registered {added:N0} offices in {seconds:0.00} s."
                    : $"The directory was loaded before ({directory.Current.Count:N0} offices); nothing to do.");
                if (json) Console.WriteLine(JsonSerializer.Serialize(new { added, offices = directory.Current.Count, seconds = Math.Round(seconds, 3) }));
                return 0;
            case "show" when args.Positional.Count == 2:
                await directory.RefreshAsync();
                Print([directory.Current.Get(args.Positional[1])], json);
                return 0;
            case "group" when args.Positional.Count == 2:
                await directory.RefreshAsync();
                Print(AddresseeGroup.Parse(args.Positional[1]).Resolve(directory.Current), json);
                return 0;
            default:
                throw new UsageException($"unknown directory command '{string.Join(' ', args.Positional)}' (try ./saraban directory --help)");
        }
    }

    private static void Print(IReadOnlyList<Organization> offices, bool json)
    {
        if (json) { Console.WriteLine(JsonSerializer.Serialize(offices, EventTypes.Json)); return; }
        foreach (var o in offices) Console.WriteLine($"{o.Id,-22} {o.LetterPrefix,-14} {o.Name}  ({o.HeadTitle})");
        Console.WriteLine($"{offices.Count:N0} office(s)");
    }
}
