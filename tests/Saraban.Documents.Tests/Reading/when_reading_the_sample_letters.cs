using System.Text.Json.Nodes;
using Saraban.Documents.Reading;

namespace Saraban.Documents.Tests.Reading;

public sealed class when_reading_the_sample_letters
{
    [Theory]
    [MemberData(nameof(Samples.All), MemberType = typeof(Samples))]
    public void every_field_of_every_letter_is_read_exactly(string sample)
    {
        var reading = LetterReader.Read(Samples.Text(sample));

        JsonShape.AssertMatches(Samples.Expected(sample), Samples.Actual(reading));
    }

    [Theory]
    [MemberData(nameof(Samples.All), MemberType = typeof(Samples))]
    public void a_field_has_a_confidence_exactly_when_it_has_a_value(string sample)
    {
        foreach (var letter in LetterReader.Read(Samples.Text(sample)).Letters)
        {
            var fields = JsonNode.Parse(System.Text.Json.JsonSerializer.Serialize(letter.Fields, LetterJson.Options))!.AsObject();
            foreach (var name in FieldNames.All)
            {
                var hasValue = fields[name] is not null and not JsonArray { Count: 0 };
                var confidence = letter[name];
                Assert.True(hasValue == confidence.Found, $"{sample} {name}: value {fields[name]?.ToJsonString() ?? "null"}, confidence {confidence}");
                Assert.InRange(confidence.Score ?? 0, 0, 1);
            }
        }
    }

    [Fact]
    public void letters_stacked_in_one_file_come_back_in_the_order_they_stand()
    {
        var reading = LetterReader.Read(Samples.Text("06-three-letters-stacked"));

        Assert.Equal(
            ["ที่ อต ๐๐๒๓.๑๐/ว ๔๕", "ที่ อต ๐๐๒๓.๓/ว ๑๓๖๗", "ที่ นร ๐๑๐๗/ว ๒๑๔๙"],
            reading.Letters.Select(l => l.Fields.DocumentNumber?.Text));
    }

    [Fact]
    public void a_receive_stamp_between_two_letters_belongs_to_the_letter_above_it()
    {
        var letters = LetterReader.Read(Samples.Text("06-three-letters-stacked")).Letters;

        Assert.Equal(215, Assert.Single(letters[0].Fields.ReceiveStamps).ReceiveNumber);
        Assert.Empty(letters[1].Fields.ReceiveStamps);
        Assert.Equal(1481, Assert.Single(letters[2].Fields.ReceiveStamps).ReceiveNumber);
    }

    [Fact]
    public void a_receive_stamp_above_the_first_letter_belongs_to_it_and_its_date_is_not_the_letters()
    {
        var letter = Assert.Single(LetterReader.Read(Samples.Text("04-province-forward-pm-office")).Letters).Fields;

        Assert.Equal(new DateOnly(2024, 3, 26), Assert.Single(letter.ReceiveStamps).Date);
        Assert.Equal(new DateOnly(2024, 3, 25), letter.Date);
    }

    [Fact]
    public void fields_read_as_written_are_surer_than_fields_read_through_slips()
    {
        var clean = LetterReader.Read(Samples.Text("01-ministry-circular")).Letters[0];
        var damaged = LetterReader.Read(Samples.Text("07-ocr-damaged")).Letters[0];

        Assert.Equal(1, clean[FieldNames.Subject].Score);
        Assert.Equal(1, clean[FieldNames.DocumentNumber].Score);
        Assert.True(damaged[FieldNames.Subject].Score < 1, "เรีอง for เรื่อง");
        Assert.True(damaged[FieldNames.DocumentNumber].Score < 1, "ที for ที่");
        Assert.True(damaged[FieldNames.Urgency].Score < 1, "ด่วนทีสุด");
        Assert.True(damaged[FieldNames.Enclosures].Score < 1, "สิ่งทีส่งมาด้วย");
    }

    [Fact]
    public void a_meeting_date_is_not_taken_for_a_deadline()
    {
        var letter = LetterReader.Read(Samples.Text("08-first-and-last-page-missing")).Letters[0];

        Assert.Null(letter.Fields.Deadline);
        Assert.False(letter[FieldNames.Deadline].Found);
    }

    [Fact]
    public void reading_is_the_same_through_the_file_as_through_the_text()
    {
        var path = Samples.PathOf("06-three-letters-stacked", ".txt");

        Assert.Equal(
            LetterJson.Serialize(LetterReader.Read(File.ReadAllText(path))),
            LetterJson.Serialize(LetterReader.ReadFile(path)));
    }
}
