using Saraban.Workflow.EventStore;
using Saraban.Workflow.Letters;
using Saraban.Workflow.Projections;

namespace Saraban.Workflow.Registers;

/// <summary>
/// Every office's receive and dispatch registers, and the links between letters (which delivery
/// an office's letter forwards, which letter brought each delivery), fed from the log. The links
/// answer a letter's chain back to its origin and the distribution tree below any letter.
/// Rebuilt from position 0 it is the same (tested).
/// </summary>
public sealed class LetterRegisters(EventTypes types) : InMemoryProjection
{
    private readonly Dictionary<string, IncomingEntry> _incoming = new(StringComparer.Ordinal);
    private readonly Dictionary<string, OutgoingEntry> _outgoing = new(StringComparer.Ordinal);
    private readonly Dictionary<string, List<string>> _incomingByOffice = new(StringComparer.Ordinal);
    private readonly Dictionary<string, List<string>> _outgoingByOffice = new(StringComparer.Ordinal);
    private readonly Dictionary<string, List<string>> _deliveriesOf = new(StringComparer.Ordinal); // letter → incoming streams

    protected override void Apply(RecordedEvent e)
    {
        if (e.StreamId.StartsWith("in-", StringComparison.Ordinal)) ApplyIncoming(e);
        else if (e.StreamId.StartsWith("out-", StringComparison.Ordinal)) ApplyOutgoing(e);
    }

    private void ApplyIncoming(RecordedEvent e)
    {
        if (e.Type == "letter-arrived")
        {
            var a = (LetterArrived)types.Deserialize(e);
            _incoming[e.StreamId] = new IncomingEntry(e.StreamId, a.OrganizationId, a.Channel, a.SenderName, a.DocumentNumber, a.Date,
                a.Content.Subject, a.Content.Urgency, a.Content.Secrecy, e.RecordedAt, null, null, IncomingStatus.Arrived,
                a.FromLetterId, a.OriginLetterId, null, a.ActionDue);
            Add(_incomingByOffice, a.OrganizationId, e.StreamId);
            if (a.FromLetterId is { } from) Add(_deliveriesOf, from, e.StreamId);
            return;
        }
        if (!_incoming.TryGetValue(e.StreamId, out var entry)) return;
        _incoming[e.StreamId] = types.Deserialize(e) switch
        {
            LetterRegistered r => entry with { ReceiveNumber = r.ReceiveNumber, ReceivedAt = r.ReceivedAt, Status = IncomingStatus.Registered },
            MinuteWritten => entry with { Status = Max(entry.Status, IncomingStatus.Minuted) },
            LetterDecided => entry with { Status = Max(entry.Status, IncomingStatus.Decided) },
            LetterForwarded f => entry with { ForwardedAs = f.OutgoingLetterId, Status = Max(entry.Status, IncomingStatus.Forwarded) },
            LetterAcknowledged => entry with { Status = Max(entry.Status, IncomingStatus.Acknowledged) },
            RequestedActionDone => entry with { Status = IncomingStatus.Done },
            _ => entry,
        };
    }

    private void ApplyOutgoing(RecordedEvent e)
    {
        var id = e.StreamId["out-".Length..];
        switch (types.Deserialize(e))
        {
            case LetterDrafted d:
                _outgoing[id] = new OutgoingEntry(id, d.OrganizationId, d.Content.Kind, d.Content.Subject, d.Content.Urgency, d.Content.Secrecy,
                    d.Addressees.Count, e.RecordedAt, OutgoingStatus.Drafted, null, null, d.Forwards, d.OriginLetterId ?? id);
                Add(_outgoingByOffice, d.OrganizationId, id);
                break;
            case LetterSigned when _outgoing.TryGetValue(id, out var o):
                _outgoing[id] = o with { Status = OutgoingStatus.Signed };
                break;
            case LetterDispatched x when _outgoing.TryGetValue(id, out var o):
                _outgoing[id] = o with { Status = OutgoingStatus.Dispatched, DocumentNumber = x.DocumentNumber, Date = x.Date };
                break;
        }
    }

