using System.Text.RegularExpressions;

namespace Saraban.Documents.Reading;

/// <summary>
/// Reads the top of a letter, above เรื่อง: kind, urgency and secrecy, ที่, the sending agency
/// and the date. An external letter sets the agency and date to the right of and below ที่; a
/// memo names its unit on the ส่วนราชการ line and writes วันที่ beside ที่.
/// </summary>
internal static partial class HeadingReader
{
    public static void Read(LetterRegion region, IReadOnlyList<LineInfo> lines, LetterDraft draft)
    {
        var number = region.Key(LineKind.Number);
        var numberAt = number is null ? -1 : region.IndexOf(number);
        var headEnd = region.Keys.Where(k => k.Kind != LineKind.Number).Select(region.IndexOf).DefaultIfEmpty(Math.Min(lines.Count, numberAt + 6)).Min();
        var firstKey = region.IndexOf(region.Keys[0]);

        ReadKind(region, lines, firstKey, draft);
        ReadMarkings(lines, headEnd, draft);
        if (number?.Number is { } found)
        {
            draft.Set(f => f with { DocumentNumber = found.ToFields() }, FieldNames.DocumentNumber, FieldConfidence.Of(number.Score));
        }

        var unit = lines.Take(firstKey).FirstOrDefault(l => l.Kind == LineKind.MemoUnit);
        if (unit is not null)
        {
            ReadMemoUnit(lines, region.IndexOf(unit), firstKey, draft);
        }

        ReadSenderAndDate(lines, numberAt, headEnd, senderKnown: unit is not null, draft);
    }

    private static void ReadKind(LetterRegion region, IReadOnlyList<LineInfo> lines, int firstKey, LetterDraft draft)
    {
        var heading = lines.Take(firstKey).FirstOrDefault(l => l.Kind is LineKind.MemoHeading or LineKind.MemoUnit);
        if (heading is not null)
        {
            var score = heading.Kind == LineKind.MemoHeading ? heading.Score : 0.9;
            draft.Set(f => f with { Kind = "Memo" }, FieldNames.Kind, FieldConfidence.Of(score));
        }
        else if (region.Key(LineKind.AddresseeTo) is not null)
        {
            draft.Set(f => f with { Kind = "StampedLetter" }, FieldNames.Kind, FieldConfidence.Of(0.9));
        }
    }

    private static void ReadMarkings(IReadOnlyList<LineInfo> lines, int headEnd, LetterDraft draft)
    {
        foreach (var line in lines.Take(headEnd).Where(l => l.Kind == LineKind.Marking))
        {
            Keywords.ReadMarking(TextLines.Compact(line.Line.Flat), out var urgency, out var secrecy, out var score);
            if (urgency is not null && draft.Fields.Urgency is null)
            {
                draft.Set(f => f with { Urgency = urgency }, FieldNames.Urgency, FieldConfidence.Of(score));
            }

            if (secrecy is not null && draft.Fields.Secrecy is null)
            {
                draft.Set(f => f with { Secrecy = secrecy }, FieldNames.Secrecy, FieldConfidence.Of(score));
            }
        }
    }

    // ส่วนราชการ names the memo's unit, which both sends it and owns it, with its telephone.
    private static void ReadMemoUnit(IReadOnlyList<LineInfo> lines, int at, int firstKey, LetterDraft draft)
    {
        var pieces = new List<string> { lines[at].Value };
        for (var i = at + 1; i < firstKey && lines[i].Kind == LineKind.Other; i++)
        {
            pieces.Add(lines[i].Line.Flat);
        }

        var text = FieldJoiner.Join(pieces, out var guessed);
        var label = ContactLines.FirstLabel(text);
        var name = (label < 0 ? text : text[..label]).Trim();
        string? telephone = null, fax = null, email = null;
        if (label >= 0)
        {
            ContactLines.Read(text[label..], ref telephone, ref fax, ref email);
        }

        if (name.Length == 0)
        {
            return;
        }

        var score = FieldConfidence.Of(lines[at].Score * (guessed ? 0.9 : 1));
        draft.Set(f => f with { Sender = name }, FieldNames.Sender, score);
        draft.Set(f => f with { OwningUnit = new OwningUnit(name, telephone, fax, email, []) }, FieldNames.OwningUnit, score);
    }

    private static void ReadSenderAndDate(IReadOnlyList<LineInfo> lines, int numberAt, int headEnd, bool senderKnown, LetterDraft draft)
    {
        var sender = new List<string>();
        var senderOpen = !senderKnown;
        FoundDate? date = null;
        var dateScore = 1.0;

        // From the ที่ line's right-hand columns (the agency, or a memo's วันที่) down to เรื่อง.
        var from = numberAt >= 0 ? numberAt : 0;
        for (var i = from; i < headEnd; i++)
        {
            var line = lines[i];
            if (line.IsBlank)
            {
                // The agency's name runs on only over adjacent lines.
                senderOpen &= sender.Count == 0;
                continue;
            }

            var text = line.Line.Text;
            if (i == numberAt && line.Number is { } number)
            {
                text = text[number.End..];
            }
            else if (line.Kind != LineKind.Other)
            {
                continue;
            }

            foreach (var column in Columns().Split(text).Select(TextLines.Collapse).Where(c => c.Length > 0))
            {
                var before = date;
                Take(column, ref date, sender, ref senderOpen);
                if (before is null && date is not null && DateFinder.Whole(column) is null)
                {
                    dateScore = 0.9;
                }
            }
        }

        if (!senderKnown && sender.Count > 0)
        {
            var name = FieldJoiner.Join(sender, out var guessed);
            var score = (numberAt >= 0 ? 0.9 : 0.6) * (guessed ? 0.9 : 1);
            draft.Set(f => f with { Sender = name }, FieldNames.Sender, FieldConfidence.Of(score));
        }

        if (date is not null)
        {
            draft.Set(f => f with { Date = date.Date }, FieldNames.Date, FieldConfidence.Of(date.Score * dateScore));
        }
    }

    // One column or line of the heading: the date, the agency, a line continuing its name, or its address.
    private static void Take(string text, ref FoundDate? date, List<string> sender, ref bool senderOpen)
    {
        var whole = DateFinder.Whole(text);
        if (whole is not null || text.StartsWith("วันที่", StringComparison.Ordinal))
        {
            date ??= whole ?? DateFinder.First(text);
            senderOpen = false;
            return;
        }

        if (senderOpen && !Address().IsMatch(text))
        {
            sender.Add(text);
            return;
        }

        senderOpen = false;
    }

    // Layout columns are three or more spaces apart; words within a column, one or two.
    [GeneratedRegex(@"\s{3,}")]
    private static partial Regex Columns();

    // Street address lines under the agency's name: road, number, subdistrict…, or a postcode.
    [GeneratedRegex(@"^(?:ถนน|ถ\.|เลขที่|ซอย|ซ\.|หมู่|ม\.|ตำบล|ต\.|อำเภอ|อ\.|แขวง|เขต|ทำเนียบ|[0-9๐-๙])|[0-9๐-๙]{5}\s*$|กทม\.|กรุงเทพ")]
    private static partial Regex Address();
}
