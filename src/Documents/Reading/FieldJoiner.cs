using System.Text;

namespace Saraban.Documents.Reading;

/// <summary>
/// Joins the lines of a field that was split over several lines. Thai puts no space between
/// words, so a line break may fall inside a phrase (no space) or where a space stood: the break
/// takes a space next to digits and Latin text, and before the words that by custom follow a
/// space (และ, ลงวันที่, จำนวน, a personal title…); elsewhere none.
/// </summary>
internal static class FieldJoiner
{
    private static readonly string[] SpacedWords =
    [
        "และ", "หรือ", "ลงวันที่", "ลว.", "จำนวน", "ที่ ", "ฉบับ", "ทุก", "นาย", "นาง", "ผู้", "ประจำปี", "ครั้งที่",
        "ระหว่าง", "ณ ", "สำหรับ", "โดย", "พ.ศ.", "เรื่อง", "ตาม", "ด่วน", "ลับ", "สำเนา", "ปลัด", "รอง", "อธิบดี",
        "หัวหน้า", "ประธาน", "ผู้ว่าราชการ", "องค์การ", "องค์กร", "เทศบาล", "อำเภอ", "จังหวัด", "กรม", "กระทรวง", "สำนักงาน",
    ];

    /// <summary>Joins the pieces; <paramref name="guessed"/> is true when a break had to be closed up on a guess.</summary>
    public static string Join(IEnumerable<string> pieces, out bool guessed)
    {
        guessed = false;
        var builder = new StringBuilder();
        foreach (var raw in pieces)
        {
            var piece = raw.Trim();
            if (piece.Length == 0)
            {
                continue;
            }

            if (builder.Length > 0)
            {
                if (NeedsSpace(builder[^1], piece))
                {
                    builder.Append(' ');
                }
                else
                {
                    guessed = true;
                }
            }

            builder.Append(piece);
        }

        return TextLines.Collapse(builder.ToString());
    }

    public static string Join(IEnumerable<string> pieces) => Join(pieces, out _);

    private static bool NeedsSpace(char last, string next)
    {
        var first = next[0];
        if (!IsThai(last) || !IsThai(first) || last is 'ฯ' or 'ๆ')
        {
            return true;
        }

        // A document number's office prefix (นร ๐๑๐๗) always stands after a space.
        if (next.Length > 2 && next.TakeWhile(c => c is >= 'ก' and <= 'ฮ').Count() is 2 or 3 && next.SkipWhile(c => c is >= 'ก' and <= 'ฮ').SkipWhile(c => c == ' ').FirstOrDefault() is (>= '0' and <= '9') or (>= '๐' and <= '๙'))
        {
            return true;
        }

        foreach (var word in SpacedWords)
        {
            if (next.StartsWith(word, StringComparison.Ordinal))
            {
                return true;
            }
        }

        return false;
    }

    // Thai letters and marks, not Thai digits: a digit on either side of a break stood apart.
    private static bool IsThai(char c) => c is >= '\u0E01' and <= '\u0E4F';
}
