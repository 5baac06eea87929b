using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Saraban.Documents.Reading;

/// <summary>The JSON form of <see cref="LetterFields"/> shared by <c>saraban intake --json</c>, the API and the tests.</summary>
public static class LetterJson
{
    /// <summary>
    /// Web defaults (camelCase), nulls written so that a missing field is visibly missing, and
    /// Thai left unescaped: an escaped <c>\u0E14</c> is unreadable to the clerks who check the output.
    /// </summary>
    public static JsonSerializerOptions Options { get; } = Create(indented: false);

    /// <summary>Like <see cref="Options"/>, indented for people.</summary>
    public static JsonSerializerOptions Indented { get; } = Create(indented: true);

    /// <summary>One JSON array, an object per letter in the order they stand in the file.</summary>
    public static string Serialize(LetterReading reading, bool indented = true) =>
        JsonSerializer.Serialize(reading.Letters.Select(l => l.Fields).ToList(), indented ? Indented : Options);

    private static JsonSerializerOptions Create(bool indented)
    {
        var options = new JsonSerializerOptions(JsonSerializerDefaults.Web)
        {
            Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
            DefaultIgnoreCondition = JsonIgnoreCondition.Never,
            WriteIndented = indented,
        };
        options.MakeReadOnly(populateMissingResolver: true);
        return options;
    }
}

/// <summary>Receive-stamp times as the samples write them, <c>10:45</c>: stamps carry no seconds.</summary>
public sealed class HourMinuteConverter : JsonConverter<TimeOnly>
{
    private const string Format = "HH:mm";

    public override TimeOnly Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        var text = reader.GetString() ?? throw new JsonException("time expected");
        return TimeOnly.TryParseExact(text, Format, CultureInfo.InvariantCulture, DateTimeStyles.None, out var time)
            || TimeOnly.TryParse(text, CultureInfo.InvariantCulture, out time)
            ? time
            : throw new JsonException($"'{text}' is not a time (HH:mm)");
    }

    public override void Write(Utf8JsonWriter writer, TimeOnly value, JsonSerializerOptions options) =>
        writer.WriteStringValue(value.ToString(Format, CultureInfo.InvariantCulture));
}
