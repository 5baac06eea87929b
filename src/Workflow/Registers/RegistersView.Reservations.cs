using Saraban.Workflow.EventStore;
using Saraban.Workflow.Letters;
using Saraban.Workflow.Numbering;
using Saraban.Workflow.Thai;
using Saraban.Workflow.Views;

namespace Saraban.Workflow.Registers;

public sealed partial class RegistersView
{
    /// <summary>The dispatch register's line of a reserved number: the reservation and the number, never a letter's id.</summary>
    public static string ReservedLineId(string reservationId, int number) => $"{reservationId}-{number}";

    /// <summary>
    /// A reserved number is a line of the dispatch register from the moment it is taken, so the
    /// book shows no gap: reserved, then sent on paper, or cancelled with its reason. Its
    /// <c>origin_letter</c> is the reservation's stream, never the line itself, so the tracker
    /// (which follows lines that are their own origin) never takes it for a circular.
    /// </summary>
    private void ApplyReservation(RecordedEvent e, ViewWriter w)
    {
        var reservationId = e.StreamId[NumberReservation.StreamPrefix.Length..];
        switch (w.Decode(e, types))
        {
            case NumberReserved r:
                var search = RegisterSearch.Normalize($"{r.Purpose} {r.DocumentNumber}");
                w.Execute("""
                    INSERT INTO {registers.outgoing} (seq, letter_id, office_id, kind, subject, urgency, secrecy, addressees, drafted_at, status,
                        doc_number, date, forwards, origin_letter, series, year, day, search, addressee, note)
                    VALUES ($1, $2, $3, $4, '', 0, 0, 0, $5, 3, $6, NULL, NULL, $7, $8, $9, $10, $11, NULL, $12)
                    """, e.Position, ReservedLineId(reservationId, r.Number), r.OrganizationId,
                    (int)(r.Series == NumberSeries.OutgoingCircular ? LetterKind.Circular : LetterKind.ExternalLetter), Ms(e.RecordedAt), r.DocumentNumber,
                    e.StreamId, (int)r.Series, r.Year, Day(BangkokTime.DateOf(e.RecordedAt)), search, r.Purpose);
                w.Execute(w.Dialect == SqlDialect.Sqlite ? "INSERT INTO {registers.outgoing_search} (rowid, search) VALUES ($1, $2)"
                    : "INSERT INTO {registers.outgoing_search} (seq, search) VALUES ($1, $2)", e.Position, search);
                break;
            case ReservedNumberUsed { LetterId: { } letterId } toLetter:
                // The system's letter went out under it: that letter's own line carries the number, so this one goes.
                var line = ReservedLineId(reservationId, toLetter.Number);
                w.Execute(w.Dialect == SqlDialect.Sqlite
                    ? "DELETE FROM {registers.outgoing_search} WHERE rowid = (SELECT seq FROM {registers.outgoing} WHERE letter_id = $1)"
                    : "DELETE FROM {registers.outgoing_search} WHERE seq = (SELECT seq FROM {registers.outgoing} WHERE letter_id = $1)", line);
                w.Execute("DELETE FROM {registers.outgoing} WHERE letter_id = $1", line);
                w.Execute("UPDATE {registers.outgoing} SET note = $1 WHERE letter_id = $2", "ใช้เลขที่จองไว้", letterId);
                break;
            case ReservedNumberUsed u:
                var id = ReservedLineId(reservationId, u.Number);
                w.Execute("UPDATE {registers.outgoing} SET status = 4, subject = $1, addressee = $2, addressees = 1, date = $3, day = $3, search = search || ' ' || $4 WHERE letter_id = $5",
                    u.Subject, u.AddresseeName, Day(u.Date), RegisterSearch.Normalize($"{u.Subject} {u.AddresseeName}"), id);
                CopySearch(w, id);
                break;
            case Retention.LetterDestroyed { Number: { } destroyed }:
                // A letter sent on paper, destroyed by an approved list: its line stays with its number, date and addressee.
                var paper = ReservedLineId(reservationId, destroyed);
                w.Execute("UPDATE {registers.outgoing} SET destroyed = 1, subject = $1, search = '' WHERE letter_id = $2", Retention.ContentErasure.Marker, paper);
                CopySearch(w, paper);
                break;
            case ReservedNumberCancelled c:
                w.Execute("UPDATE {registers.outgoing} SET status = 5, note = $1 WHERE letter_id = $2", c.Reason, ReservedLineId(reservationId, c.Number));
                break;
        }
    }
}
