namespace Saraban.Documents.Reading;

/// <summary>
/// Reads เรื่อง, เรียน, อ้างถึง and สิ่งที่ส่งมาด้วย, each possibly running on over several lines,
/// and finds where the body begins after them.
/// </summary>
internal static class SubjectBlockReader
{
    /// <returns>The index of the first line after the header: where the body starts.</returns>
    public static int Read(LetterRegion region, IReadOnlyList<LineInfo> lines, LetterDraft draft)
    {
        var end = region.IndexOf(region.Keys[^1]) + 1;
        var subject = region.Key(LineKind.Subject);
        var addressee = region.Key(LineKind.Addressee) ?? region.Key(LineKind.AddresseeTo);
        if (subject is not null)
        {
            end = Math.Max(end, ReadSubject(lines, region.IndexOf(subject), addressee is null ? -1 : region.IndexOf(addressee), draft));
        }

        if (addressee is not null)
        {
            var (pieces, after) = FieldBlock.Read(lines, region.IndexOf(addressee), maxLines: 3);
            var text = FieldJoiner.Join(pieces, out var guessed);
            if (text.Length > 0)
            {
                var score = addressee.Score * (guessed ? 0.9 : 1) * (pieces.Count > 1 ? 0.95 : 1);
                draft.Set(f => f with { Addressee = text }, FieldNames.Addressee, FieldConfidence.Of(score));
            }

            end = after;
        }

        return ReadReferencesAndEnclosures(lines, end, draft);
    }

    // The subject runs on to เรียน, over blank lines too: nothing else stands between them.
    private static int ReadSubject(IReadOnlyList<LineInfo> lines, int at, int addresseeAt, LetterDraft draft)
    {
        var pieces = new List<string> { lines[at].Value };
        var end = at + 1;
        var bounded = addresseeAt > at && addresseeAt - at <= 5;
        var last = bounded ? addresseeAt : Math.Min(lines.Count, at + 3);
        for (var i = at + 1; i < last; i++)
        {
            var line = lines[i];
            if (line.IsBlank && bounded)
            {
                continue;
            }

            if (line.Kind != LineKind.Other || (!bounded && FieldBlock.OpensBody(line.Line.Flat)))
            {
                break;
            }

            pieces.Add(line.Line.Flat);
            end = i + 1;
        }

        var text = FieldJoiner.Join(pieces, out var guessed);
        if (text.Length > 0)
        {
            var score = lines[at].Score * (guessed ? 0.9 : 1) * (bounded || pieces.Count == 1 ? 1 : 0.9);
            draft.Set(f => f with { Subject = text }, FieldNames.Subject, FieldConfidence.Of(score));
        }

        return end;
    }

    private static int ReadReferencesAndEnclosures(IReadOnlyList<LineInfo> lines, int from, LetterDraft draft)
    {
        var references = new List<CitedLetter>();
        var enclosures = new List<string>();
        var enclosed = new List<CitedLetter>();
        double referenceScore = 0, enclosureScore = 0;
        var i = from;
        while (true)
        {
            var next = FieldBlock.NextNonBlank(lines, i);
            if (next < 0 || lines[next].Kind is not (LineKind.Reference or LineKind.Enclosure))
            {
                break;
            }

            var line = lines[next];
            var (pieces, end) = FieldBlock.Read(lines, next, maxLines: 12, items: true);
            var items = CitationReader.Items(FieldJoiner.Join(pieces, out var guessed));
            var score = line.Score * (guessed ? 0.9 : 1);
            if (line.Kind == LineKind.Reference)
            {
                references.AddRange(items.SelectMany(CitationReader.Read));
                referenceScore = score;
            }
            else
            {
                enclosures.AddRange(items);
                enclosed.AddRange(items.SelectMany(CitationReader.Read).Where(c => c.DocumentNumber is not null));
                enclosureScore = score;
            }

            i = end;
        }

        if (references.Count > 0)
        {
            draft.Set(f => f with { References = references }, FieldNames.References, FieldConfidence.Of(referenceScore));
        }

        if (enclosures.Count > 0)
        {
            draft.Set(f => f with { Enclosures = enclosures }, FieldNames.Enclosures, FieldConfidence.Of(enclosureScore));
        }

        if (enclosed.Count > 0)
        {
            draft.Set(f => f with { EnclosedLetters = enclosed }, FieldNames.EnclosedLetters, FieldConfidence.Of(enclosureScore));
        }

        return FieldBlock.NextNonBlank(lines, i) is var body and >= 0 ? body : lines.Count;
    }
}
