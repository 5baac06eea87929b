using System.Data.Common;
using Saraban.Workflow.Letters;
using Saraban.Workflow.Views;

namespace Saraban.Workflow.Registers;

/// <summary>
/// The registers as pages and the API read them, from <see cref="RegistersView"/>'s tables: one
/// office's lines newest first (searched, by year, a page at a time), a letter's chain back to its
/// origin, and the distribution tree below a letter. Every read is by index and bounded.
/// </summary>
public sealed class LetterRegisters(IViewReader views)
{
    private const string IncomingColumns = "stream_id, office_id, channel, sender, doc_number, date, subject, urgency, secrecy, arrived_at, " +
        "receive_number, received_at, status, from_letter, origin_letter, forwarded_as, action_due, seq, note, destroyed, hold";
    private const string OutgoingColumns = "letter_id, office_id, kind, subject, urgency, secrecy, addressees, drafted_at, status, doc_number, date, " +
        "forwards, origin_letter, seq, addressee, note, destroyed, hold";

    /// <summary>The office's received letters, newest first.</summary>
    public Task<List<IncomingEntry>> IncomingAsync(string organizationId, RegisterQuery? query = null, CancellationToken ct = default) =>
        SearchAsync("incoming", IncomingColumns, organizationId, query ?? RegisterQuery.Newest, ReadIncoming, ct);

    /// <summary>The office's own letters, newest first.</summary>
    public Task<List<OutgoingEntry>> OutgoingAsync(string organizationId, RegisterQuery? query = null, CancellationToken ct = default) =>
        SearchAsync("outgoing", OutgoingColumns, organizationId, query ?? RegisterQuery.Newest, ReadOutgoing, ct);

    /// <summary>
    /// Past this many lines of the whole database matching, a text is common: the office's own lines
    /// are read newest first and the first that contain it kept (fast, since so many do), rather
    /// than every match of every office gathered from the trigram index and then filtered.
    /// </summary>
    private const int CommonText = 2000;

    private async Task<List<T>> SearchAsync<T>(string table, string columns, string office, RegisterQuery q, Func<DbDataReader, T> read, CancellationToken ct)
    {
        var where = new List<string> { "office_id = $1" };
        var args = new List<object?> { office };
        string Arg(object? value) { args.Add(value); return "$" + args.Count; }
        if (q.Year is { } year) where.Add($"year = {Arg(year)}");
        if (q.From is { } from) where.Add($"day >= {Arg(RegistersView.Day(from))}");
        if (q.To is { } to) where.Add($"day <= {Arg(RegistersView.Day(to))}");
        if (q.Before is { } before) where.Add($"seq < {Arg(before)}");
        if (q.SenderNeedle is { } sender && table == "incoming") where.Add($"sender LIKE {Arg(RegisterSearch.Contains(sender))} ESCAPE '\\'");
        if (q.Needle is { } needle)
        {
            // Two characters are below what trigrams index, and a common text is found sooner in the office's own lines.
            var scan = needle.Length < 3 || (views.Dialect == SqlDialect.Sqlite && await IsCommonAsync(table, needle, ct));
            where.Add(scan
                ? $"search LIKE {Arg(RegisterSearch.Contains(needle))} ESCAPE '\\'"
                : views.Dialect == SqlDialect.Sqlite
                ? $"seq IN (SELECT rowid FROM {{registers.{table}_search}} WHERE {{registers.{table}_search}} MATCH {Arg(RegisterSearch.Phrase(needle))})"
                : $"seq IN (SELECT seq FROM {{registers.{table}_search}} WHERE search LIKE {Arg(RegisterSearch.Contains(needle))} ESCAPE '\\')");
        }
        var limit = Math.Clamp(q.Limit, 1, RegisterQuery.MaxLimit);
        return await views.QueryAsync($"SELECT {columns} FROM {{registers.{table}}} WHERE {string.Join(" AND ", where)} ORDER BY seq DESC LIMIT {limit}",
            read, ct, [.. args]);
    }

    private async Task<bool> IsCommonAsync(string table, string needle, CancellationToken ct) =>
        (await views.QueryAsync($"SELECT COUNT(*) FROM (SELECT rowid FROM {{registers.{table}_search}} WHERE {{registers.{table}_search}} MATCH $1 LIMIT {CommonText})",
            r => r.GetInt64(0), ct, RegisterSearch.Phrase(needle)))[0] >= CommonText;

