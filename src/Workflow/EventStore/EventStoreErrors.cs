namespace Saraban.Workflow.EventStore;

/// <summary>Every failure the store reports on purpose; the CLI prints its message as one line.</summary>
public class EventStoreException(string message, Exception? inner = null) : Exception(message, inner);

public sealed class WrongExpectedVersionException(string streamId, ExpectedVersion expected, long actual)
    : EventStoreException($"Stream '{streamId}' is at version {actual}, not {expected}: someone else changed it first; reload and try again.")
{
    public string StreamId { get; } = streamId;
    public ExpectedVersion Expected { get; } = expected;
    public long Actual { get; } = actual;
}

public sealed class DuplicateEventIdException(Guid eventId, string streamId)
    : EventStoreException($"Event {eventId} is already stored, but not as this append to '{streamId}': event ids must be unique.");

public sealed class EventTooLargeException(Guid eventId, long bytes)
    : EventStoreException($"Event {eventId} is {bytes:N0} bytes; the limit is {EventLimits.MaxEventBytes:N0} bytes (4 MiB).");

public sealed class UnknownEventTypeException(string type, long position)
    : EventStoreException($"Unknown event type '{type}' at position {position}: register it, or an upcaster for it.");

public sealed class EventStoreUnavailableException(string message, Exception? inner = null)
    : EventStoreException(message, inner);

public sealed class EventStoreCorruptException(string message, Exception? inner = null)
    : EventStoreException(message, inner);

public static class EventLimits
{
    /// <summary>
    /// 4 MiB: a circular to every one of the 7,850 LAOs names each addressee (its id, name and head's
    /// title, about 170 bytes in Thai) in its draft and its dispatch, 1.3 MB each; 1 MiB refused it.
    /// </summary>
    public const int MaxEventBytes = 4 * 1024 * 1024;
    public const int MaxStreamIdLength = 200;

    /// <summary>Checks what can be checked without the database, so a bad append never touches it.</summary>
    public static void Validate(string streamId, IReadOnlyList<EventData> events)
    {
        if (string.IsNullOrWhiteSpace(streamId) || streamId.Length > MaxStreamIdLength)
            throw new EventStoreException($"Stream id must be 1 to {MaxStreamIdLength} characters.");
        if (events.Count == 0)
            throw new EventStoreException($"Nothing to append to '{streamId}'.");
        var seen = new HashSet<Guid>();
        foreach (var e in events)
        {
            if (!seen.Add(e.EventId))
                throw new EventStoreException($"Event id {e.EventId} appears twice in one append to '{streamId}'.");
            if (string.IsNullOrWhiteSpace(e.Type))
                throw new EventStoreException($"Event {e.EventId} has no type name.");
            long bytes = System.Text.Encoding.UTF8.GetByteCount(e.Data) + System.Text.Encoding.UTF8.GetByteCount(e.Type);
            if (bytes > MaxEventBytes) throw new EventTooLargeException(e.EventId, bytes);
        }
    }
}
