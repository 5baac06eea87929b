using System.Text.Json.Nodes;
using Saraban.Documents.Reading;

namespace Saraban.Documents.Tests.Reading;

/// <summary>
/// The sample letters copied beside the tests: NN-name.txt with NN-name.json, the fields a reader
/// must find. The shared samples (01–03) are kept verbatim; what they do not define (owningUnit)
/// is expected in NN-name.extra.json, laid over them.
/// </summary>
internal static class Samples
{
    public static string Folder { get; } = Path.Combine(AppContext.BaseDirectory, "Reading", "samples");

    public static IEnumerable<string> Names =>
        Directory.EnumerateFiles(Folder, "*.txt").Select(Path.GetFileNameWithoutExtension).OfType<string>().Order(StringComparer.Ordinal);

    public static TheoryData<string> All => [.. Names];

    public static string PathOf(string name, string extension) => Path.Combine(Folder, name + extension);

    public static string Text(string name) => File.ReadAllText(PathOf(name, ".txt"));

    /// <summary>The expected letters, always as an array.</summary>
    public static JsonArray Expected(string name)
    {
        var expected = JsonNode.Parse(File.ReadAllText(PathOf(name, ".json")))!;
        var extra = PathOf(name, ".extra.json");
        if (File.Exists(extra))
        {
            foreach (var (key, value) in JsonNode.Parse(File.ReadAllText(extra))!.AsObject())
            {
                expected[key] = value?.DeepClone();
            }
        }

        return expected as JsonArray ?? [expected.DeepClone()];
    }

    public static JsonArray Actual(LetterReading reading) => JsonNode.Parse(LetterJson.Serialize(reading))!.AsArray();
}

/// <summary>
/// Compares a reading with its expected JSON: every field the expectation names must be equal;
/// a field it does not name must be null or [] (the samples leave out what a letter lacks).
/// </summary>
internal static class JsonShape
{
    public static void AssertMatches(JsonNode? expected, JsonNode? actual, string path = "$")
    {
        var problems = new List<string>();
        Compare(expected, actual, path, problems);
        Assert.True(problems.Count == 0, string.Join(Environment.NewLine, problems));
    }

    public static void AssertFields(JsonArray expected, JsonArray actual, params string[] fields)
    {
        Assert.Equal(expected.Count, actual.Count);
        for (var i = 0; i < expected.Count; i++)
        {
            var wanted = new JsonObject(fields.Where(f => expected[i]!.AsObject().ContainsKey(f)).Select(f => KeyValuePair.Create(f, expected[i]![f]?.DeepClone())));
            var read = new JsonObject(fields.Select(f => KeyValuePair.Create(f, actual[i]![f]?.DeepClone())));
            AssertMatches(wanted, read, $"$[{i}]");
        }
    }

    private static void Compare(JsonNode? expected, JsonNode? actual, string path, List<string> problems)
    {
        switch (expected)
        {
            case JsonObject e when actual is JsonObject a:
                foreach (var (key, value) in e)
                {
                    if (!a.ContainsKey(key))
                    {
                        problems.Add($"{path}.{key}: missing from the output");
                        continue;
                    }

                    Compare(value, a[key], $"{path}.{key}", problems);
                }

                foreach (var (key, value) in a.Where(p => !e.ContainsKey(p.Key)))
                {
                    if (value is not null && value is not JsonArray { Count: 0 })
                    {
                        problems.Add($"{path}.{key}: not in the expectation, so must be null or [], but is {value.ToJsonString()}");
                    }
                }

                break;
            case JsonArray e when actual is JsonArray a && a.Count == e.Count:
                for (var i = 0; i < e.Count; i++)
                {
                    Compare(e[i], a[i], $"{path}[{i}]", problems);
                }

                break;
            default:
                if (!JsonNode.DeepEquals(expected, actual))
                {
                    problems.Add($"{path}: expected {expected?.ToJsonString(Options) ?? "null"}, read {actual?.ToJsonString(Options) ?? "null"}");
                }

                break;
        }
    }

    private static readonly System.Text.Json.JsonSerializerOptions Options = LetterJson.Options;
}
