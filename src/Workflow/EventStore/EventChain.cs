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
        // Length-prefixed fields, so no two different events can serialize to the same bytes.
        using var h = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        Span<byte> number = stackalloc byte[8];
        h.AppendData(previous);
        AppendLong(h, number, e.Position);
        AppendString(h, number, e.StreamId);
        AppendLong(h, number, e.Version);
        AppendString(h, number, e.EventId.ToString("N"));
        AppendString(h, number, e.Type);
        AppendString(h, number, e.Data);
        AppendString(h, number, e.Metadata.UserId);
        AppendString(h, number, e.Metadata.OrganizationId);
        AppendString(h, number, e.Metadata.CorrelationId.ToString("N"));
        AppendString(h, number, e.Metadata.CausationId?.ToString("N") ?? "");
        AppendLong(h, number, ToUnixMicroseconds(e.RecordedAt));
        return h.GetHashAndReset();
    }

    /// <summary>Both backends keep time to the microsecond; hashing the same precision keeps them comparable.</summary>
    public static long ToUnixMicroseconds(DateTimeOffset t) => (t.UtcTicks - DateTimeOffset.UnixEpoch.UtcTicks) / 10;

    public static DateTimeOffset FromUnixMicroseconds(long micros) =>
        new(DateTimeOffset.UnixEpoch.UtcTicks + micros * 10, TimeSpan.Zero);

    public static DateTimeOffset TruncateToMicroseconds(DateTimeOffset t) => FromUnixMicroseconds(ToUnixMicroseconds(t));

    private static void AppendLong(IncrementalHash h, Span<byte> buffer, long value)
    {
        BinaryPrimitives.WriteInt64LittleEndian(buffer, value);
        h.AppendData(buffer);
    }

    private static void AppendString(IncrementalHash h, Span<byte> buffer, string value)
    {
        var bytes = Encoding.UTF8.GetBytes(value);
        AppendLong(h, buffer, bytes.Length);
        h.AppendData(bytes);
    }
}

/// <summary>What <c>verify</c> found. <see cref="FirstBadPosition"/> is null when the whole chain holds.</summary>
public sealed record ChainReport(long EventsChecked, long? FirstBadPosition, string? Problem)
{
    public bool Holds => FirstBadPosition is null;
}

/// <summary>Walks stored (event, hash) pairs in position order and reports the first break.</summary>
internal sealed class ChainWalker
{
    private byte[] _previous = EventChain.Genesis.ToArray();
    private long _expectedPosition;
    private readonly bool _denseOrder;

    /// <param name="denseOrder">Positions must be 1, 2, 3…: a missing one means a removed event.</param>
    public ChainWalker(bool denseOrder) => _denseOrder = denseOrder;

    public long Checked { get; private set; }
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
        if (!storedHash.SequenceEqual(computed))
        {
            Failure = new ChainReport(Checked, e.Position, $"event at position {e.Position} (stream '{e.StreamId}', version {e.Version}) does not match its hash: altered, or an event before it was removed");
            return false;
        }
        _previous = computed;
        Checked++;
        return true;
    }

    public ChainReport Finish() => Failure ?? new ChainReport(Checked, null, null);
}
