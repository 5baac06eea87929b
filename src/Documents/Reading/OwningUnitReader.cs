namespace Saraban.Documents.Reading;

/// <summary>
/// Reads the owning unit (ส่วนราชการเจ้าของเรื่อง) at the foot of a letter: one to three unit
/// lines, then telephone, fax, e-mail and contact persons.
/// </summary>
internal static class OwningUnitReader
{
    private const int MaxUnitLines = 3;

    public static void Read(IReadOnlyList<LineInfo> lines, int from, LetterDraft draft)
    {
        var first = Enumerable.Range(from, Math.Max(0, lines.Count - from)).FirstOrDefault(i => IsContact(lines[i]), -1);
        if (first < 0)
        {
            ReadUnitWithoutContacts(lines, from, draft);
            return;
        }

        var unit = new List<string>();
        for (var i = first - 1; i >= from && unit.Count < MaxUnitLines && lines[i].Kind == LineKind.Other; i--)
        {
            unit.Insert(0, lines[i].Line.Flat);
        }

        string? telephone = null, fax = null, email = null;
        var coordinators = new List<Coordinator>();
        for (var i = first; i < lines.Count; i++)
        {
            if (lines[i].IsBlank)
            {
                var next = FieldBlock.NextNonBlank(lines, i);
                if (next < 0 || !IsContact(lines[next]))
                {
                    break;
                }

                continue;
            }

            if (!IsContact(lines[i]))
            {
                break;
            }

            var flat = lines[i].Line.Flat;
            if (ContactLines.IsCoordinator(flat))
            {
                coordinators.Add(ContactLines.ReadCoordinator(flat));
            }
            else
            {
                ContactLines.Read(flat, ref telephone, ref fax, ref email);
            }
        }

        var name = unit.Count > 0 ? string.Join(' ', unit) : null;
        var score = name is null ? 0.7 : 0.9;
        draft.Set(f => f with { OwningUnit = new OwningUnit(name, telephone, fax, email, coordinators) }, FieldNames.OwningUnit, FieldConfidence.Of(score));
    }

    // Without contact lines only lines that plainly name a unit (สำนัก…, กอง…, กลุ่ม…) are taken.
    private static void ReadUnitWithoutContacts(IReadOnlyList<LineInfo> lines, int from, LetterDraft draft)
    {
        var start = FieldBlock.NextNonBlank(lines, from);
        if (start < 0 || lines[start].Kind != LineKind.Other || !SignatureReader.StartsUnit(lines[start].Line.Flat))
        {
            return;
        }

        var unit = lines.Skip(start).TakeWhile(l => l.Kind == LineKind.Other).Take(MaxUnitLines).Select(l => l.Line.Flat).ToList();
        draft.Set(f => f with { OwningUnit = new OwningUnit(string.Join(' ', unit), null, null, null, []) }, FieldNames.OwningUnit, FieldConfidence.Of(0.6));
    }

    private static bool IsContact(LineInfo line) => line.Kind == LineKind.Other && ContactLines.IsContact(line.Line.Flat);
}
