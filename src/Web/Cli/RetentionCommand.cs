using System.Diagnostics;
using Saraban.Documents.Rendering.Fonts;
using Saraban.Web.Pages;
using Saraban.Web.Retention;
using Saraban.Workflow.Access;
using Saraban.Workflow.Letters;
using Saraban.Workflow.Numbering;
using Saraban.Workflow.Retention;
using Saraban.Workflow.Routing;
using Saraban.Workflow.Views;

namespace Saraban.Web.Cli;

/// <summary>./saraban retention: the yearly survey (บัญชีหนังสือขอทำลาย, or the 20-year handover list) and a register entry's class.</summary>
public static class RetentionCommand
{
    private const string Help =
        $"""
        Usage: ./saraban retention list --office ID --as-of DATE --out FILE.pdf|FILE.xlsx --as USER [--archives]
               ./saraban retention set STREAM ten-years|one-year|five-years|permanent --as USER [--reason TEXT]

          list   the office's register entries whose retention ran out by DATE (YYYY-MM-DD or a Thai date),
                 as แบบที่ ๒๕ with its consideration column; --archives: the letters kept for good that
                 reached 20 years, for the National Archives
          set    a register entry's retention class (in-… or out-…): the clerk's at registration; a
                 change is the office admin's, with --reason
        {DestructionCommand.Help}
        {StoreArguments.Help}
        """;

    public static async Task<int> RunAsync(string[] argv)
    {
        var args = new Arguments(argv, "archives", "all");
        if (args.Has("help") || args.Positional.Count == 0) return Verbs.Print(Help, args.Has("help") ? 0 : 2);
        var options = StoreArguments.Read(args);
        var what = args.Positional[0];
        if (DestructionCommand.Verbs.Contains(what)) return await DestructionCommand.RunAsync(args, options);
        string Required(string name) => args.Get(name) is { Length: > 0 } v ? v : throw new UsageException($"--{name} is required");
        switch (what)
        {
            case "list":
            {
                var (office, user, output) = (Required("office"), Required("as"), Required("out"));
                var asOf = FormFields.Date(Required("as-of")) ?? throw new UsageException("--as-of DATE is required");
                var archives = args.Has("archives");
                args.RejectUnknown();
                var pdf = output.EndsWith(".pdf", StringComparison.OrdinalIgnoreCase);
                if (!pdf && !output.EndsWith(".xlsx", StringComparison.OrdinalIgnoreCase)) throw new UsageException("--out must name a .pdf or .xlsx file");
                await using var opened = await OpenedStore.OpenAsync(options);
                var (store, types, directory, access) = opened;
                var reader = access.Authorize(user, Permission.Read, office, DateTimeOffset.UtcNow).User;
                await using var views = await SarabanViews.OpenAsync(store, types, directory, RoutingCatalog.Load(RoutingCatalog.DefaultFolder()));
                await views.CatchUpAsync();
                var clock = Stopwatch.StartNew();
                var survey = await views.Retention.SurveyAsync(office, asOf);
                var name = directory.Current.Get(office).Name;
                var bytes = pdf ? Pdf(survey, name, reader, archives) : DestructionList.Xlsx(survey, name, reader, archives);
                await File.WriteAllBytesAsync(output, bytes);
                var count = archives ? survey.ForArchives.Count : survey.Expired.Count;
                Console.WriteLine($"{count} entries ({survey.Expired.Count} expired, {survey.ForArchives.Count} for the National Archives) written to {output} in {clock.ElapsedMilliseconds} ms");
                return 0;
            }
            case "set":
            {
                var stream = args.Positional.Count > 1 ? args.Positional[1] : throw new UsageException("retention set needs STREAM");
                var wanted = (args.Positional.Count > 2 ? args.Positional[2] : "") switch
                {
                    "ten-years" => RetentionClass.TenYears,
                    "one-year" => RetentionClass.OneYear,
                    "five-years" => RetentionClass.FiveYears,
                    "permanent" => RetentionClass.Permanent,
                    var other => throw new UsageException($"the class must be ten-years, one-year, five-years or permanent, not '{other}'"),
                };
                var user = Required("as");
                var reason = args.Get("reason");
                args.RejectUnknown();
                await using var opened = await OpenedStore.OpenAsync(options);
                var (store, types, directory, access) = opened;
                var letters = new Correspondence(store, types, directory, access, new NumberIssuer(store, types), TimeProvider.System, secrets: opened.Secrets(options));
                await letters.SetRetentionAsync(user, stream, wanted, reason);
                Console.WriteLine($"{stream}: {wanted}");
                return 0;
            }
            default:
                throw new UsageException($"unknown retention command '{what}' (try ./saraban retention --help)");
        }
    }

    private static byte[] Pdf(RetentionSurveyResult survey, string office, UserAccount user, bool archives)
    {
        using var fonts = LetterFonts.LoadLaksaman();
        return DestructionList.Pdf(fonts, survey, office, user, archives);
    }
}
