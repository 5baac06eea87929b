using Saraban.Workflow.EventStore;
using Saraban.Workflow.Letters;
using Saraban.Workflow.Thai;
using Saraban.Workflow.Views;

namespace Saraban.Workflow.Registers;

/// <summary>
/// Every office's receive and dispatch registers (ทะเบียนหนังสือรับ / ทะเบียนหนังสือส่ง) as stored
/// rows, and the links between letters: which letter brought each delivery, which received letter
/// each office's letter passes on. A page reads one office's newest lines by index, a chain by key,
/// whatever the log's length. <c>search</c> is the normalized text the registers are searched by.
/// </summary>
public sealed partial class RegistersView(EventTypes types) : IView
{
    public string Name => "registers";
    // 4: reserved numbers' lines (จองเลข), the addressee of a letter sent on paper, each line's note (why cancelled, recalled,
    // returned) and its retention class (อายุการเก็บ). 5: whether the line's letter was destroyed (ทำลายแล้ว).
    // 6: a legal hold's reason while the line is held (อายัด / ระงับการทำลาย), for the register's page; the index
    // of letters waiting to be registered, which the inbox page reads.
    public int SchemaVersion => 6;
    public IReadOnlyList<string> Tables { get; } = ["incoming", "outgoing", "incoming_search", "outgoing_search"];

    public IReadOnlyList<string> Schema(SqlDialect dialect)
    {
        List<string> s =
        [
            """
            CREATE TABLE {registers.incoming} (
                seq BIGINT PRIMARY KEY, stream_id TEXT NOT NULL UNIQUE, office_id TEXT NOT NULL, channel INTEGER NOT NULL,
                sender TEXT NOT NULL, doc_number TEXT NOT NULL, date INTEGER NOT NULL, subject TEXT NOT NULL, urgency INTEGER NOT NULL,
                secrecy INTEGER NOT NULL, arrived_at BIGINT NOT NULL, receive_number INTEGER, received_at BIGINT, status INTEGER NOT NULL,
                from_letter TEXT, origin_letter TEXT, forwarded_as TEXT, action_due INTEGER, year INTEGER NOT NULL, day INTEGER NOT NULL,
                search TEXT NOT NULL, note TEXT, retention INTEGER NOT NULL DEFAULT 0, destroyed INTEGER NOT NULL DEFAULT 0, hold TEXT)
            """,
            "CREATE INDEX {registers.incoming}_office ON {registers.incoming} (office_id, seq)",
            "CREATE INDEX {registers.incoming}_year ON {registers.incoming} (office_id, year, seq)",
            "CREATE INDEX {registers.incoming}_day ON {registers.incoming} (office_id, day)",
            "CREATE INDEX {registers.incoming}_from ON {registers.incoming} (from_letter)",
            // Letters arrived and not yet registered (status 0): the few an inbox lists, however long the register.
            "CREATE INDEX {registers.incoming}_waiting ON {registers.incoming} (office_id, seq) WHERE status = 0",
            """
            CREATE TABLE {registers.outgoing} (
                seq BIGINT PRIMARY KEY, letter_id TEXT NOT NULL UNIQUE, office_id TEXT NOT NULL, kind INTEGER NOT NULL, subject TEXT NOT NULL,
                urgency INTEGER NOT NULL, secrecy INTEGER NOT NULL, addressees INTEGER NOT NULL, drafted_at BIGINT NOT NULL, status INTEGER NOT NULL,
                doc_number TEXT, date INTEGER, forwards TEXT, origin_letter TEXT NOT NULL, series INTEGER, year INTEGER NOT NULL, day INTEGER NOT NULL,
                search TEXT NOT NULL, addressee TEXT, note TEXT, retention INTEGER NOT NULL DEFAULT 0, destroyed INTEGER NOT NULL DEFAULT 0, hold TEXT)
            """,
            "CREATE INDEX {registers.outgoing}_office ON {registers.outgoing} (office_id, seq)",
            "CREATE INDEX {registers.outgoing}_year ON {registers.outgoing} (office_id, year, seq)",
            "CREATE INDEX {registers.outgoing}_day ON {registers.outgoing} (office_id, day)",
            "CREATE INDEX {registers.outgoing}_number ON {registers.outgoing} (office_id, doc_number)",
            // Reserved numbers not yet used: what the flag of overdue reservations reads (few rows, whatever the register's size).
            "CREATE INDEX {registers.outgoing}_reserved ON {registers.outgoing} (office_id, seq) WHERE status = 3",
            // The letters that began a chain and went out: what the tracker follows.
            "CREATE INDEX {registers.outgoing}_origins ON {registers.outgoing} (office_id, seq) WHERE letter_id = origin_letter AND status = 2",
            // The newest origins of the whole country, or of an area's offices: as many entries as circulars, not letters.
            "CREATE INDEX {registers.outgoing}_origins_all ON {registers.outgoing} (seq) WHERE letter_id = origin_letter AND status = 2",
        ];
        if (dialect == SqlDialect.Sqlite)
        {
            // FTS5's trigram tokenizer: any substring of three characters or more, which Thai needs (no spaces between words).
            s.Add("CREATE VIRTUAL TABLE {registers.incoming_search} USING fts5(search, tokenize = 'trigram')");
            s.Add("CREATE VIRTUAL TABLE {registers.outgoing_search} USING fts5(search, tokenize = 'trigram')");
            // Merge segments less eagerly (8 at a level, not 4) on larger pages: a register grows by the million, and
            // the default's merging was most of each batch's commit.
            foreach (var t in new[] { "{registers.incoming_search}", "{registers.outgoing_search}" })
            {
                s.Add($"INSERT INTO {t} ({t}, rank) VALUES ('automerge', 8)");
                s.Add($"INSERT INTO {t} ({t}, rank) VALUES ('pgsz', 4050)");
            }
        }
        else
        {
            // pg_trgm's index in a table of its own, written once per letter: a register line changes
            // as the letter moves (registered, minuted…), and each change would otherwise go through
            // the trigram index too (measured: 30–60 ms an UPDATE when GIN merged its pending list).
            s.Add("CREATE TABLE {registers.incoming_search} (seq BIGINT PRIMARY KEY, search TEXT NOT NULL)");
            s.Add("CREATE TABLE {registers.outgoing_search} (seq BIGINT PRIMARY KEY, search TEXT NOT NULL)");
            s.Add("CREATE INDEX {registers.incoming_search}_trgm ON {registers.incoming_search} USING gin (search gin_trgm_ops)");
            s.Add("CREATE INDEX {registers.outgoing_search}_trgm ON {registers.outgoing_search} USING gin (search gin_trgm_ops)");
            // Room on each page, so that a change of status rewrites the line in place (a HOT update) without touching its indexes.
            s.Add("ALTER TABLE {registers.incoming} SET (fillfactor = 85)");
            s.Add("ALTER TABLE {registers.outgoing} SET (fillfactor = 85)");
        }
        return s;
    }

