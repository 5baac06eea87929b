using Saraban.Web.Benchmarks;
using Saraban.Web.Serving;
using Saraban.Workflow.EventStore;
using Serilog;

namespace Saraban.Web.Cli;

public static class Verbs
{
    private const string Usage =
        """
        saraban — e-Saraban: Thai official correspondence

        Usage: ./saraban <verb> [options]     (./saraban <verb> --help for its options)

          serve             run the web server (embedded SQLite by default)
          test              run every test, on SQLite and PostgreSQL
          verify            recompute the event log's hash chain
          backup            an online backup of the log and its files (either backend)
          restore FILE      restore a backup into an empty database (either backend)
          directory         load the national directory; show an office or an addressee group
          views             the stored views: status, rebuild, catch-up
          actions import    import the assessment system's export of submissions (CSV or XLSX)
          cascade           run the national circular cascade of DOMAIN.md with simulated staff
          files             a draft's files (attach, list, get) and the sweep of abandoned drafts' files
          numbers           reserve numbers of an outgoing book (จองเลข); use or cancel them
          retention         the yearly survey: the destruction list (แบบที่ ๒๕) or the 20-year handover; an entry's class
          keys              the master key of secret letters: show, rotate
          intake FILE       read the letters in a text file or PDF and print their fields
          render            a letter's JSON as PDF or DOCX; a receive stamp on a PDF
          bench eventstore  measure appends per second and latency
          bench numbering   measure running numbers issued per second, and check the series
          bench ocr         measure fields read exact and time per page from scanned letters (local OCR)
          bench pdf         measure letters rendered to PDF per second, and peak memory
          bench views       measure serve's start and its pages under load on a big log
          bench search      measure searches of registers holding millions of lines

        Options every verb takes: --log-json (log as JSON lines)
        """;

    public static async Task<int> RunAsync(string[] args)
    {
        var verb = args.FirstOrDefault();
        var rest = args.Skip(1).ToArray();
        Log.Logger = Logging.Create(args.Contains("--log-json"));
        try
        {
            return verb switch
            {
                null or "--help" or "-h" or "help" => Print(Usage, 0),
                "serve" => await ServeCommand.RunAsync(rest),
                "verify" => await VerifyCommand.RunAsync(rest),
                "backup" => await BackupCommand.BackupAsync(rest),
                "restore" => await BackupCommand.RestoreAsync(rest),
                "directory" => await DirectoryCommand.RunAsync(rest),
                "cascade" => await CascadeCommand.RunAsync(rest),
                "views" => await ViewsCommand.RunAsync(rest),
                "actions" => await ActionsCommand.RunAsync(rest),
                "intake" => IntakeCommand.Run(rest),
                "files" => await FilesCommand.RunAsync(rest),
                "keys" => await KeysCommand.RunAsync(rest),
                "numbers" => await NumbersCommand.RunAsync(rest),
                "retention" => await RetentionCommand.RunAsync(rest),
                "render" => await RenderCommand.RunAsync(rest),
                "bench" => await BenchCommand.RunAsync(rest),
                _ => throw new UsageException($"unknown verb '{verb}' (try ./saraban --help)"),
            };
        }
        catch (UsageException ex)
        {
            Console.Error.WriteLine($"saraban {verb}: {ex.Message}");
            return 2;
        }
        catch (Exception ex) when (ex is EventStoreException or Saraban.Workflow.DomainException or Saraban.Workflow.Backup.BackupException)
        {
            Console.Error.WriteLine($"saraban {verb}: {ex.Message}");
            return 1;
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // Not a failure we foresaw: still one line for the user, the whole story in the log.
            Log.Debug(ex, "saraban {Verb} failed", verb);
            Console.Error.WriteLine($"saraban {verb}: unexpected error: {ex.Message.Split('\n')[0]}");
            return 1;
        }
        catch (OperationCanceledException)
        {
            Console.Error.WriteLine($"saraban {verb}: cancelled");
            return 130;
        }
        finally
        {
            await Log.CloseAndFlushAsync();
        }
    }

    public static int Print(string text, int exitCode)
    {
        Console.WriteLine(text.TrimEnd());
        return exitCode;
    }
}
