using Saraban.Workflow.EventStore;
using Saraban.Workflow.Letters;
using Saraban.Workflow.Thai;
using Saraban.Workflow.Views;

namespace Saraban.Workflow.Registers;

public sealed partial class RegistersView
{
    /// <summary>
    /// A receive-register line over one batch: inserted (when its letter arrived in the batch) and
    /// what changed, written once at the batch's end. Catching up, a letter often arrives, is
    /// registered, minuted, decided and forwarded within one batch, and one statement then does
    /// what six did (on PostgreSQL each is a round of the server's work).
    /// </summary>
    private sealed class IncomingLine
    {
        /// <summary>The INSERT's arguments up to the status, when the line arrived in this batch.</summary>
        public object?[]? Arrived;
        public (int Number, long At, int Year, int Day)? Registered;
        public string? ForwardedAs;
        /// <summary>Why the line ended: the sender's recall or this office's return.</summary>
        public string? Note;
        public int? Retention;
        /// <summary>Destroyed (ทำลายแล้ว): the content columns and the search text are cleared at the batch's end.</summary>
        public bool Destroyed;
        /// <summary>A legal hold set (its reason) or lifted (null) in this batch: written at the batch's end, after the line's insert.</summary>
        public (string? Reason, bool Changed) Hold;
        /// <summary>The status set outright (a new line starts at Arrived), or raised to at least <see cref="RaiseTo"/>.</summary>
        public int? SetTo;
        public int RaiseTo = -1;

        public bool Changes => Registered is not null || ForwardedAs is not null || Note is not null || Retention is not null || SetTo is not null || RaiseTo >= 0;

        public void Set(IncomingStatus status) => (SetTo, RaiseTo) = ((int)status, -1);

        public void Raise(IncomingStatus status)
        {
            if (SetTo is { } set) SetTo = Math.Max(set, (int)status);
            else RaiseTo = Math.Max(RaiseTo, (int)status);
        }
    }

    private sealed class IncomingLines : Dictionary<string, IncomingLine>;

    private void ApplyIncoming(RecordedEvent e, ViewWriter w)
    {
        var lines = w.Batch<IncomingLines>();
        if (!lines.TryGetValue(e.StreamId, out var line)) lines[e.StreamId] = line = new IncomingLine();
        switch (w.Decode(e, types))
        {
            case LetterArrived a:
                var search = RegisterSearch.Normalize($"{a.Content.Subject} {a.SenderName} {a.DocumentNumber}");
                line.Arrived = [e.Position, e.StreamId, a.OrganizationId, (int)a.Channel, a.SenderName, a.DocumentNumber, Day(a.Date), a.Content.Subject,
                    (int)a.Content.Urgency, (int)a.Content.Secrecy, Ms(e.RecordedAt), a.FromLetterId, a.OriginLetterId, a.ActionDue is { } due ? Day(due) : null,
                    BangkokTime.YearOf(e.RecordedAt), Day(BangkokTime.DateOf(e.RecordedAt)), search];
                line.Set(IncomingStatus.Arrived);
                break;
            case LetterRegistered r:
                line.Registered = (r.ReceiveNumber, Ms(r.ReceivedAt), BangkokTime.YearOf(r.ReceivedAt), Day(BangkokTime.DateOf(r.ReceivedAt)));
                line.Set(IncomingStatus.Registered);
                break;
            case MinuteWritten: line.Raise(IncomingStatus.Minuted); break;
            case LetterDecided: line.Raise(IncomingStatus.Decided); break;
            case LetterForwarded f:
                line.ForwardedAs = f.OutgoingLetterId;
                line.Raise(IncomingStatus.Forwarded);
                break;
            case LetterAcknowledged: line.Raise(IncomingStatus.Acknowledged); break;
            case RequestedActionDone: line.Set(IncomingStatus.Done); break;
            case LetterWithdrawn x:
                line.Set(IncomingStatus.Recalled);
                line.Note = $"{x.SenderName} เรียกคืน: {x.Reason}";
                break;
            case Retention.RetentionSet x:
                line.Retention = (int)x.Class;
                break;
            case LetterReturned x:
                line.Set(IncomingStatus.Returned);
                line.Note = "ส่งคืนผู้ส่ง: " + x.Note;
                break;
            case Retention.LegalHoldSet h:
                line.Hold = (h.Reason, true);
                break;
            case Retention.LegalHoldLifted:
                line.Hold = (null, true);
                break;
            case Retention.LetterDestroyed:
                line.Destroyed = true;
                line.Note = Destroyed;
                break;
        }
    }

