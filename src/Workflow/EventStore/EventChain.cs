using System.Buffers;
using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;

namespace Saraban.Workflow.EventStore;

/// <summary>
/// The tamper-evident chain: each event's hash covers its position, every stored field and the
/// previous event's hash, so altering or removing any event breaks every hash after it.
/// </summary>
public static class EventChain
{
    public const int HashLength = 32;
    public static ReadOnlySpan<byte> Genesis => new byte[HashLength];

    public static byte[] Next(ReadOnlySpan<byte> previous, RecordedEvent e)
    {
        // Length-prefixed fields, so no two different events can serialize to the same bytes. They are
        // laid out in one buffer and hashed in one call: this runs inside every append (and for every
        // event verify reads), where a hash object and a native call per field cost more than SHA-256.
        var m = e.Metadata;
        int size = previous.Length + 3 * sizeof(long)
            + Utf8Field(e.StreamId) + Utf8Field(e.Type) + Utf8Field(e.Data) + Utf8Field(m.UserId) + Utf8Field(m.OrganizationId)
            + 3 * (sizeof(long) + GuidLength);
        var rented = ArrayPool<byte>.Shared.Rent(size);
        try
        {
            var buffer = rented.AsSpan();
            previous.CopyTo(buffer);
            int at = previous.Length;
            at += WriteLong(buffer[at..], e.Position);
            at += WriteString(buffer[at..], e.StreamId);
            at += WriteLong(buffer[at..], e.Version);
            at += WriteGuid(buffer[at..], e.EventId);
            at += WriteString(buffer[at..], e.Type);
            at += WriteString(buffer[at..], e.Data);
            at += WriteString(buffer[at..], m.UserId);
            at += WriteString(buffer[at..], m.OrganizationId);
            at += WriteGuid(buffer[at..], m.CorrelationId);
            at += m.CausationId is { } cause ? WriteGuid(buffer[at..], cause) : WriteLong(buffer[at..], 0); // "" when none
            at += WriteLong(buffer[at..], ToUnixMicroseconds(e.RecordedAt));
            return SHA256.HashData(buffer[..at]);
        }
        finally { ArrayPool<byte>.Shared.Return(rented); }
    }

    /// <summary>A Guid is hashed as its 32 hex digits ("N"), prefixed by that length.</summary>
    private const int GuidLength = 32;

    private static int Utf8Field(string value) => sizeof(long) + Encoding.UTF8.GetByteCount(value);

    /// <summary>Both backends keep time to the microsecond; hashing the same precision keeps them comparable.</summary>
    public static long ToUnixMicroseconds(DateTimeOffset t) => (t.UtcTicks - DateTimeOffset.UnixEpoch.UtcTicks) / 10;

    public static DateTimeOffset FromUnixMicroseconds(long micros) =>
        new(DateTimeOffset.UnixEpoch.UtcTicks + micros * 10, TimeSpan.Zero);

    public static DateTimeOffset TruncateToMicroseconds(DateTimeOffset t) => FromUnixMicroseconds(ToUnixMicroseconds(t));

    private static int WriteLong(Span<byte> to, long value)
    {
        BinaryPrimitives.WriteInt64LittleEndian(to, value);
        return sizeof(long);
    }

    private static int WriteString(Span<byte> to, string value)
    {
        int n = Encoding.UTF8.GetBytes(value, to[sizeof(long)..]);
        return WriteLong(to, n) + n;
    }

    private static int WriteGuid(Span<byte> to, Guid value)
    {
        value.TryFormat(to[sizeof(long)..], out int n, "N");
        return WriteLong(to, n) + n;
    }
}

/// <summary>What <c>verify</c> found. <see cref="FirstBadPosition"/> is null when the whole chain holds.</summary>
/// <param name="Erased">How many events verified as erased by a destruction that announced them (see <see cref="Erasures"/>).</param>
public sealed record ChainReport(long EventsChecked, long? FirstBadPosition, string? Problem, long Erased = 0)
{
    public bool Holds => FirstBadPosition is null;
}

/// <summary>Walks stored (event, hash) pairs in position order and reports the first break.</summary>
internal sealed class ChainWalker
{
    private byte[] _previous = EventChain.Genesis.ToArray();
    private long _expectedPosition;
    private readonly bool _denseOrder;
    private readonly IReadOnlyDictionary<long, ErasedEvent> _erased;

    /// <param name="denseOrder">Positions must be 1, 2, 3…: a missing one means a removed event.</param>
    /// <param name="erased">The erasures the log's destructions announced, by position.</param>
    public ChainWalker(bool denseOrder, IReadOnlyDictionary<long, ErasedEvent>? erased = null) =>
        (_denseOrder, _erased) = (denseOrder, erased ?? new Dictionary<long, ErasedEvent>());

    public long Checked { get; private set; }
    public long Erased { get; private set; }
    public ChainReport? Failure { get; private set; }

    /// <returns>False once the chain is broken; the walk should stop.</returns>
    public bool Step(RecordedEvent e, ReadOnlySpan<byte> storedHash)
    {
        _expectedPosition++;
        if (_denseOrder && e.Position != _expectedPosition)
        {
            Failure = new ChainReport(Checked, _expectedPosition, $"event at position {_expectedPosition} is missing (next stored is {e.Position})");
            return false;
        }
        var computed = EventChain.Next(_previous, e);
        if (!storedHash.SequenceEqual(computed) && _erased.TryGetValue(e.Position, out var announced) && Erasures.Matches(announced, e, storedHash))
        {
            // Erased as a destruction announced: the chain goes on from the hash it was sealed with.
            _previous = storedHash.ToArray();
            Checked++;
            Erased++;
            return true;
        }
        if (!storedHash.SequenceEqual(computed))
        {
            Failure = new ChainReport(Checked, e.Position, $"event at position {e.Position} (stream '{e.StreamId}', version {e.Version}) does not match its hash: altered, or an event before it was removed");
            return false;
        }
        _previous = computed;
        Checked++;
        return true;
    }

    public ChainReport Finish() => Failure ?? new ChainReport(Checked, null, null, Erased);
}
