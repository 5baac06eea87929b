namespace Saraban.Documents.Reading;

/// <summary>Reads the fields of one letter's lines, top to bottom.</summary>
internal static class LetterParser
{
    public static ReadLetter Parse(LetterRegion region)
    {
        var draft = new LetterDraft();

        // Receive stamps first: their วันที่ and เวลา lines must not be read as the letter's own.
        var (stamps, stampScore, used) = ReceiveStampReader.Read(region.Lines);
        if (stamps.Count > 0)
        {
            draft.Set(f => f with { ReceiveStamps = stamps }, FieldNames.ReceiveStamps, stampScore);
        }

        var lines = region.Lines
            .Select((l, i) => used.Contains(i) ? l with { Kind = LineKind.Blank, Line = l.Line with { Text = "", Flat = "" } } : l)
            .ToList();

        HeadingReader.Read(region, lines, draft);
        var bodyStart = SubjectBlockReader.Read(region, lines, draft);
        var (bodyEnd, after) = SignatureReader.Read(lines, bodyStart, draft);
        if (draft.Fields.Signer is null)
        {
            (bodyEnd, after) = ReadUnsignedFoot(lines, bodyStart, bodyEnd, draft);
        }

        if (draft.Fields.OwningUnit is null)
        {
            OwningUnitReader.Read(lines, after, draft);
        }

        if (draft.Fields.References.Count == 0)
        {
            ReadOpeningCitation(lines, bodyStart, draft);
        }

        DeadlineReader.Read(lines, bodyStart, bodyEnd, draft);
        return draft.ToReadLetter();
    }

    /// <summary>
    /// A letter without a signature: a stamped letter (agency and date at the foot, over the
    /// unit's contacts), or one whose last page is missing. The body ends where the foot begins.
    /// </summary>
    private static (int BodyEnd, int After) ReadUnsignedFoot(IReadOnlyList<LineInfo> lines, int bodyStart, int bodyEnd, LetterDraft draft)
    {
        var contact = Enumerable.Range(bodyStart, Math.Max(0, lines.Count - bodyStart))
            .FirstOrDefault(i => lines[i].Kind == LineKind.Other && ContactLines.IsContact(lines[i].Line.Flat), -1);
        var footEnd = contact >= 0 ? contact : lines.Count;
        var dateAt = Enumerable.Range(bodyStart, Math.Max(0, footEnd - bodyStart))
            .LastOrDefault(i => DateFinder.Whole(lines[i].Line.Flat) is not null, -1);
        if (dateAt < 0 || draft.Fields.Kind != "StampedLetter")
        {
            return (Math.Min(bodyEnd, footEnd), Math.Min(bodyEnd, footEnd));
        }

        var date = DateFinder.Whole(lines[dateAt].Line.Flat)!;
        if (draft.Fields.Date is null)
        {
            draft.Set(f => f with { Date = date.Date }, FieldNames.Date, FieldConfidence.Of(date.Score * 0.9));
        }

        var agencyAt = dateAt - 1;
        if (agencyAt > bodyStart && lines[agencyAt].Kind == LineKind.Other && !FieldBlock.OpensBody(lines[agencyAt].Line.Flat))
        {
            if (draft.Fields.Sender is null)
            {
                draft.Set(f => f with { Sender = lines[agencyAt].Line.Flat }, FieldNames.Sender, FieldConfidence.Of(0.8));
            }

            return (agencyAt, dateAt + 1);
        }

        return (dateAt, dateAt + 1);
    }

    /// <summary>
    /// Without อ้างถึง, a first paragraph that opens "ตามหนังสือ … ที่ … ลงวันที่ …" names the letter
    /// this one answers, as memos do: that letter is the reference.
    /// </summary>
    private static void ReadOpeningCitation(IReadOnlyList<LineInfo> lines, int bodyStart, LetterDraft draft)
    {
        var paragraph = lines.Skip(bodyStart).TakeWhile(l => l.Kind == LineKind.Other).Take(8).Select(l => l.Line.Flat).ToList();
        if (paragraph.Count == 0 || !paragraph[0].StartsWith("ตาม", StringComparison.Ordinal))
        {
            return;
        }

        var cited = CitationReader.Read(string.Join(' ', paragraph)).Where(c => c.DocumentNumber is not null).ToList();
        if (cited.Count > 0)
        {
            draft.Set(f => f with { References = cited }, FieldNames.References, FieldConfidence.Of(0.8));
        }
    }
}
