using Saraban.Web.Pages;
using Saraban.Workflow.Access;
using Saraban.Workflow.Letters;
using Saraban.Workflow.Registers;
using static Saraban.Web.Pages.Html;

namespace Saraban.Web.Letters;

/// <summary>The signed-in user's home (their waiting steps) and the office's two registers, as pages.</summary>
internal static class RegisterPages
{
    public static string Home(IReadOnlyList<RegistersApi.InboxItem> inbox, IReadOnlyList<IncomingEntry> unregistered, UserAccount user)
    {
        var rows = string.Concat(inbox.Select(i => $"""
            <tr><td>{E(i.Step)}</td><td>{Link(i.Letter, i.Task.Subject)}</td><td>{E(i.Letter?.SenderName)}</td>
            <td class="{(i.Task.Overdue ? "urgent" : "")}">{E(Time(i.Task.DueAt))}{(i.Task.Overdue ? " (เกินกำหนด)" : "")}</td></tr>
            """));
        var waiting = user.Has(Role.Clerk) && unregistered.Count > 0
            ? $"<h2>หนังสือเข้ารอลงทะเบียนรับ ({Workflow.Thai.ThaiDigits.Format(unregistered.Count)})</h2>{IncomingTable(unregistered)}"
            : "";
        return (inbox.Count == 0 ? "<p>ไม่มีงานรอท่าน</p>" : $"<table><tr><th>ขั้นตอน</th><th>เรื่อง</th><th>จาก</th><th>กำหนด</th></tr>{rows}</table>") + waiting;
    }

    private static string Link(IncomingEntry? e, string stream) =>
        $"<a href=\"/letters/in/{E(stream)}\">{E(e is null ? stream : $"{e.DocumentNumber} — {e.Subject}")}</a>{Urgency(e?.Urgency)}";

    private static string Urgency(Urgency? u) => u is { } x && x != Workflow.Letters.Urgency.None ? $" <span class=\"urgent\">{E(LetterContent.ThaiName(x))}</span>" : "";

    /// <summary>The register's search: words of the subject, the sender, the number in either digit set, a date range.</summary>
    public static string SearchForm(string action, RegisterQuery q, bool sender) => $$"""
        <form method="get" action="{{E(action)}}" class="search" role="search">
        <label>ค้นหา (เรื่อง ผู้ส่ง หรือเลขที่) <input type="search" name="q" value="{{E(q.Text)}}" minlength="2"></label>
        {{(sender ? $"<label>จาก <input name=\"sender\" value=\"{E(q.Sender)}\"></label>" : "")}}
        <label>ตั้งแต่วันที่ <input type="date" name="from" value="{{q.From:yyyy-MM-dd}}"></label>
        <label>ถึงวันที่ <input type="date" name="to" value="{{q.To:yyyy-MM-dd}}"></label>
        <button>ค้นหา</button>
        </form>
        """;

    public static string IncomingTable(IReadOnlyList<IncomingEntry> entries) => entries.Count == 0 ? "<p>ยังไม่มีหนังสือ</p>" :
        "<table><tr><th>เลขรับ</th><th>วันเวลารับ</th><th>ที่</th><th>ลงวันที่</th><th>จาก</th><th>เรื่อง</th><th>สถานะ</th></tr>" +
        string.Concat(entries.Select(e => $"""
            <tr><td>{(e.ReceiveNumber is { } n ? E(Workflow.Thai.ThaiDigits.Format(n)) : "")}</td><td>{E(Time(e.ReceivedAt))}</td>
            <td>{E(e.DocumentNumber)}</td><td>{E(Date(e.Date))}</td><td>{E(e.SenderName)}</td>
            <td><a href="/letters/in/{E(e.StreamId)}">{E(e.Subject)}</a>{Urgency(e.Urgency)} {E(e.Secrecy.Thai())}</td><td>{E(e.Status.Thai())}</td></tr>
            """)) + "</table>";

    public static string OutgoingTable(IReadOnlyList<OutgoingEntry> entries) => entries.Count == 0 ? "<p>ยังไม่มีหนังสือ</p>" :
        "<table><tr><th>ที่</th><th>ลงวันที่</th><th>ชนิด</th><th>เรื่อง</th><th>ผู้รับ</th><th>สถานะ</th></tr>" +
        string.Concat(entries.Select(e => $"""
            <tr><td>{E(e.DocumentNumber)}</td><td>{E(Date(e.Date))}</td><td>{E(e.Kind.Thai())}</td>
            <td><a href="/letters/out/{E(e.LetterId)}">{E(e.Subject)}</a>{Urgency(e.Urgency)} {E(e.Secrecy.Thai())}</td>
            <td>{E(Workflow.Thai.ThaiDigits.Format(e.AddresseeCount))} แห่ง</td><td>{E(e.Status.Thai())}</td></tr>
            """)) + "</table>";
}
