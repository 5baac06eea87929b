using Saraban.Workflow.Files;
using Saraban.Workflow.Letters;
using Saraban.Workflow.Retention;
using Saraban.Workflow.Tests.Files;
using Saraban.Workflow.Tests.Letters;
using Saraban.Workflow.Thai;

namespace Saraban.Workflow.Tests.Retention;

/// <summary>The destruction desk of a test's offices, and the steps every destruction test takes.</summary>
internal static class Destruction
{
    public static readonly TimeSpan Bangkok = TimeSpan.FromHours(7);

    public static DestructionDesk Desk(this Offices offices) => new(offices.Store, offices.Types, offices.Access, offices.Clock, offices.Store());

    /// <summary>A paper letter entered in the office's receive register now: its stream.</summary>
    public static async Task<string> EnterAsync(this Offices offices, string clerk, string office, string subject, RetentionClass? retention = null)
    {
        var now = offices.Clock.GetUtcNow();
        var (stream, _) = await offices.Letters.RegisterPaperAsync(clerk, office, new PaperLetter("บริษัท ไปรษณีย์ไทย จำกัด", $"ที่ ปณท {subject.Length}",
            BangkokTime.DateOf(now), Offices.Circular(subject) with { Kind = LetterKind.ExternalLetter, Body = [] }), now);
        if (retention is { } r) await offices.Letters.SetRetentionAsync(clerk, stream, r, null);
        return stream;
    }

    public static async Task<RetentionSurveyResult> SurveyAsync(this Offices offices, string office, DateOnly asOf) =>
        await (await offices.ViewsAsync()).Retention.SurveyAsync(office, asOf);

    /// <summary>The province's list of <paramref name="asOf"/>'s year: proposed by its clerk, considered by its committee (vice governor chairing), every line as <paramref name="destroy"/> says.</summary>
    public static async Task<DestructionState> ReviewAsync(this Offices offices, DateOnly asOf, Func<string, bool> destroy)
    {
        var desk = offices.Desk();
        var list = await desk.ProposeAsync("uttaradit.clerk", await offices.SurveyAsync("prov-53", asOf));
        await desk.SetCommitteeAsync("uttaradit.clerk", "prov-53", asOf.Year, "uttaradit.vice", ["uttaradit.tracker", "uttaradit.admin"]);
        foreach (var item in list.Items)
            await desk.ConsiderAsync("uttaradit.tracker", "prov-53", asOf.Year, item.StreamId, destroy(item.StreamId), destroy(item.StreamId) ? null : "ยังใช้อ้างอิง");
        return await desk.ReadAsync("prov-53", asOf.Year);
    }
}