    public bool Handles(string eventType) => eventType is "letter-arrived" or "letter-registered" or "minute-written" or "letter-decided"
        or "letter-forwarded" or "letter-acknowledged" or "requested-action-done" or "letter-drafted" or "letter-signed" or "letter-dispatched"
        or "number-reserved" or "reserved-number-used" or "reserved-number-cancelled"
        or "draft-discarded" or "letter-recalled" or "letter-returned-to-sender" or "letter-redirected" or "letter-withdrawn" or "letter-returned" or "retention-set"
        or "legal-hold-set" or "legal-hold-lifted" or Retention.ContentErasure.DestroyedType;

    public ValueTask ApplyAsync(RecordedEvent e, ViewWriter w, CancellationToken ct)
    {
        if (e.StreamId.StartsWith("in-", StringComparison.Ordinal)) ApplyIncoming(e, w);
        else if (e.StreamId.StartsWith("out-", StringComparison.Ordinal)) ApplyOutgoing(e, w);
        else if (e.StreamId.StartsWith(Numbering.NumberReservation.StreamPrefix, StringComparison.Ordinal)) ApplyReservation(e, w);
        return ValueTask.CompletedTask;
    }

    private void ApplyOutgoing(RecordedEvent e, ViewWriter w)
    {
        var id = e.StreamId["out-".Length..];
        switch (w.Decode(e, types))
        {
            case LetterDrafted d:
                var search = RegisterSearch.Normalize(d.Content.Subject);
                w.Execute("""
                    INSERT INTO {registers.outgoing} (seq, letter_id, office_id, kind, subject, urgency, secrecy, addressees, drafted_at, status,
                        doc_number, date, forwards, origin_letter, series, year, day, search)
                    VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, 0, NULL, NULL, $10, $11, NULL, $12, $13, $14)
                    """, e.Position, id, d.OrganizationId, (int)d.Content.Kind, d.Content.Subject, (int)d.Content.Urgency, (int)d.Content.Secrecy,
                    d.Addressees.Count, Ms(e.RecordedAt), d.Forwards, d.OriginLetterId ?? id, BangkokTime.YearOf(e.RecordedAt),
                    Day(BangkokTime.DateOf(e.RecordedAt)), search);
                w.Execute(w.Dialect == SqlDialect.Sqlite ? "INSERT INTO {registers.outgoing_search} (rowid, search) VALUES ($1, $2)"
                    : "INSERT INTO {registers.outgoing_search} (seq, search) VALUES ($1, $2)", e.Position, search);
                break;
            case LetterSigned:
                w.Execute("UPDATE {registers.outgoing} SET status = 1 WHERE letter_id = $1", id);
                break;
            case LetterDispatched x:
                // The number is searched as written and with Western digits: ที่ นร ๐๑๐๗/ว ๑ is found by "0107/ว 1" too.
                w.Execute("UPDATE {registers.outgoing} SET status = 2, doc_number = $1, date = $2, series = $3, year = $4, day = $5, search = search || ' ' || $6 WHERE letter_id = $7",
                    x.DocumentNumber, Day(x.Date), (int)x.Series, x.Date.Year, Day(x.Date), RegisterSearch.Normalize(x.DocumentNumber), id);
                CopySearch(w, id);
                break;
            case Retention.RetentionSet r:
                w.Execute("UPDATE {registers.outgoing} SET retention = $1 WHERE letter_id = $2", (int)r.Class, id);
                break;
            case Retention.LegalHoldSet h:
                w.Execute("UPDATE {registers.outgoing} SET hold = $1 WHERE letter_id = $2", h.Reason, id);
                break;
            case Retention.LegalHoldLifted:
                w.Execute("UPDATE {registers.outgoing} SET hold = NULL WHERE letter_id = $1", id);
                break;
            case Retention.LetterDestroyed:
                // The line stays with its number and date; what the letter said goes, from the search table too.
                w.Execute("UPDATE {registers.outgoing} SET destroyed = 1, subject = $1, note = $2, search = '' WHERE letter_id = $3",
                    Retention.ContentErasure.Marker, Destroyed, id);
                CopySearch(w, id);
                break;
            case Files.DraftDiscarded c:
                w.Execute("UPDATE {registers.outgoing} SET status = 5, note = $1 WHERE letter_id = $2", c.Reason, id);
                break;
            case LetterRecalled r:
                AddNote(w, id, $"เรียกคืนจาก {r.AddresseeName}: {r.Reason}");
                break;
            case LetterReturnedToSender r:
                AddNote(w, id, $"{r.AddresseeName} ส่งคืน: {r.Note}");
                break;
            case LetterRedirected r:
                w.Execute("UPDATE {registers.outgoing} SET addressees = addressees + $1 WHERE letter_id = $2", r.Addressees.Count, id);
                AddNote(w, id, "ส่งต่อถึง " + string.Join(", ", r.Addressees.Select(a => a.Name)));
                break;
        }
    }

