using System.Text.Json;

namespace Saraban.Workflow.Projections;

/// <summary>
/// How a whole-stream view (the directory, the users) is kept as a snapshot beside the log, so a
/// node starting on a big log reads one row instead of every event of the stream: on a log of the
/// nation's cascades the users' stream alone is 19,541 events scattered over millions, and reading
/// and deserializing them one by one was most of serve's start.
/// </summary>
/// <param name="Storage">Where snapshots are kept (the projection documents of the log's database).</param>
/// <param name="Shape">The snapshot's layout and its version, e.g. <c>access.v1</c>: a snapshot of another shape is not read.</param>
/// <param name="Write">The view as rows of strings.</param>
/// <param name="Read">The view from such rows, at the given stream version.</param>
public sealed record StreamSnapshots<TView>(IProjectionStorage Storage, string Shape, Func<TView, IEnumerable<string?[]>> Write, Func<IReadOnlyList<string?[]>, long, TView> Read)
{
    internal string Projection(string streamId) => "snapshot:" + streamId;

    /// <summary>The document: a header row (shape, version, the id of the stream's event at that version), then the view's rows.</summary>
    internal string Serialize(TView view, long version, Guid lastEventId) =>
        JsonSerializer.Serialize(new[] { new string?[] { Shape, version.ToString(System.Globalization.CultureInfo.InvariantCulture), lastEventId.ToString("N") } }
            .Concat(Write(view)).ToArray());

    /// <summary>The header and rows of a stored snapshot, or null when it is not of this shape.</summary>
    internal (long Version, Guid LastEventId, IReadOnlyList<string?[]> Rows)? Parse(string body)
    {
        var rows = ReadRows(body);
        if (rows is not { Length: > 0 } || rows[0] is not [var shape, var version, var last] || shape != Shape) return null;
        return (long.Parse(version!, System.Globalization.CultureInfo.InvariantCulture), Guid.ParseExact(last!, "N"), new ArraySegment<string?[]>(rows, 1, rows.Length - 1));
    }

    /// <summary>
    /// An array of arrays of strings, read with the reader itself: the serializer's generic array
    /// converters took 0.6–0.9 s over the users' 5 MB on a cold start, this loop a few tens of ms.
    /// </summary>
    internal static string?[][] ReadRows(string body)
    {
        var reader = new Utf8JsonReader(System.Text.Encoding.UTF8.GetBytes(body));
        var rows = new List<string?[]>();
        var row = new List<string?>(12);
        Expect(ref reader, JsonTokenType.StartArray);
        while (true)
        {
            if (!reader.Read()) throw new JsonException("a snapshot ends early");
            if (reader.TokenType == JsonTokenType.EndArray) break;
            if (reader.TokenType != JsonTokenType.StartArray) throw new JsonException("a snapshot row is not an array");
            row.Clear();
            while (true)
            {
                if (!reader.Read()) throw new JsonException("a snapshot ends early");
                if (reader.TokenType == JsonTokenType.EndArray) break;
                row.Add(reader.TokenType switch
                {
                    JsonTokenType.String => reader.GetString(),
                    JsonTokenType.Null => null,
                    _ => throw new JsonException("a snapshot field is not a string"),
                });
            }
            rows.Add(row.ToArray());
        }
        return rows.ToArray();
    }

    private static void Expect(ref Utf8JsonReader reader, JsonTokenType type)
    {
        if (!reader.Read() || reader.TokenType != type) throw new JsonException($"a snapshot should start with {type}");
    }
}