    /// <summary>The office's letters arrived and not yet registered (รอลงทะเบียนรับ), newest first, however far back they arrived.</summary>
    public Task<List<IncomingEntry>> WaitingAsync(string organizationId, int limit, CancellationToken ct = default) =>
        views.QueryAsync($"SELECT {IncomingColumns} FROM {{registers.incoming}} WHERE office_id = $1 AND status = {(int)IncomingStatus.Arrived} ORDER BY seq DESC LIMIT {Math.Clamp(limit, 1, RegisterQuery.MaxLimit)}",
            ReadIncoming, ct, organizationId);

    public Task<IncomingEntry?> FindIncomingAsync(string streamId, CancellationToken ct = default) =>
        views.FirstAsync($"SELECT {IncomingColumns} FROM {{registers.incoming}} WHERE stream_id = $1", ReadIncoming, ct, streamId);

    /// <summary>The lines of these received letters (those that exist), in one read.</summary>
    public async Task<List<IncomingEntry>> IncomingByStreamsAsync(IReadOnlyCollection<string> streamIds, CancellationToken ct = default)
    {
        var found = new List<IncomingEntry>();
        foreach (var chunk in streamIds.Distinct().Chunk(500))
            found.AddRange(await views.QueryAsync(
                $"SELECT {IncomingColumns} FROM {{registers.incoming}} WHERE stream_id IN ({string.Join(", ", chunk.Select((_, i) => "$" + (i + 1)))})", ReadIncoming, ct, [.. chunk]));
        return found;
    }

    public Task<OutgoingEntry?> FindOutgoingAsync(string letterId, CancellationToken ct = default) =>
        views.FirstAsync($"SELECT {OutgoingColumns} FROM {{registers.outgoing}} WHERE letter_id = $1", ReadOutgoing, ct, letterId);

    /// <summary>The office's letters that went out under this number (one, unless numbers were misused).</summary>
    public Task<List<OutgoingEntry>> WithNumberAsync(string organizationId, string documentNumber, CancellationToken ct = default) =>
        views.QueryAsync($"SELECT {OutgoingColumns} FROM {{registers.outgoing}} WHERE office_id = $1 AND doc_number = $2 ORDER BY seq", ReadOutgoing, ct, organizationId, documentNumber);

    /// <summary>The office's reserved numbers still unused, oldest first: what is flagged when one waits too long.</summary>
    public Task<List<OutgoingEntry>> ReservedAsync(string organizationId, int limit = 200, CancellationToken ct = default) =>
        views.QueryAsync($"SELECT {OutgoingColumns} FROM {{registers.outgoing}} WHERE office_id = $1 AND status = 3 ORDER BY seq LIMIT {Math.Clamp(limit, 1, RegisterQuery.MaxLimit)}",
            ReadOutgoing, ct, organizationId);

    /// <summary>Letters that began a chain and went out from one of these offices (all offices when null), newest first: what the tracker follows.</summary>
    public Task<List<OutgoingEntry>> OriginsAsync(IReadOnlyCollection<string>? offices, int limit, CancellationToken ct = default)
    {
        var list = offices is null ? "" : $"office_id IN ({string.Join(", ", offices.Select((_, i) => "$" + (i + 1)))}) AND ";
        return views.QueryAsync(
            $"SELECT {OutgoingColumns} FROM {{registers.outgoing}} WHERE {list}letter_id = origin_letter AND status = 2 ORDER BY seq DESC LIMIT {Math.Clamp(limit, 1, RegisterQuery.MaxLimit)}",
            ReadOutgoing, ct, [.. (offices ?? [])]);
    }

    /// <summary>The origins of the letters an office received, newest first.</summary>
    public Task<List<OutgoingEntry>> OriginsReceivedByAsync(string organizationId, int limit, CancellationToken ct = default) =>
        views.QueryAsync($$"""
            SELECT {{Prefixed("o.", OutgoingColumns)}} FROM {registers.outgoing} o
            WHERE o.letter_id IN (SELECT origin_letter FROM (SELECT origin_letter FROM {registers.incoming} WHERE office_id = $1 AND origin_letter IS NOT NULL ORDER BY seq DESC LIMIT {{limit * 4}}) r)
              AND o.status = 2
            ORDER BY o.seq DESC LIMIT {{limit}}
            """, ReadOutgoing, ct, organizationId);

