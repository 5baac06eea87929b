using System.Text.Json;
using System.Text.Json.Nodes;

namespace Saraban.Workflow.EventStore;

/// <summary>
/// Maps stable event type names to CLR types and back, and upgrades old shapes on read. A stored
/// name never changes when a class is renamed; a changed shape gets a new name and an upcaster
/// from the old one, so old events still read as the current type.
/// </summary>
public sealed class EventTypes
{
    private readonly Dictionary<string, Type> _byName = new(StringComparer.Ordinal);
    private readonly Dictionary<Type, string> _byType = new();
    private readonly Dictionary<string, (string To, Func<JsonObject, JsonObject> Upgrade)> _upcasters = new(StringComparer.Ordinal);

    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        // Thai text stays readable in the store and in exports, not \u0E2A-escaped.
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    public EventTypes Register<T>(string name) where T : class
    {
        if (_byName.TryGetValue(name, out var existing) && existing != typeof(T))
            throw new InvalidOperationException($"Event type name '{name}' is taken by {existing.Name}.");
        _byName[name] = typeof(T);
        _byType[typeof(T)] = name;
        return this;
    }

    /// <summary>Events stored as <paramref name="from"/> are read as <paramref name="to"/> after <paramref name="upgrade"/>.</summary>
    public EventTypes Upcast(string from, string to, Func<JsonObject, JsonObject> upgrade)
    {
        _upcasters[from] = (to, upgrade);
        return this;
    }

    public string NameOf(Type type) =>
        _byType.TryGetValue(type, out var name) ? name : throw new InvalidOperationException($"{type.Name} is not a registered event type.");

    public EventData ToEventData(object @event, EventMetadata metadata, Guid? eventId = null) =>
        new(eventId ?? Guid.CreateVersion7(), NameOf(@event.GetType()), JsonSerializer.Serialize(@event, @event.GetType(), Json), metadata);

    /// <summary>The event as its current CLR type; throws <see cref="UnknownEventTypeException"/> for a name nobody registered.</summary>
    public object Deserialize(RecordedEvent e)
    {
        var name = e.Type;
        string data = e.Data;
        for (int hops = 0; _upcasters.TryGetValue(name, out var up); hops++)
        {
            if (hops > 32) throw new EventStoreException($"Upcasters for '{e.Type}' loop.");
            var node = JsonNode.Parse(data) as JsonObject ?? throw new EventStoreException($"Event at position {e.Position} is not a JSON object.");
            data = up.Upgrade(node).ToJsonString(Json);
            name = up.To;
        }
        if (!_byName.TryGetValue(name, out var type)) throw new UnknownEventTypeException(e.Type, e.Position);
        try { return JsonSerializer.Deserialize(data, type, Json)!; }
        catch (JsonException ex) { throw new EventStoreException($"Event at position {e.Position} ('{e.Type}') does not fit {type.Name}: {ex.Message}", ex); }
    }

    public bool Knows(string name) => _byName.ContainsKey(name) || _upcasters.ContainsKey(name);
}
