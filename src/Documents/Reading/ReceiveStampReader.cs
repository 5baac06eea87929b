using System.Text.RegularExpressions;
using Saraban.Workflow.Thai;

namespace Saraban.Documents.Reading;

/// <summary>
/// Reads receive stamps (ตรารับหนังสือ) already on a letter: the receiving agency, then เลขรับ,
/// วันที่, เวลา, usually each on its own line, in either digit set, wherever OCR put them.
/// </summary>
internal static partial class ReceiveStampReader
{
    /// <summary>The stamps in the lines, and the lines they took, which no other field may read.</summary>
    public static (IReadOnlyList<ReceiveStamp> Stamps, FieldConfidence Confidence, ISet<int> Used) Read(IReadOnlyList<LineInfo> lines)
    {
        var stamps = new List<ReceiveStamp>();
        var used = new HashSet<int>();
        var score = 1.0;
        for (var i = 0; i < lines.Count; i++)
        {
            var flat = lines[i].Line.Flat;
            var anchor = Anchor().Match(flat);
            if (!anchor.Success || used.Contains(i))
            {
                continue;
            }

            used.Add(i);
            var number = int.TryParse(ThaiDigits.ToWestern(anchor.Groups["n"].Value), out var n) ? n : (int?)null;
            var agency = flat[..anchor.Index].Trim();
            if (agency.Length == 0)
            {
                var above = AgencyLineAbove(lines, i);
                if (above >= 0)
                {
                    used.Add(above);
                    agency = lines[above].Line.Flat;
                }
            }

            var (date, time) = ReadDateAndTime(lines, i, anchor.Index + anchor.Length, used);
            var parts = new object?[] { agency.Length > 0 ? agency : null, number, date, time };
            score = Math.Min(score, parts.Count(p => p is not null) / 4.0);
            stamps.Add(new ReceiveStamp(agency.Length > 0 ? agency : null, number, date?.Date, time));
            if (date is not null)
            {
                score = Math.Min(score, date.Score);
            }
        }

        return (stamps, stamps.Count > 0 ? FieldConfidence.Of(score) : FieldConfidence.NotFound, used);
    }

    private static (FoundDate? Date, TimeOnly? Time) ReadDateAndTime(IReadOnlyList<LineInfo> lines, int anchor, int after, HashSet<int> used)
    {
        FoundDate? date = null;
        TimeOnly? time = null;
        for (var i = anchor; i < lines.Count && i <= anchor + 4; i++)
        {
            var flat = i == anchor ? lines[i].Line.Flat[after..] : lines[i].Line.Flat;
            if (i > anchor && lines[i].IsBlank)
            {
                continue;
            }

            if (i > anchor && Anchor().IsMatch(flat))
            {
                break;
            }

            var foundDate = date is null ? DateFinder.First(flat) : null;
            var foundTime = time is null ? Time().Match(flat) : Match.Empty;
            var isDate = foundDate is not null && (i == anchor || flat.StartsWith("วันที่", StringComparison.Ordinal) || DateFinder.Whole(flat) is not null);
            if (isDate)
            {
                date = foundDate;
                used.Add(i);
            }

            if (foundTime.Success && ThaiTime.TryParse(foundTime.Groups["t"].Value, out var t))
            {
                time = t;
                used.Add(i);
            }
            else if (i > anchor && !isDate)
            {
                // The stamp ends at the first line that is neither its date nor its time.
                break;
            }
        }

        return (date, time);
    }

    // The agency is the line right above เลขรับ (one blank line allowed), if it reads like a name.
    private static int AgencyLineAbove(IReadOnlyList<LineInfo> lines, int anchor)
    {
        for (var i = anchor - 1; i >= 0 && i >= anchor - 2; i--)
        {
            var line = lines[i];
            if (line.IsBlank)
            {
                continue;
            }

            var flat = line.Line.Flat;
            var plain = line.Kind == LineKind.Other && !flat.Any(ThaiDigitsOrWestern) && !ContactLines.IsContact(flat)
                && !flat.StartsWith('(') && flat.Length <= 80;
            return plain ? i : -1;
        }

        return -1;
    }

    private static bool ThaiDigitsOrWestern(char c) => char.IsAsciiDigit(c) || c is >= '๐' and <= '๙';

    // เลขรับ, เลขทะเบียนรับ, เลขที่รับ, รับที่ — not the end of a word such as ได้รับที่.
    [GeneratedRegex(@"(?<![\u0E01-\u0E4F])(?:เลข(?:ทะเบียน|ที่)?รับ(?:ที่)?|รับที่)\s*[:.]?\s*(?<n>[0-9๐-๙]{1,7})(?![0-9๐-๙])")]
    private static partial Regex Anchor();

    [GeneratedRegex(@"เวลา\s*[:.]?\s*(?<t>[0-9๐-๙]{1,2}\s*[.:]\s*[0-9๐-๙]{2}(?:\s*น\.?)?|[0-9๐-๙]{1,2}\s*(?:น\.|นาฬิกา))")]
    private static partial Regex Time();
}
