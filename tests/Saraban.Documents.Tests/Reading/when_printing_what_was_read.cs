using System.Text.Json.Nodes;
using Saraban.Documents.Reading;

namespace Saraban.Documents.Tests.Reading;

public sealed class when_printing_what_was_read
{
    [Fact]
    public void the_json_is_one_array_with_thai_unescaped_and_absent_fields_written_as_null_or_empty()
    {
        var json = LetterJson.Serialize(LetterReader.Read(Samples.Text("02-province-forward")));
        var letter = Assert.Single(JsonNode.Parse(json)!.AsArray())!.AsObject();

        Assert.Contains("\"subject\": \"การเตรียมความพร้อม", json);
        Assert.Equal(
            ["kind", "urgency", "secrecy", "documentNumber", "date", "subject", "addressee", "references", "enclosures",
             "enclosedLetters", "sender", "signer", "deadline", "receiveStamps", "owningUnit", "body"],
            letter.Select(p => p.Key));
        Assert.True(letter.ContainsKey("secrecy") && letter["secrecy"] is null);
        Assert.Empty(letter["references"]!.AsArray());
        Assert.Equal("10:45", letter["receiveStamps"]![0]!["time"]!.GetValue<string>());
        Assert.Equal("2023-09-12", letter["receiveStamps"]![0]!["date"]!.GetValue<string>());
    }

    [Fact]
    public void the_json_reads_back_into_the_same_fields()
    {
        var fields = LetterReader.Read(Samples.Text("02-province-forward")).Letters[0].Fields;

        var back = System.Text.Json.JsonSerializer.Deserialize<LetterFields>(
            System.Text.Json.JsonSerializer.Serialize(fields, LetterJson.Options), LetterJson.Options)!;

        Assert.Equal(
            System.Text.Json.JsonSerializer.Serialize(fields, LetterJson.Options),
            System.Text.Json.JsonSerializer.Serialize(back, LetterJson.Options));
    }

    [Fact]
    public void the_report_gives_every_field_a_confidence_or_not_found()
    {
        var report = IntakeReport.Format(LetterReader.Read(Samples.Text("06-three-letters-stacked")));

        Assert.Contains("หนังสือฉบับที่ 3 จาก 3 (letter 3 of 3)", report);
        Assert.Contains("ที่ นร ๐๑๐๗/ว ๒๑๔๙", report);
        Assert.Contains("[1.00]", report);
        Assert.Contains("[ไม่พบ / not found]", report);
        Assert.Equal(3 * FieldNames.All.Count, report.Split('\n').Count(l => l.Contains('[') && (l.Contains("0]") || l.Contains("not found"))));
    }
}
