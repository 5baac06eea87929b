using Saraban.Workflow.EventStore;

namespace Saraban.Workflow.Tests.EventStore;

/// <summary>
/// Stored hashes must verify forever: the bytes an event hashes to are pinned here, so a faster
/// implementation of the chain cannot silently change them. (The figures were computed independently,
/// with Python's hashlib over the documented layout: length-prefixed UTF-8 fields, little-endian longs.)
/// </summary>
public sealed class when_hashing_an_event
{
    private static readonly RecordedEvent Letter = new(
        Position: 42, StreamId: "letter-ที่ อต ๐๐๒๓.๓/ว ๑๓๖๗", Version: 7,
        EventId: Guid.Parse("0193a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a5b"), Type: "letter-registered.v2",
        Data: """{"subject":"ขอเชิญประชุมเชิงปฏิบัติการ","n":1}""",
        Metadata: new EventMetadata("clerk-1", "prov-53", Guid.Parse("11111111-2222-3333-4444-555555555555"), Guid.Parse("66666666-7777-8888-9999-aaaaaaaaaaaa")),
        RecordedAt: EventChain.FromUnixMicroseconds(1_763_780_000_123_456));

    [Fact]
    public void the_hash_of_a_known_event_never_changes()
    {
        var previous = Enumerable.Range(0, EventChain.HashLength).Select(i => (byte)i).ToArray();
        Assert.Equal("86A06F7421B46AC7548D894CA9E4ADABFC60FD6B4D4E907C5A4FFAAC87D45DD8", Convert.ToHexString(EventChain.Next(previous, Letter)));
    }

    [Fact]
    public void an_event_without_a_cause_hashes_as_before()
    {
        var first = Letter with { Position = 1, Metadata = Letter.Metadata with { CausationId = null } };
        Assert.Equal("EDEC660754D443374AAB0CC3B671CECC6B0D74A498AE8B159191A0F7D58BB6F1", Convert.ToHexString(EventChain.Next(EventChain.Genesis, first)));
    }
}
