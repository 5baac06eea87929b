using Saraban.Workflow.Access;
using Saraban.Workflow.Letters;
using Saraban.Workflow.Registers;
using static Saraban.Web.Pages.Html;

namespace Saraban.Web.Letters;

/// <summary>An office's own letter as a page: its text, signature and dispatch, and the next act.</summary>
internal static class OutgoingPage
{
    public static string Render(HttpContext http, OutgoingLetter l, UserAccount user, TreeNode tree)
    {
        var c = l.Content!;
        var path = $"/letters/out/{l.Id}";
        var html = $"""
            <p><a href="{E(path)}/pdf">ดูหนังสือ (PDF)</a> · <a href="{E(path)}/docx">แก้ไขใน Word (DOCX)</a></p>
            <table>
            <tr><th>ชนิด</th><td>{E(c.Kind.Thai())} <span class="urgent">{E(LetterContent.ThaiName(c.Urgency))}</span> {E(c.Secrecy.Thai())}</td></tr>
            <tr><th>ที่</th><td>{E(l.Dispatch?.DocumentNumber ?? "(ได้เลขเมื่อส่ง)")}</td></tr>
            <tr><th>ลงวันที่</th><td>{E(Date(l.Dispatch?.Date))}</td></tr>
            <tr><th>เรื่อง</th><td>{E(c.Subject)}</td></tr>
            <tr><th>เรียน</th><td>{E(c.AddresseeLine)}</td></tr>
            <tr><th>ผู้รับ</th><td>{E(Workflow.Thai.ThaiDigits.Format(l.Addressees.Count))} แห่ง</td></tr>
            {string.Concat(c.EnclosedLetters.Select(e => $"<tr><th>สิ่งที่ส่งมาด้วย</th><td>สำเนาหนังสือ{E(e.From)} {E(e.DocumentNumber)} ลงวันที่ {E(Date(e.Date))}</td></tr>"))}
            <tr><th>ลงนาม</th><td>{(l.Signature is { } s ? $"{E(s.SignerName)} {E(string.Join(" ", s.PositionLines))}" : "ยังไม่ลงนาม")}</td></tr>
            </table>
            {string.Concat(c.Body.Select(p => $"<p>{E(p)}</p>"))}
            """;
        if (l.Signature is null && (user.Has(Role.Head) || user.Has(Role.Deputy)))
            html += Form(http, path + "/sign", "<button type=\"submit\">ลงนาม</button>");
        if (l.Signature is not null && l.Dispatch is null && user.Has(Role.Clerk))
            html += Form(http, path + "/dispatch", $"<p>ออกเลขและส่งถึงผู้รับ {E(Workflow.Thai.ThaiDigits.Format(l.Addressees.Count))} แห่ง</p><button type=\"submit\">ส่งหนังสือ</button>");
        if (tree.Deliveries.Count > 0)
            html += $"<h2>ผู้รับ ({E(Workflow.Thai.ThaiDigits.Format(tree.Deliveries.Count))} แห่ง ทั้งสาย {E(Workflow.Thai.ThaiDigits.Format(tree.Count))} แห่ง)</h2><table>"
                + string.Concat(tree.Deliveries.Take(300).Select(d => $"<tr><td>{E(d.Received.OrganizationId)}</td><td>{E(d.Received.Status.Thai())}</td><td>{E(Time(d.Received.ReceivedAt))}</td></tr>"))
                + "</table>";
        return html;
    }
}
