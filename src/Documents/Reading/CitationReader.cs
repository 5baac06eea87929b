using System.Globalization;
using System.Text.RegularExpressions;
using Saraban.Workflow.Thai;

namespace Saraban.Documents.Reading;

/// <summary>
/// Reads the letters cited in a piece of text (อ้างถึง, สิ่งที่ส่งมาด้วย, a memo's opening "ตามหนังสือ …"),
/// and splits numbered lists (๑. … ๒. …) into their items.
/// </summary>
internal static partial class CitationReader
{
    // What may stand between a cited number and its date.
    private static readonly string[] DateLinks = ["", "ลงวันที่", "ลว", "วันที่", "ฉบับลงวันที่"];

    /// <summary>Each document number in the text with the date written after it, and dated letters cited without a number.</summary>
    public static IReadOnlyList<CitedLetter> Read(string text)
    {
        var numbers = DocumentNumberFinder.FindAll(text).ToList();
        var dates = DateFinder.FindAll(text).ToList();
        var used = new HashSet<FoundDate>();
        var cited = new List<(int Index, CitedLetter Letter)>();
        for (var i = 0; i < numbers.Count; i++)
        {
            var number = numbers[i];
            var limit = i + 1 < numbers.Count ? numbers[i + 1].Index : text.Length;
            var date = dates.FirstOrDefault(d => d.Index >= number.End && d.Index < limit && LinksTo(text, number.End, d));
            if (date is not null)
            {
                used.Add(date);
            }

            cited.Add((number.Index, new CitedLetter(number.Number.Format(), date?.Date)));
        }

        foreach (var date in dates.Where(d => !used.Contains(d) && Preceded(text, d, "ลงวันที่", "ลว")))
        {
            cited.Add((date.Index, new CitedLetter(null, date.Date)));
        }

        return cited.OrderBy(c => c.Index).Select(c => c.Letter).ToList();
    }

    /// <summary>
    /// Splits "๑. … ๒. …" into items when the text starts with item 1 and the numbers follow in
    /// order (either digit set, "๑." or "๑)"); otherwise the whole text is one item.
    /// </summary>
    public static IReadOnlyList<string> Items(string text)
    {
        var cuts = new List<(int Start, int ValueStart)>();
        var from = 0;
        for (var n = 1; ; n++)
        {
            var marker = Marker(text, from, n);
            if (marker is null || (n == 1 && marker.Index != 0))
            {
                break;
            }

            cuts.Add((marker.Index, marker.Index + marker.Length));
            from = marker.Index + marker.Length;
        }

        if (cuts.Count == 0)
        {
            return text.Length > 0 ? [text] : [];
        }

        var items = new List<string>(cuts.Count);
        for (var i = 0; i < cuts.Count; i++)
        {
            var end = i + 1 < cuts.Count ? cuts[i + 1].Start : text.Length;
            var item = text[cuts[i].ValueStart..end].Trim();
            if (item.Length > 0)
            {
                items.Add(item);
            }
        }

        return items;
    }

    private static Match? Marker(string text, int from, int n)
    {
        for (var match = ItemMarker().Match(text, from); match.Success; match = match.NextMatch())
        {
            if (int.Parse(ThaiDigits.ToWestern(match.Groups["n"].Value), CultureInfo.InvariantCulture) == n)
            {
                return match;
            }
        }

        return null;
    }

    private static bool LinksTo(string text, int numberEnd, FoundDate date) =>
        DateLinks.Contains(TextLines.Compact(text[numberEnd..date.Index]));

    private static bool Preceded(string text, FoundDate date, params string[] words)
    {
        var before = TextLines.Compact(text[Math.Max(0, date.Index - 12)..date.Index]);
        return words.Any(w => before.EndsWith(w, StringComparison.Ordinal));
    }

    // An item number at the start or after a space: "๑." "1)" "(๒)", followed by a space or the item.
    [GeneratedRegex(@"(?<=^|\s)\(?(?<n>[0-9๐-๙]{1,2})[.)](?=\s|[^\s0-9๐-๙.])\s*")]
    private static partial Regex ItemMarker();
}
