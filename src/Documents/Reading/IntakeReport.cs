using System.Globalization;
using System.Text;
using Saraban.Workflow.Thai;

namespace Saraban.Documents.Reading;

/// <summary>
/// The plain-text report of <c>saraban intake FILE</c>: every field of every letter, with its
/// confidence, or ไม่พบ (not found) — so a clerk sees at once what to type in by hand.
/// </summary>
public static class IntakeReport
{
    private static readonly (string Field, string Label)[] Labels =
    [
        (FieldNames.Kind, "ชนิด (kind)"),
        (FieldNames.Urgency, "ชั้นความเร็ว (urgency)"),
        (FieldNames.Secrecy, "ชั้นความลับ (secrecy)"),
        (FieldNames.DocumentNumber, "ที่ (number)"),
        (FieldNames.Date, "ลงวันที่ (date)"),
        (FieldNames.Subject, "เรื่อง (subject)"),
        (FieldNames.Addressee, "เรียน (addressee)"),
        (FieldNames.References, "อ้างถึง (references)"),
        (FieldNames.Enclosures, "สิ่งที่ส่งมาด้วย (enclosures)"),
        (FieldNames.EnclosedLetters, "หนังสือที่ส่งมาด้วย (enclosed letters)"),
        (FieldNames.Sender, "ส่วนราชการผู้ส่ง (sender)"),
        (FieldNames.Signer, "ผู้ลงนาม (signer)"),
        (FieldNames.Deadline, "กำหนดเวลา (deadline)"),
        (FieldNames.ReceiveStamps, "ตรารับ (receive stamps)"),
        (FieldNames.OwningUnit, "เจ้าของเรื่อง (owning unit)"),
    ];

    public static string Format(LetterReading reading)
    {
        var text = new StringBuilder();
        for (var i = 0; i < reading.Letters.Count; i++)
        {
            var letter = reading.Letters[i];
            text.AppendLine(CultureInfo.InvariantCulture, $"หนังสือฉบับที่ {i + 1} จาก {reading.Letters.Count} (letter {i + 1} of {reading.Letters.Count})");
            foreach (var (field, label) in Labels)
            {
                var confidence = letter[field];
                var values = confidence.Found ? Values(letter.Fields, field) : [];
                var mark = confidence.Found ? $"[{confidence}]" : "[ไม่พบ / not found]";
                var line = $"  {Pad(label, 38)} {mark,-22} {values.FirstOrDefault() ?? string.Empty}";
                text.AppendLine(line.TrimEnd());
                foreach (var more in values.Skip(1))
                {
                    text.AppendLine(CultureInfo.InvariantCulture, $"  {string.Empty,-38} {string.Empty,-22} {more}");
                }
            }

            text.AppendLine();
        }

        return text.ToString().TrimEnd() + Environment.NewLine;
    }

    // Thai vowel and tone marks take no column of their own on a terminal.
    private static string Pad(string text, int width) =>
        text + new string(' ', Math.Max(0, width - text.Count(c => c is not ('\u0E31' or (>= '\u0E34' and <= '\u0E3A') or (>= '\u0E47' and <= '\u0E4E')))));

    private static IReadOnlyList<string> Values(LetterFields f, string field) => field switch
    {
        FieldNames.Kind => [f.Kind ?? string.Empty],
        FieldNames.Urgency => [f.Urgency ?? string.Empty],
        FieldNames.Secrecy => [f.Secrecy ?? string.Empty],
        FieldNames.DocumentNumber => [f.DocumentNumber?.Text ?? string.Empty],
        FieldNames.Date => [Date(f.Date)],
        FieldNames.Subject => [f.Subject ?? string.Empty],
        FieldNames.Addressee => [f.Addressee ?? string.Empty],
        FieldNames.References => f.References.Select(Cited).ToList(),
        FieldNames.Enclosures => f.Enclosures.Select((e, i) => $"{i + 1}. {e}").ToList(),
        FieldNames.EnclosedLetters => f.EnclosedLetters.Select(Cited).ToList(),
        FieldNames.Sender => [f.Sender ?? string.Empty],
        FieldNames.Signer => f.Signer is { } s ? Signer(s) : [],
        FieldNames.Deadline => [Date(f.Deadline)],
        FieldNames.ReceiveStamps => f.ReceiveStamps.Select(Stamp).ToList(),
        FieldNames.OwningUnit => f.OwningUnit is { } u ? Unit(u) : [],
        _ => [],
    };

    private static string Date(DateOnly? date) =>
        date is { } d ? $"{ThaiDate.FormatFull(d)} ({d:yyyy-MM-dd})" : string.Empty;

    private static string Cited(CitedLetter c) => string.Join(" ", new[] { c.DocumentNumber, c.Date is { } d ? "ลงวันที่ " + Date(d) : null }.OfType<string>());

    private static string Stamp(ReceiveStamp s) => string.Join(" ", new[]
    {
        s.Agency, s.ReceiveNumber is { } n ? $"เลขรับ {n}" : null, s.Date is { } d ? "วันที่ " + Date(d) : null,
        s.Time is { } t ? "เวลา " + ThaiTime.Format(t) : null,
    }.OfType<string>());

    private static List<string> Signer(Signer s) => new[]
    {
        s.Name, s.Position, s.ActingFor is null ? null : "ปฏิบัติราชการแทน " + s.ActingFor,
        s.ActingIn is null ? null : "รักษาราชการแทน " + s.ActingIn,
    }.OfType<string>().ToList();

    private static List<string> Unit(OwningUnit u) => new[]
    {
        u.Name, u.Telephone is null ? null : "โทร. " + u.Telephone, u.Fax is null ? null : "โทรสาร " + u.Fax,
        u.Email is null ? null : "อีเมล " + u.Email,
    }.OfType<string>().Concat(u.Coordinators.Select(c => $"ผู้ประสานงาน {c.Name} {c.Telephone}".Trim())).ToList();
}