    public ValueTask CompleteAsync(ViewWriter w, CancellationToken ct)
    {
        var inserts = new List<object?[]>();
        var searches = new List<object?[]>();
        var updates = new List<(string Stream, IncomingLine Line)>();
        foreach (var (stream, line) in w.Batch<IncomingLines>())
            if (line.Arrived is { } a)
            {
                inserts.Add(InsertRow(a, line));
                searches.Add([a[0], a[16]]);
            }
            else if (line.Changes) updates.Add((stream, line));
        w.ExecuteRows($"INSERT INTO {{registers.incoming}} ({InsertColumns}) VALUES ({string.Join(", ", InsertTypes.Select((_, i) => "$" + (i + 1)))})",
            $"INSERT INTO {{registers.incoming}} ({InsertColumns}) SELECT * FROM unnest({Arrays(InsertTypes)})", InsertTypes, inserts);
        w.ExecuteRows(w.Dialect == SqlDialect.Sqlite ? "INSERT INTO {registers.incoming_search} (rowid, search) VALUES ($1, $2)"
                : "INSERT INTO {registers.incoming_search} (seq, search) VALUES ($1, $2)",
            "INSERT INTO {registers.incoming_search} (seq, search) SELECT * FROM unnest($1::bigint[], $2::text[])", [ColumnType.Bigint, ColumnType.Text], searches);
        if (w.Dialect == SqlDialect.Sqlite || updates.Count == 1)
            foreach (var (stream, line) in updates) Update(w, stream, line);
        else if (updates.Count > 1)
            w.ExecuteRows("", BulkUpdate, UpdateTypes, [.. updates.Select(u => UpdateRow(u.Stream, u.Line))]);
        foreach (var (stream, line) in w.Batch<IncomingLines>())
        {
            // Holds are few: one statement each.
            if (line.Hold.Changed) w.Execute("UPDATE {registers.incoming} SET hold = $1 WHERE stream_id = $2", line.Hold.Reason, stream);
            if (line.Destroyed) Destroy(w, stream);
        }
        return ValueTask.CompletedTask;
    }

    private const string InsertColumns = "seq, stream_id, office_id, channel, sender, doc_number, date, subject, urgency, secrecy, arrived_at, "
        + "receive_number, received_at, status, from_letter, origin_letter, forwarded_as, action_due, year, day, search, note, retention";

    private static readonly ColumnType[] InsertTypes =
    [
        ColumnType.Bigint, ColumnType.Text, ColumnType.Text, ColumnType.Integer, ColumnType.Text, ColumnType.Text, ColumnType.Integer, ColumnType.Text,
        ColumnType.Integer, ColumnType.Integer, ColumnType.Bigint, ColumnType.Integer, ColumnType.Bigint, ColumnType.Integer, ColumnType.Text,
        ColumnType.Text, ColumnType.Text, ColumnType.Integer, ColumnType.Integer, ColumnType.Integer, ColumnType.Text, ColumnType.Text, ColumnType.Integer,
    ];

    private static string Arrays(IEnumerable<ColumnType> types) =>
        string.Join(", ", types.Select((t, i) => $"${i + 1}::{(t switch { ColumnType.Bigint => "bigint", ColumnType.Integer => "integer", _ => "text" })}[]"));

