using System.Data.Common;
using Saraban.Workflow.Letters;
using Saraban.Workflow.Views;

namespace Saraban.Workflow.Retention;

/// <summary>One register entry the survey lists: which book, its number and date, subject, class and the last year it is kept.</summary>
public sealed record RetentionItem(bool Incoming, string StreamId, string DocumentNumber, DateOnly Date, string Subject, Secrecy Secrecy,
    int Year, RetentionClass Class, int? ReceiveNumber, string? Sender, bool OnPaper = false)
{
    /// <summary>The entry's name on the destruction list: <c>in-…</c> as it is, an outgoing letter's <c>out-{id}</c>; a letter sent on paper under a reserved number has no stream of its own, and is named by its reservation's and its number (<see cref="PaperLine"/>).</summary>
    public string LetterStream => Incoming ? StreamId : OnPaper ? PaperLine.FromRegisterLine(StreamId) : Letters.OutgoingLetter.StreamId(StreamId);

    /// <summary>The last calendar year the letter is kept; null for a letter kept for good.</summary>
    public int? KeptThrough => Class.Years() is { } n ? Year + n : null;
}

/// <summary>What the yearly survey found: the letters whose time is up, and those old enough for the National Archives.</summary>
public sealed record RetentionSurveyResult(string OrganizationId, DateOnly AsOf, IReadOnlyList<RetentionItem> Expired, IReadOnlyList<RetentionItem> ForArchives);

/// <summary>
/// สำรวจหนังสือที่ครบกำหนดอายุการเก็บ (ระเบียบฯ ข้อ ๖๖): after each calendar year ends, an office's
/// register entries whose retention ran out by then, read from the registers' view by the office's
/// index on (office, year); the class's arithmetic is in the query so only the listed lines travel.
/// An entry's year is the register's: the year it was received, or sent.
/// </summary>
public sealed class RetentionSurvey(IViewReader views)
{
    /// <summary>Kept through the end of <c>year + years</c>: due once a later year has begun. Permanent letters go to the Archives at 20.</summary>
    private const string Due = """
        ((retention = 1 AND year + 1 < $2) OR (retention = 2 AND year + 5 < $2) OR (retention = 0 AND year + 10 < $2)
         OR (retention = 3 AND year + 20 <= $2))
        """;

    public async Task<RetentionSurveyResult> SurveyAsync(string organizationId, DateOnly asOf, CancellationToken ct = default)
    {
        var year = asOf.Year;
        var received = await views.QueryAsync($"""
            SELECT stream_id, doc_number, date, subject, secrecy, year, retention, receive_number, sender, 0 FROM {"{registers.incoming}"}
            WHERE office_id = $1 AND year < $2 AND receive_number IS NOT NULL AND destroyed = 0 AND {Due} ORDER BY year, receive_number
            """, r => Read(r, true), ct, organizationId, year);
        // Letters that went out (in the system or on paper under a reserved number); drafts, cancelled and unused numbers hold no letter.
        var sent = await views.QueryAsync($"""
            SELECT letter_id, doc_number, date, subject, secrecy, year, retention, NULL, NULL, status FROM {"{registers.outgoing}"}
            WHERE office_id = $1 AND year < $2 AND status IN (2, 4) AND destroyed = 0 AND {Due} ORDER BY year, seq
            """, r => Read(r, false), ct, organizationId, year);
        var all = received.Concat(sent).ToList();
        return new RetentionSurveyResult(organizationId, asOf,
            all.Where(i => i.Class != RetentionClass.Permanent).ToList(),
            all.Where(i => i.Class == RetentionClass.Permanent).ToList());
    }

    private static RetentionItem Read(DbDataReader r, bool incoming) => new(incoming, r.GetString(0), r.Text(1) ?? "", Registers.RegistersView.FromDay(r.Int(2) ?? 19700101),
        r.GetString(3), (Secrecy)r.Int(4)!.Value, r.Int(5)!.Value, (RetentionClass)r.Int(6)!.Value, r.Int(7), r.Text(8), r.Int(9) == 4);
}
