using System.Text.RegularExpressions;
using Saraban.Workflow.Thai;

namespace Saraban.Documents.Reading;

/// <summary>A Thai date found in text.</summary>
/// <param name="Date">The date.</param>
/// <param name="Index">Where it starts.</param>
/// <param name="Length">How long it is.</param>
/// <param name="Score">1 for a month spelt right; less for a misspelt one or a two-digit year.</param>
internal sealed record FoundDate(DateOnly Date, int Index, int Length, double Score)
{
    public int End => Index + Length;
}

/// <summary>
/// Finds Buddhist-era dates (<c>๙ กันยายน ๒๕๖๖</c>, <c>12 ก.ย. 2566</c>) in running text. The
/// month may carry one OCR slip; the date itself is then read by <see cref="ThaiDate"/>, which
/// rejects what is not a real date (a Christian-era year, 31 September).
/// </summary>
internal static partial class DateFinder
{
    private static readonly string[] FullMonths = Enumerable.Range(1, 12).Select(ThaiDate.FullMonthName).ToArray();
    private static readonly string[] ShortMonths = Enumerable.Range(1, 12).Select(m => TextLines.Compact(ThaiDate.ShortMonthName(m))).ToArray();

    public static IEnumerable<FoundDate> FindAll(string text)
    {
        // A failed candidate may hide a real date inside it ("ว 45 ลว. 27 มี.ค. 67" first offers
        // "45 ลว. 27"), so the search goes on from its next character, not from its end.
        var start = 0;
        while (start < text.Length)
        {
            var match = Candidate().Match(text, start);
            if (!match.Success)
            {
                yield break;
            }

            if (TryRead(match, out var found))
            {
                yield return found;
                start = found.End;
            }
            else
            {
                start = match.Index + 1;
            }
        }
    }

    public static FoundDate? First(string text) => FindAll(text).FirstOrDefault();

    /// <summary>True when the text is nothing but one date, perhaps after วันที่.</summary>
    public static FoundDate? Whole(string flat)
    {
        var found = First(flat);
        if (found is null)
        {
            return null;
        }

        var before = TextLines.Compact(flat[..found.Index]);
        var after = TextLines.Compact(flat[found.End..]);
        return before is "" or "วันที่" or "ลงวันที่" && after.Length == 0 ? found : null;
    }

    private static bool TryRead(Match match, out FoundDate found)
    {
        found = null!;
        var monthText = TextLines.Compact(match.Groups["m"].Value);
        if (monthText.Length is < 2 or > 12 || !TryMonth(monthText, out var month, out var score))
        {
            return false;
        }

        var year = match.Groups["y"].Value;
        var canonical = $"{match.Groups["d"].Value} {ThaiDate.FullMonthName(month)} {year}";
        if (!ThaiDate.TryParse(canonical, out var date))
        {
            return false;
        }

        found = new FoundDate(date, match.Index, match.Length, year.Length == 2 ? score * 0.9 : score);
        return true;
    }

    private static bool TryMonth(string compact, out int month, out double score)
    {
        (month, score) = (0, 1);
        for (var i = 0; i < 12; i++)
        {
            if (compact == FullMonths[i] || compact == ShortMonths[i])
            {
                month = i + 1;
                return true;
            }
        }

        // One slip in a full month name, only when it points at a single month.
        var matches = Enumerable.Range(0, 12).Where(i => Fuzzy.Distance(compact, FullMonths[i]) <= 1).ToList();
        if (compact.Length >= 5 && matches.Count == 1)
        {
            (month, score) = (matches[0] + 1, 0.8);
            return true;
        }

        return false;
    }

    // Day; month words (Thai letters, dots, single spaces); optional พ.ศ.; 4- or 2-digit year.
    [GeneratedRegex(@"(?<![0-9๐-๙])(?<d>[0-9๐-๙]{1,2})\s*(?<m>[\u0E01-\u0E4F](?:[\u0E01-\u0E4F.]|\s(?=[\u0E01-\u0E4F.])){0,14}?)\s*(?:พ\s*\.\s*ศ\s*\.?\s*)?(?<y>[0-9๐-๙]{4}|[0-9๐-๙]{2})(?![0-9๐-๙])")]
    private static partial Regex Candidate();
}