    /// <summary>
    /// The letters a received letter came through, nearest first, back to the origin: the LAO's
    /// delivery ← the district's letter ← the province's letter ← the PM Office's circular.
    /// </summary>
    public async Task<List<OutgoingEntry>> ChainOfAsync(string incomingStreamId, CancellationToken ct = default)
    {
        var chain = new List<OutgoingEntry>();
        for (var at = await FindIncomingAsync(incomingStreamId, ct); at?.FromLetterId is { } from && chain.Count < 32;)
        {
            if (await FindOutgoingAsync(from, ct) is not { } letter) break;
            chain.Add(letter);
            at = letter.Forwards is { } f ? await FindIncomingAsync(f, ct) : null;
        }
        return chain;
    }

    /// <summary>The distribution tree below a letter: who received it, and what each passed on; one query per level.</summary>
    public async Task<TreeNode> TreeBelowAsync(string letterId, CancellationToken ct = default)
    {
        var root = await FindOutgoingAsync(letterId, ct);
        var letters = new Dictionary<string, OutgoingEntry?> { [letterId] = root };
        var deliveries = new Dictionary<string, List<IncomingEntry>>();
        var level = new List<string> { letterId };
        for (int depth = 0; level.Count > 0 && depth < 16; depth++)
        {
            var received = new List<IncomingEntry>();
            foreach (var chunk in level.Chunk(500))
                received.AddRange(await views.QueryAsync(
                    $"SELECT {IncomingColumns} FROM {{registers.incoming}} WHERE from_letter IN ({string.Join(", ", chunk.Select((_, i) => "$" + (i + 1)))}) ORDER BY seq",
                    ReadIncoming, ct, [.. chunk]));
            foreach (var d in received)
                (deliveries.TryGetValue(d.FromLetterId!, out var l) ? l : deliveries[d.FromLetterId!] = []).Add(d);
            var next = received.Select(d => d.ForwardedAs).OfType<string>().Where(id => !letters.ContainsKey(id)).Distinct().ToList();
            foreach (var chunk in next.Chunk(500))
                foreach (var o in await views.QueryAsync(
                    $"SELECT {OutgoingColumns} FROM {{registers.outgoing}} WHERE letter_id IN ({string.Join(", ", chunk.Select((_, i) => "$" + (i + 1)))})",
                    ReadOutgoing, ct, [.. chunk]))
                    letters[o.LetterId] = o;
            foreach (var id in next) letters.TryAdd(id, null);
            level = next;
        }
        TreeNode Node(string id, int depth) => new(letters.GetValueOrDefault(id), depth > 16 || !deliveries.TryGetValue(id, out var ds) ? [] :
            ds.Select(d => new TreeDelivery(d, d.ForwardedAs is { } next && letters.ContainsKey(next) ? Node(next, depth + 1) : null)).ToList());
        return Node(letterId, 0);
    }

    private static string Prefixed(string prefix, string columns) => string.Join(", ", columns.Split(", ").Select(c => prefix + c));

    private static IncomingEntry ReadIncoming(DbDataReader r) => new(r.GetString(0), r.GetString(1), (ArrivalChannel)r.Int(2)!.Value, r.GetString(3),
        r.GetString(4), RegistersView.FromDay(r.Int(5)!.Value), r.GetString(6), (Urgency)r.Int(7)!.Value, (Secrecy)r.Int(8)!.Value, r.Time(9)!.Value,
        r.Int(10), r.Time(11), (IncomingStatus)r.Int(12)!.Value, r.Text(13), r.Text(14), r.Text(15), r.Int(16) is { } due ? RegistersView.FromDay(due) : null, r.GetInt64(17), r.Text(18),
        r.Int(19) == 1, r.Text(20));

    private static OutgoingEntry ReadOutgoing(DbDataReader r) => new(r.GetString(0), r.GetString(1), (LetterKind)r.Int(2)!.Value, r.GetString(3),
        (Urgency)r.Int(4)!.Value, (Secrecy)r.Int(5)!.Value, r.Int(6)!.Value, r.Time(7)!.Value, (OutgoingStatus)r.Int(8)!.Value, r.Text(9),
        r.Int(10) is { } d ? RegistersView.FromDay(d) : null, r.Text(11), r.GetString(12), r.GetInt64(13), r.Text(14), r.Text(15),
        r.Int(16) == 1, r.Text(17));
}

public sealed record TreeNode(OutgoingEntry? Letter, IReadOnlyList<TreeDelivery> Deliveries)
{
    public int Count => Deliveries.Sum(d => 1 + (d.Forwarded?.Count ?? 0));
}

/// <summary>One office's copy of a letter, and its own letter passing it on (when it forwarded).</summary>
public sealed record TreeDelivery(IncomingEntry Received, TreeNode? Forwarded);