    private static IncomingStatus Max(IncomingStatus a, IncomingStatus b) => a > b ? a : b;

    private static void Add(Dictionary<string, List<string>> index, string key, string value)
    {
        if (!index.TryGetValue(key, out var list)) index[key] = list = [];
        list.Add(value);
    }

    /// <summary>The office's received letters, newest first.</summary>
    public IReadOnlyList<IncomingEntry> Incoming(string organizationId, int max = 200)
    {
        lock (Gate)
            return _incomingByOffice.TryGetValue(organizationId, out var ids)
                ? ids.AsEnumerable().Reverse().Take(max).Select(i => _incoming[i]).ToList() : [];
    }

    /// <summary>The office's own letters, newest first.</summary>
    public IReadOnlyList<OutgoingEntry> Outgoing(string organizationId, int max = 200)
    {
        lock (Gate)
            return _outgoingByOffice.TryGetValue(organizationId, out var ids)
                ? ids.AsEnumerable().Reverse().Take(max).Select(i => _outgoing[i]).ToList() : [];
    }

    /// <summary>Letters that began a chain and went out: what the tracker follows.</summary>
    public IReadOnlyList<OutgoingEntry> Origins()
    {
        lock (Gate) return _outgoing.Values.Where(o => o.OriginLetterId == o.LetterId && o.Status == OutgoingStatus.Dispatched).ToList();
    }

    public IncomingEntry? FindIncoming(string streamId) { lock (Gate) return _incoming.GetValueOrDefault(streamId); }
    public OutgoingEntry? FindOutgoing(string letterId) { lock (Gate) return _outgoing.GetValueOrDefault(letterId); }

    /// <summary>
    /// The letters a received letter came through, nearest first, back to the origin: the LAO's
    /// delivery ← the district's letter ← the province's letter ← the PM Office's circular.
    /// </summary>
    public IReadOnlyList<OutgoingEntry> ChainOf(string incomingStreamId)
    {
        lock (Gate)
        {
            var chain = new List<OutgoingEntry>();
            for (var at = _incoming.GetValueOrDefault(incomingStreamId);
                 at?.FromLetterId is { } from && _outgoing.TryGetValue(from, out var letter) && chain.Count < 32;
                 at = letter.Forwards is { } f ? _incoming.GetValueOrDefault(f) : null)
                chain.Add(letter);
            return chain;
        }
    }

    /// <summary>The distribution tree below a letter: who received it, and what each passed on, recursively.</summary>
    public TreeNode TreeBelow(string letterId)
    {
        lock (Gate) return Node(letterId, 0);
    }

    private TreeNode Node(string letterId, int depth)
    {
        var letter = _outgoing.GetValueOrDefault(letterId);
        var deliveries = depth > 16 || !_deliveriesOf.TryGetValue(letterId, out var streams) ? [] : streams.Select(s =>
        {
            var d = _incoming[s];
            return new TreeDelivery(d, d.ForwardedAs is { } next ? Node(next, depth + 1) : null);
        }).ToList();
        return new TreeNode(letter, deliveries);
    }

    /// <summary>The letter an office sent in passing on the chain of <paramref name="originLetterId"/>, if it did.</summary>
    public OutgoingEntry? OfficeLetterIn(string organizationId, string originLetterId)
    {
        lock (Gate)
            return _outgoingByOffice.TryGetValue(organizationId, out var ids)
                ? ids.Select(i => _outgoing[i]).FirstOrDefault(o => o.OriginLetterId == originLetterId) : null;
    }
}

public sealed record TreeNode(OutgoingEntry? Letter, IReadOnlyList<TreeDelivery> Deliveries)
{
    public int Count => Deliveries.Sum(d => 1 + (d.Forwarded?.Count ?? 0));
}

/// <summary>One office's copy of a letter, and its own letter passing it on (when it forwarded).</summary>
public sealed record TreeDelivery(IncomingEntry Received, TreeNode? Forwarded);
