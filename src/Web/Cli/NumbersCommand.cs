using Saraban.Web.Pages;
using Saraban.Workflow.Letters;
using Saraban.Workflow.Numbering;

namespace Saraban.Web.Cli;

/// <summary>./saraban numbers: reserving numbers of an outgoing book (จองเลข) from the command line, as the register's page does.</summary>
public static class NumbersCommand
{
    private const string Help =
        $"""
        Usage: ./saraban numbers reserve --office ID --count N --purpose TEXT --as USER [--series outgoing|circular]
               ./saraban numbers use RESERVATION NUMBER --subject TEXT --to ADDRESSEE --date DATE --as USER
               ./saraban numbers cancel RESERVATION NUMBER --reason TEXT --as USER
               ./saraban numbers show RESERVATION --as USER

          reserve  take the next N numbers of the office's book for this year (a line each in the register)
          use      enter the letter signed on paper under a reserved number (DATE: YYYY-MM-DD or a Thai date)
          cancel   cancel a reserved number with the reason; it stays in the register as a cancelled line
          show     a reservation's numbers and what became of each
        {StoreArguments.Help}
        """;

    public static async Task<int> RunAsync(string[] argv)
    {
        var args = new Arguments(argv);
        if (args.Has("help") || args.Positional.Count == 0) return Verbs.Print(Help, args.Has("help") ? 0 : 2);
        var options = StoreArguments.Read(args);
        var what = args.Positional[0];
        string Need(int i, string name) => args.Positional.Count > i ? args.Positional[i] : throw new UsageException($"numbers {what} needs {name}");
        string Required(string name) => args.Get(name) is { Length: > 0 } v ? v : throw new UsageException($"--{name} is required");
        int Number() => int.TryParse(Need(2, "NUMBER"), out var n) && n > 0 ? n : throw new UsageException($"NUMBER must be a whole number above 0, not '{args.Positional[2]}'");
        await using var opened = await OpenedStore.OpenAsync(options);
        var (store, types, directory, access) = opened;
        var letters = new Correspondence(store, types, directory, access, new NumberIssuer(store, types), TimeProvider.System, secrets: opened.Secrets(options))
        {
            Reservations = ReservationPolicy.FromEnvironment(),
        };
        switch (what)
        {
            case "reserve":
            {
                var (office, user, purpose) = (Required("office"), Required("as"), Required("purpose"));
                var count = args.GetInt("count", 0, min: 0, max: int.MaxValue);
                if (count == 0) throw new UsageException("--count N is required");
                var series = args.Get("series") switch
                {
                    null or "outgoing" => NumberSeries.Outgoing,
                    "circular" => NumberSeries.OutgoingCircular,
                    var other => throw new UsageException($"--series must be outgoing or circular, not '{other}'"),
                };
                args.RejectUnknown();
                var r = await letters.ReserveNumbersAsync(user, office, series, count, purpose);
                Console.WriteLine($"reservation {r.ReservationId}");
                foreach (var n in r.Numbers) Console.WriteLine($"{n.Number}\t{n.DocumentNumber}");
                return 0;
            }
            case "use":
            {
                var (id, number) = (Need(1, "RESERVATION"), Number());
                var (user, subject, to) = (Required("as"), Required("subject"), Required("to"));
                var date = FormFields.Date(Required("date")) ?? throw new UsageException("--date is required");
                args.RejectUnknown();
                await letters.UseReservedNumberAsync(user, id, number, subject, to, date);
                Console.WriteLine($"number {number} of reservation {id} used");
                return 0;
            }
            case "cancel":
            {
                var (id, number) = (Need(1, "RESERVATION"), Number());
                var (user, reason) = (Required("as"), Required("reason"));
                args.RejectUnknown();
                await letters.CancelReservedNumberAsync(user, id, number, reason);
                Console.WriteLine($"number {number} of reservation {id} cancelled");
                return 0;
            }
            case "show":
            {
                var id = Need(1, "RESERVATION");
                var user = Required("as");
                args.RejectUnknown();
                var r = await letters.ReadReservationAsync(user, id);
                foreach (var n in r.Numbers.Values) Console.WriteLine($"{n.Number}\t{n.DocumentNumber}\t{n.Status}\t{n.Note}");
                return 0;
            }
            default:
                throw new UsageException($"unknown numbers command '{what}' (try ./saraban numbers --help)");
        }
    }
}
