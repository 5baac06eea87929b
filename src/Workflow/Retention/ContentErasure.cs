using System.Text.Json;
using System.Text.Json.Nodes;
using Saraban.Workflow.EventStore;

namespace Saraban.Workflow.Retention;

/// <summary>
/// ทำลายแล้ว: a register entry destroyed by an approved list. Appended to the letter's stream
/// before its content is erased, naming every event erased (see <see cref="Erasures"/>), so the log
/// keeps the line and says what became of it, and <c>verify</c> still holds. On a reservation's stream,
/// <paramref name="Number"/> names the reserved number whose paper letter was destroyed (<see cref="PaperLine"/>).
/// </summary>
public sealed record LetterDestroyed(string ListStreamId, IReadOnlyList<ErasedEvent> Erased, string UserId, int? Number = null);

/// <summary>
/// What a destroyed letter's events keep: their shape (every event still reads, so the views rebuild
/// from the log), who did what and when, the number, dates, the offices and the files' hashes; not
/// what the letter said. Subjects become <see cref="Marker"/>; the addressee line, body, minutes,
/// notes, the files' names and descriptions and a secret letter's sealed box and wrapped key are
/// emptied. Pure and idempotent: erasing erased data changes nothing, so a destruction cut short is
/// finished by running it again.
/// </summary>
public static class ContentErasure
{
    public const string Marker = "(ทำลายแล้ว)";
    public const string DestroyedType = Erasures.EventType;

    /// <summary>Property names (as stored, camelCase) whose text is the letter's content.</summary>
    private static readonly Dictionary<string, Func<JsonNode?, JsonNode?>> Erase = new(StringComparer.Ordinal)
    {
        ["subject"] = _ => Marker,
        ["addresseeLine"] = _ => "",
        ["body"] = _ => new JsonArray(),
        // As many lines as there were: the files' labels are numbered after them.
        ["enclosures"] = n => n is JsonArray a && a.All(x => x is JsonValue) ? new JsonArray([.. a.Select(_ => (JsonNode)Marker)]) : Walk(n),
        ["text"] = _ => Marker,
        ["note"] = n => n is null ? null : Marker,
        ["fileName"] = _ => Marker,
        ["description"] = _ => "",
        ["sealed"] = _ => null,
        ["wrapped"] = _ => "",
        ["purpose"] = _ => Marker,
    };

    public static string Apply(string data)
    {
        var node = JsonNode.Parse(data);
        return Walk(node)?.ToJsonString(EventTypes.Json) ?? data;
    }

    private static JsonNode? Walk(JsonNode? node)
    {
        switch (node)
        {
            case JsonObject o:
                foreach (var (name, value) in o.ToList())
                    o[name] = Erase.TryGetValue(name, out var erase) ? erase(value?.DeepClone()) : Walk(value?.DeepClone());
                return o;
            case JsonArray a:
                return new JsonArray([.. a.Select(x => Walk(x?.DeepClone()))]);
            default:
                return node?.DeepClone();
        }
    }

    /// <summary>Whether the event's data is already as erased.</summary>
    public static bool IsErased(string data) => Apply(data) == data;
}