    /// <summary>The register's หมายเหตุ of a destroyed line.</summary>
    internal const string Destroyed = "ทำลายแล้ว";

    /// <summary>What befell a line after it went out (recalls, returns, sending on), each after the last, as the book's หมายเหตุ.</summary>
    private static void AddNote(ViewWriter w, string letterId, string note) =>
        w.Execute("UPDATE {registers.outgoing} SET note = CASE WHEN note IS NULL THEN $1 ELSE note || ' · ' || $1 END WHERE letter_id = $2", note, letterId);

    /// <summary>The outgoing line's search text, copied to the trigram table after it changed.</summary>
    private static void CopySearch(ViewWriter w, string letterId) =>
        w.Execute(w.Dialect == SqlDialect.Sqlite
            ? "UPDATE {registers.outgoing_search} SET search = (SELECT search FROM {registers.outgoing} WHERE letter_id = $1) WHERE rowid = (SELECT seq FROM {registers.outgoing} WHERE letter_id = $1)"
            : "UPDATE {registers.outgoing_search} SET search = (SELECT search FROM {registers.outgoing} WHERE letter_id = $1) WHERE seq = (SELECT seq FROM {registers.outgoing} WHERE letter_id = $1)", letterId);

    internal static long Ms(DateTimeOffset t) => t.ToUnixTimeMilliseconds();
    internal static int Day(DateOnly d) => d.Year * 10000 + d.Month * 100 + d.Day;
    internal static DateOnly FromDay(int day) => new(day / 10000, day / 100 % 100, day % 100);
}
