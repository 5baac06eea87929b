using System.Text;
using System.Text.RegularExpressions;
using Saraban.Documents.Reading;

namespace Saraban.Documents.Tests.Reading;

/// <summary>
/// Every sample, damaged the ways pasting, OCR and PDF export damage letters, must read as the
/// clean one does. The slips within a single letter are in samples 07 (OCR) and 11 (Western digits, tabs).
/// </summary>
public sealed partial class when_a_letter_is_damaged
{
    public static TheoryData<string, string> SamplesAndDamage
    {
        get
        {
            var data = new TheoryData<string, string>();
            foreach (var sample in Samples.Names)
            {
                foreach (var damage in Damage.Keys)
                {
                    data.Add(sample, damage);
                }
            }

            return data;
        }
    }

    private static readonly Dictionary<string, Func<string, string>> Damage = new()
    {
        ["crlf, tabs for wide gaps, trailing spaces"] = t => string.Join("\r\n", Lines(t).Select(l => WideGap().Replace(l, "\t\t") + "   ")),
        ["every line indented"] = t => string.Join('\n', Lines(t).Select(l => "    " + l)),
        ["blank lines lost"] = t => string.Join('\n', Lines(t).Where(l => l.Trim().Length > 0)),
        ["double-spaced"] = t => string.Join("\n\n", Lines(t)),
        ["zero-width spaces and no-break spaces"] = t => t.Replace(" ", " \u200B").Replace("  ", "\u00A0 "),
        ["tone marks typed before vowels, sara am decomposed, แ as เเ"] = t => t.Replace("ี่", "่ี").Replace("ั้", "้ั").Replace("ำ", "ํา").Replace("แ", "เเ"),
        ["a page number between pages"] = t => InsertAfterBody(t, "\f\n                              - ๒ -\n"),
        ["a byte-order mark"] = t => "\uFEFF" + t,
    };

    [Theory]
    [MemberData(nameof(SamplesAndDamage))]
    public void every_sample_reads_as_it_did_clean(string sample, string damage)
    {
        var text = Damage[damage](Samples.Text(sample));

        JsonShape.AssertMatches(Samples.Expected(sample), Samples.Actual(LetterReader.Read(text)));
    }

    [Theory]
    [MemberData(nameof(Samples.All), MemberType = typeof(Samples))]
    public void western_digits_give_the_same_numbers_and_dates(string sample)
    {
        var western = Samples.Text(sample).Select(c => c is >= '๐' and <= '๙' ? (char)(c - '๐' + '0') : c).ToArray();

        JsonShape.AssertFields(
            Samples.Expected(sample),
            Samples.Actual(LetterReader.Read(new string(western))),
            "documentNumber", "date", "deadline", "references", "enclosedLetters", "subject");
    }

    [Fact]
    public void misspelt_keywords_still_open_their_fields_with_less_confidence()
    {
        var text = Samples.Text("01-ministry-circular")
            .Replace("เรื่อง", "เรีอง").Replace("เรียน", "เรียบ").Replace("อ้างถึง", "อางถึง")
            .Replace("สิ่งที่ส่งมาด้วย", "สิ่งทีส่งมาดัวย").Replace("ขอแสดงความนับถือ", "ขอแสดงความนับถีอ")
            .Replace("ปฏิบัติราชการแทน", "ปฎิบัติราชการแทน").Replace("ด่วนมาก", "ด่วนมก");

        var letter = Assert.Single(LetterReader.Read(text).Letters);

        JsonShape.AssertMatches(Samples.Expected("01-ministry-circular")[0], Samples.Actual(new LetterReading([letter]))[0]);
        foreach (var field in new[] { FieldNames.Urgency, FieldNames.Subject, FieldNames.Addressee, FieldNames.References, FieldNames.Enclosures })
        {
            Assert.InRange(letter[field].Score!.Value, 0.5, 0.99);
        }
    }

