using Saraban.Web.Pages;
using Saraban.Web.Retention;
using Saraban.Workflow.EventStore;
using Saraban.Workflow.Files;
using Saraban.Workflow.Retention;
using Saraban.Workflow.Routing;
using Saraban.Workflow.Thai;
using Saraban.Workflow.Views;

namespace Saraban.Web.Cli;

/// <summary>./saraban retention propose|committee|consider|approve|destroy|show|hold|unhold: the destruction list's steps, as its page takes them.</summary>
internal static class DestructionCommand
{
    public const string Help =
        """
               ./saraban retention propose --office ID --as-of DATE --as USER
               ./saraban retention committee --office ID --year Y --chair USER --members U1,U2[,…] --as USER
               ./saraban retention consider --office ID --year Y (STREAM | --all) destroy|keep [--reason TEXT] --as USER
               ./saraban retention approve|destroy|show --office ID --year Y --as USER
               ./saraban retention hold|unhold STREAM --reason TEXT --as USER
               ./saraban retention record --office ID --year Y --out FILE.pdf|FILE.xlsx --as USER

          propose    the survey's expired entries as the office's destruction list of DATE's year
          committee  a chair and at least two members, users of the office (the proposer's or the admin's act)
          consider   a committee member marks a line (or --all lines not yet considered) destroy, or keep with --reason
          approve    the head approves, once every line is considered (not the proposer, not a member)
          destroy    erases the content and files of the lines marked destroy; the register lines and the log stay
          hold       a legal hold on a register entry (the office admin's, with a reason): it cannot be destroyed
          record     once destroyed, the record of destruction (บันทึกการทำลาย): the committee, the approval,
                     who destroyed and when, each destroyed line by its number, date, from and to; signature lines
        """;

    public static readonly string[] Verbs = ["propose", "committee", "consider", "approve", "destroy", "show", "hold", "unhold", "record"];

    public static async Task<int> RunAsync(Arguments args, StoreOptions options)
    {
        var what = args.Positional[0];
        string Required(string name) => args.Get(name) is { Length: > 0 } v ? v : throw new UsageException($"--{name} is required");
        var user = Required("as");
        if (what is "hold" or "unhold")
        {
            var stream = args.Positional.Count > 1 ? args.Positional[1] : throw new UsageException($"retention {what} needs STREAM");
            var reason = Required("reason");
            args.RejectUnknown();
            await using var held = await OpenedStore.OpenAsync(options);
            await Desk(held).HoldAsync(user, stream, what == "hold", reason);
            Console.WriteLine($"{stream}: {(what == "hold" ? "held" : "hold lifted")}");
            return 0;
        }
        var office = Required("office");
        DateOnly? asOf = what == "propose" ? FormFields.Date(Required("as-of")) ?? throw new UsageException("--as-of DATE is required") : null;
        var year = asOf?.Year ?? (int.TryParse(Required("year"), out var y) && y is > 1900 and < 3000 ? y : throw new UsageException("--year must be a year (C.E.)"));
        var (chair, members, all, reason2) = (args.Get("chair"), args.Get("members"), args.Has("all"), args.Get("reason"));
        var positional = args.Positional.Skip(1).ToList();
        var output = what == "record" ? Required("out") : null;
        if (output is not null && !output.EndsWith(".pdf", StringComparison.OrdinalIgnoreCase) && !output.EndsWith(".xlsx", StringComparison.OrdinalIgnoreCase))
            throw new UsageException("--out must name a .pdf or .xlsx file");
        args.RejectUnknown();
        await using var opened = await OpenedStore.OpenAsync(options);
        var desk = Desk(opened);
        switch (what)
        {
            case "propose":
            {
                await using var views = await ViewsAsync(opened);
                var list = await desk.ProposeAsync(user, await views.Retention.SurveyAsync(office, asOf!.Value));
                Console.WriteLine($"{DestructionReview.StreamId(office, year)}: {list.Items.Count} lines proposed");
                break;
            }
            case "committee":
                await desk.SetCommitteeAsync(user, office, year, chair ?? throw new UsageException("--chair is required"),
                    FormFields.List(members ?? throw new UsageException("--members is required")));
                Console.WriteLine($"{DestructionReview.StreamId(office, year)}: committee set");
                break;
            case "consider":
            {
                var mark = positional.LastOrDefault() switch { "destroy" => true, "keep" => false, _ => throw new UsageException("consider needs destroy or keep last") };
                int marked;
                if (all) marked = await desk.ConsiderRestAsync(user, office, year, mark, reason2);
                else if (positional.Count == 2) { await desk.ConsiderAsync(user, office, year, positional[0], mark, reason2); marked = 1; }
                else throw new UsageException("consider needs STREAM or --all");
                Console.WriteLine($"{marked} lines marked {(mark ? "destroy" : "keep")}");
                break;
            }
            case "approve":
                await desk.ApproveAsync(user, office, year);
                Console.WriteLine($"{DestructionReview.StreamId(office, year)}: approved");
                break;
            case "destroy":
            {
                var outcome = await desk.DestroyAsync(user, office, year);
                await using var views = await ViewsAsync(opened);
                await views.Stored.CompactAsync();
                Console.WriteLine($"{outcome.Destroyed} letters destroyed, {outcome.EventsErased} events erased, {outcome.FilesDeleted} files deleted");
                break;
            }
            case "record":
            {
                var record = await desk.RecordAsync(user, office, year);
                if (output!.EndsWith(".pdf", StringComparison.OrdinalIgnoreCase))
                {
                    using var fonts = Documents.Rendering.Fonts.LetterFonts.LoadLaksaman();
                    await File.WriteAllBytesAsync(output, DestructionRecordFile.Pdf(fonts, record));
                }
                else await File.WriteAllBytesAsync(output, DestructionRecordFile.Xlsx(record));
                Console.WriteLine($"{record.Lines.Count} destroyed lines ({record.Kept} kept) written to {output}");
                break;
            }
            case "show":
            {
                opened.Access.Authorize(user, Workflow.Access.Permission.Read, office, DateTimeOffset.UtcNow);
                var s = await desk.ReadAsync(office, year);
                if (s.OrganizationId is null) { Console.WriteLine($"no destruction list for {office} in {year}"); break; }
                Console.WriteLine($"proposed by {s.ProposedBy}; committee {(s.HasCommittee ? $"{s.ChairId} (chair), {string.Join(", ", s.MemberIds)}" : "not set")}; " +
                    $"approved {(s.Approved?.UserId ?? "no")}; carried out {(s.CarriedOut ? "yes" : "no")}");
                foreach (var i in s.Items)
                    Console.WriteLine($"{i.StreamId}\t{ThaiDigits.ToWestern(i.DocumentNumber)}\t{i.Date:yyyy-MM-dd}\t{(s.Considered.TryGetValue(i.StreamId, out var c) ? c.Destroy ? "destroy" : "keep: " + c.Reason : "-")}");
                break;
            }
        }
        return 0;
    }

    private static DestructionDesk Desk(OpenedStore opened) => new(opened.Store, opened.Types, opened.Access, TimeProvider.System, FileStores.For(opened.Store));

    private static async Task<SarabanViews> ViewsAsync(OpenedStore opened)
    {
        var views = await SarabanViews.OpenAsync(opened.Store, opened.Types, opened.Directory, RoutingCatalog.Load(RoutingCatalog.DefaultFolder()));
        await views.CatchUpAsync();
        return views;
    }
}
