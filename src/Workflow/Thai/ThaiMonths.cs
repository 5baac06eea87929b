using System.Collections.Frozen;
using System.Collections.Immutable;

namespace Saraban.Workflow.Thai;

/// <summary>
/// Our own month tables. ICU/culture data is deliberately not used: it is absent under
/// invariant globalization (containers) and its abbreviations have differed between versions.
/// </summary>
internal static class ThaiMonths
{
    internal static readonly ImmutableArray<string> Full =
    [
        "มกราคม", "กุมภาพันธ์", "มีนาคม", "เมษายน", "พฤษภาคม", "มิถุนายน",
        "กรกฎาคม", "สิงหาคม", "กันยายน", "ตุลาคม", "พฤศจิกายน", "ธันวาคม",
    ];

    internal static readonly ImmutableArray<string> Short =
    [
        "ม.ค.", "ก.พ.", "มี.ค.", "เม.ย.", "พ.ค.", "มิ.ย.",
        "ก.ค.", "ส.ค.", "ก.ย.", "ต.ค.", "พ.ย.", "ธ.ค.",
    ];

    // Keyed by the compacted spelling (no dots, no spaces) so "มี.ค.", "มีค" and "มี. ค." all match.
    private static readonly FrozenDictionary<string, int> ByCompactName = BuildLookup();

    internal static bool TryFind(string compactName, out int month) => ByCompactName.TryGetValue(compactName, out month);

    private static FrozenDictionary<string, int> BuildLookup()
    {
        var lookup = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < 12; i++)
        {
            lookup.Add(ThaiText.Compact(Full[i]), i + 1);
            lookup.Add(ThaiText.Compact(Short[i]), i + 1);
        }

        return lookup.ToFrozenDictionary(StringComparer.Ordinal);
    }
}