    [Fact]
    public void a_misspelt_month_is_read_but_a_christian_era_year_is_not()
    {
        var text = Samples.Text("01-ministry-circular").Replace("๙ กันยายน ๒๕๖๖", "๙ กันยายบ ๒๕๖๖");
        var letter = LetterReader.Read(text).Letters[0];
        Assert.Equal(new DateOnly(2023, 9, 9), letter.Fields.Date);
        Assert.True(letter[FieldNames.Date].Score < 1);

        var western = LetterReader.Read(Samples.Text("01-ministry-circular").Replace("๙ กันยายน ๒๕๖๖", "9 กันยายน 2023")).Letters[0];
        Assert.Null(western.Fields.Date);
        Assert.False(western[FieldNames.Date].Found);
    }

    [Fact]
    public void a_field_split_over_two_lines_is_joined_where_it_was_split()
    {
        var text = Samples.Text("02-province-forward")
            .Replace("ป้องกันและบรรเทาสาธารณภัยในช่วงฤดูฝน\nเรียน", "ป้องกันและบรรเทา\n        สาธารณภัยในช่วงฤดูฝน\nเรียน")
            .Replace("นายกองค์การบริหารส่วนจังหวัดเชียงใหม่ และนายก", "นายกองค์การบริหารส่วนจังหวัดเชียงใหม่\n       และนายก")
            .Replace("ที่ มท ๐๘๑๐.๔/ว ๔๑๒๗\n", "ที่\n                มท ๐๘๑๐.๔/ว ๔๑๒๗\n");

        JsonShape.AssertMatches(Samples.Expected("02-province-forward"), Samples.Actual(LetterReader.Read(text)));
    }

    [Fact]
    public void a_letter_cut_off_before_its_signature_reports_the_signature_as_not_found()
    {
        var text = Samples.Text("01-ministry-circular");
        var cut = text[..text.IndexOf("ขอแสดงความนับถือ", StringComparison.Ordinal)];

        var letter = Assert.Single(LetterReader.Read(cut).Letters);

        Assert.Null(letter.Fields.Signer);
        Assert.Null(letter.Fields.OwningUnit);
        Assert.False(letter[FieldNames.Signer].Found);
        Assert.Equal("ที่ มท ๐๘๑๐.๔/ว ๔๑๒๗", letter.Fields.DocumentNumber?.Text);
        Assert.Equal(new DateOnly(2023, 9, 30), letter.Fields.Deadline);
    }

    [Fact]
    public void a_letter_without_its_number_line_is_still_a_letter_without_a_number()
    {
        var text = Samples.Text("01-ministry-circular").Replace("ที่ มท ๐๘๑๐.๔/ว ๔๑๒๗\n", string.Empty);

        var letter = Assert.Single(LetterReader.Read(text).Letters);

        Assert.Null(letter.Fields.DocumentNumber);
        Assert.False(letter[FieldNames.DocumentNumber].Found);
        Assert.Equal("การเตรียมความพร้อมป้องกันและบรรเทาสาธารณภัยในช่วงฤดูฝน", letter.Fields.Subject);
    }

    [Fact]
    public void a_district_named_lap_lae_is_not_a_secrecy_mark()
    {
        var letter = LetterReader.Read(Samples.Text("05-district-memo-acting")).Letters[0];

        Assert.Null(letter.Fields.Secrecy);
        Assert.False(letter[FieldNames.Secrecy].Found);
    }

    private static string[] Lines(string text) => text.Replace("\r\n", "\n").Split('\n');

    private static string InsertAfterBody(string text, string pageBreak)
    {
        var at = text.IndexOf("\n\n", text.Length / 3, StringComparison.Ordinal);
        return at < 0 ? text : text[..(at + 1)] + pageBreak + text[(at + 1)..];
    }

    [GeneratedRegex(" {4,}")]
    private static partial Regex WideGap();
}