    private static object?[] InsertRow(object?[] a, IncomingLine line)
    {
        var status = Math.Max(line.SetTo ?? 0, line.RaiseTo);
        var (year, day) = line.Registered is { } r ? ((object?)r.Year, (object?)r.Day) : (a[14], a[15]);
        return [a[0], a[1], a[2], a[3], a[4], a[5], a[6], a[7], a[8], a[9], a[10], line.Registered?.Number, line.Registered?.At, status,
            a[11], a[12], line.ForwardedAs, a[13], year, day, a[16], line.Note, line.Retention ?? 0];
    }

    /// <summary>
    /// The lines of earlier batches that changed in this one, in one statement on PostgreSQL: a column the
    /// line did not change comes as null and keeps its value, and an indexed column written with its own
    /// value still lets the row be rewritten in place (a HOT update).
    /// </summary>
    private static readonly string BulkUpdate = $$"""
        UPDATE {registers.incoming} AS t SET
            receive_number = COALESCE(u.receive_number, t.receive_number), received_at = COALESCE(u.received_at, t.received_at),
            year = COALESCE(u.year, t.year), day = COALESCE(u.day, t.day), forwarded_as = COALESCE(u.forwarded_as, t.forwarded_as),
            note = COALESCE(u.note, t.note), retention = COALESCE(u.retention, t.retention),
            status = CASE WHEN u.set_to IS NOT NULL THEN u.set_to WHEN u.raise_to > t.status THEN u.raise_to ELSE t.status END
        FROM unnest({{Arrays(UpdateTypes)}}) AS u(stream_id, receive_number, received_at, year, day, forwarded_as, note, retention, set_to, raise_to)
        WHERE t.stream_id = u.stream_id
        """;

    private static ColumnType[] UpdateTypes =>
    [
        ColumnType.Text, ColumnType.Integer, ColumnType.Bigint, ColumnType.Integer, ColumnType.Integer, ColumnType.Text, ColumnType.Text,
        ColumnType.Integer, ColumnType.Integer, ColumnType.Integer,
    ];

    private static object?[] UpdateRow(string stream, IncomingLine line) =>
        [stream, line.Registered?.Number, line.Registered?.At, line.Registered?.Year, line.Registered?.Day, line.ForwardedAs, line.Note,
            line.Retention, line.SetTo, line.RaiseTo];

    /// <summary>A destroyed line keeps its receive number, date, sender and number; the subject goes, and the search text with it (the line is found by paging the book).</summary>
    private static void Destroy(ViewWriter w, string stream)
    {
        w.Execute("UPDATE {registers.incoming} SET destroyed = 1, subject = $1, search = '' WHERE stream_id = $2", Retention.ContentErasure.Marker, stream);
        w.Execute(w.Dialect == SqlDialect.Sqlite
            ? "UPDATE {registers.incoming_search} SET search = '' WHERE rowid = (SELECT seq FROM {registers.incoming} WHERE stream_id = $1)"
            : "UPDATE {registers.incoming_search} SET search = '' WHERE seq = (SELECT seq FROM {registers.incoming} WHERE stream_id = $1)", stream);
    }

    private static void Update(ViewWriter w, string stream, IncomingLine line)
    {
        var sets = new List<string>();
        var args = new List<object?>();
        string Arg(object? value) { args.Add(value); return "$" + args.Count; }
        if (line.Registered is { } r)
            sets.Add($"receive_number = {Arg(r.Number)}, received_at = {Arg(r.At)}, year = {Arg(r.Year)}, day = {Arg(r.Day)}");
        if (line.ForwardedAs is { } f) sets.Add($"forwarded_as = {Arg(f)}");
        if (line.Note is { } n) sets.Add($"note = {Arg(n)}");
        if (line.Retention is { } k) sets.Add($"retention = {Arg(k)}");
        if (line.SetTo is { } set) sets.Add($"status = {Arg(set)}");
        else if (line.RaiseTo >= 0) { var v = Arg(line.RaiseTo); sets.Add($"status = CASE WHEN status < {v} THEN {v} ELSE status END"); }
        w.Execute($"UPDATE {{registers.incoming}} SET {string.Join(", ", sets)} WHERE stream_id = {Arg(stream)}", [.. args]);
    }
}
