using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace Saraban.Workflow.EventStore;

/// <summary>
/// One event whose content was erased in place by a destruction (การทำลายหนังสือ): where it is, the
/// chain hash it was sealed with, and the SHA-256 (hex) of the data stored in its place.
/// </summary>
public sealed record ErasedEvent(long Position, string StreamId, long Version, string Type, string Hash, string Erased);

/// <summary>An event's data to be replaced, guarded by the chain hash it has now.</summary>
public sealed record EventErasure(long Position, string Data, byte[] Hash);

/// <summary>
/// How an erased event still verifies. The chain stays as it was sealed: an event's hash covers its
/// data, so once the data is gone the hash cannot be recomputed. Instead, before erasing, a
/// destruction appends an event (type <see cref="EventType"/>) naming each event it will erase with
/// its hash and the digest of what replaces it; that event is itself in the chain. <c>verify</c>
/// reads these first, and accepts an event whose hash no longer recomputes only at a position one of
/// them names, with the stream, version and type it names, the hash it recorded still stored, and
/// exactly the data it announced. Nothing else may change: an erasure nobody announced, or an
/// altered announcement, breaks the chain as before.
/// </summary>
public static class Erasures
{
    public const string EventType = "letter-destroyed";

    public static string Digest(string data) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(data)));

    private sealed record Carrier(IReadOnlyList<ErasedEvent>? Erased);

    /// <summary>The erasures an announcing event's data names; none when it cannot be read (the chain check then fails on its own).</summary>
    public static IEnumerable<ErasedEvent> Announced(string data)
    {
        try { return JsonSerializer.Deserialize<Carrier>(data, EventTypes.Json)?.Erased ?? []; }
        catch (JsonException) { return []; }
    }

    public static Dictionary<long, ErasedEvent> Index(IEnumerable<string> announcements)
    {
        var all = new Dictionary<long, ErasedEvent>();
        foreach (var data in announcements)
            foreach (var e in Announced(data)) all[e.Position] = e;
        return all;
    }

    /// <summary>Whether the event at <paramref name="e"/>'s position is one announced as erased, exactly as announced.</summary>
    internal static bool Matches(ErasedEvent announced, RecordedEvent e, ReadOnlySpan<byte> storedHash) =>
        announced.StreamId == e.StreamId && announced.Version == e.Version && announced.Type == e.Type
        && string.Equals(announced.Hash, Convert.ToHexStringLower(storedHash), StringComparison.Ordinal)
        && string.Equals(announced.Erased, Digest(e.Data), StringComparison.Ordinal);
}
