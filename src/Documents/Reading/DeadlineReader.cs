using System.Text.RegularExpressions;

namespace Saraban.Documents.Reading;

/// <summary>
/// Finds the date the body asks something to be done by: "รายงานผลภายในวันที่ ๓๐ กันยายน ๒๕๖๖",
/// "ไม่เกินวันที่ …", "ก่อนวันที่ …", or the end of a period ("ตั้งแต่วันที่ … ถึงวันที่ …").
/// A date after ลงวันที่ is a cited letter's, never a deadline.
/// </summary>
internal static partial class DeadlineReader
{
    public static void Read(IReadOnlyList<LineInfo> lines, int bodyStart, int bodyEnd, LetterDraft draft)
    {
        var text = string.Join(' ', lines.Skip(bodyStart).Take(Math.Max(0, bodyEnd - bodyStart)).Select(l => l.Line.Flat));
        var explicitDeadlines = new List<FoundDate>();
        var periodEnds = new List<FoundDate>();
        foreach (var date in DateFinder.FindAll(text))
        {
            var before = TextLines.Compact(text[Math.Max(0, date.Index - 40)..date.Index]);
            if (Trigger().IsMatch(before))
            {
                explicitDeadlines.Add(date);
            }
            else if (PeriodEnd().IsMatch(before) && PeriodStart().IsMatch(TextLines.Compact(text[Math.Max(0, date.Index - 90)..date.Index])))
            {
                periodEnds.Add(date);
            }
        }

        // "ภายใน …" says it outright; the end of a period may be a meeting's, so it counts only
        // when nothing says it outright, and less surely.
        var (deadlines, factor) = explicitDeadlines.Count > 0 ? (explicitDeadlines, 0.9) : (periodEnds, 0.6);
        if (deadlines.Count == 0)
        {
            return;
        }

        // Several different deadlines (one per group, say) make the first one less sure to be the one.
        var first = deadlines[0];
        var score = first.Score * factor * (deadlines.Select(d => d.Date).Distinct().Count() > 1 ? 0.8 : 1);
        draft.Set(f => f with { Deadline = first.Date }, FieldNames.Deadline, FieldConfidence.Of(score));
    }

    // The words just before the date, spaces and dots removed: ภายใน[วันจันทร์]ที่, ไม่เกินวันที่…
    [GeneratedRegex(@"(?:ภายใน|ไม่เกิน|ไม่เกินกว่า|ก่อน|แล้วเสร็จ|สิ้นสุด|ไม่ช้ากว่า)(?:วัน[\u0E01-\u0E4F]{0,10}?)?(?:ที่)?$")]
    private static partial Regex Trigger();

    [GeneratedRegex(@"(?:จนถึง|ถึง|-|–)(?:วัน[\u0E01-\u0E4F]{0,10}?)?(?:ที่)?$")]
    private static partial Regex PeriodEnd();

    [GeneratedRegex(@"(?:ตั้งแต่|ระหว่าง)")]
    private static partial Regex PeriodStart();
}
