using Saraban.Workflow.Access;
using Saraban.Workflow.Letters;
using Saraban.Workflow.Registers;
using static Saraban.Web.Pages.Html;

namespace Saraban.Web.Letters;

/// <summary>A received letter as a page: its fields, what was done, and the form for the step waiting.</summary>
internal static class IncomingPage
{
    public static string Render(HttpContext http, IncomingApi.IncomingView view, UserAccount user, IReadOnlyList<OutgoingEntry> chain)
    {
        var (a, l) = (view.Letter.Arrival!, view.Letter);
        var path = $"/letters/in/{view.StreamId}";
        var facts = $"""
            <table>
            <tr><th>ที่</th><td>{E(a.DocumentNumber)}</td></tr>
            <tr><th>ลงวันที่</th><td>{E(Date(a.Date))}</td></tr>
            <tr><th>จาก</th><td>{E(a.SenderName)}{(a.Channel == ArrivalChannel.Paper ? " (หนังสือกระดาษ)" : "")}</td></tr>
            <tr><th>เรื่อง</th><td>{E(a.Content.Subject)} <span class="urgent">{E(LetterContent.ThaiName(a.Content.Urgency))}</span> {E(a.Content.Secrecy.Thai())}</td></tr>
            <tr><th>เรียน</th><td>{E(a.Content.AddresseeLine)}</td></tr>
            {(a.ActionDue is { } due ? $"<tr><th>ขอให้ดำเนินการภายใน</th><td>{E(Date(due))}</td></tr>" : "")}
            <tr><th>เลขรับ</th><td>{(l.Registration is { } r ? $"{E(Workflow.Thai.ThaiDigits.Format(r.ReceiveNumber))} รับเมื่อ {E(Time(r.ReceivedAt))} (บันทึกเมื่อ {E(Time(r.RegisteredAt))})" : "ยังไม่ลงทะเบียนรับ")}</td></tr>
            </table>
            {string.Concat(a.Content.Body.Select(p => $"<p>{E(p)}</p>"))}
            """;
        var done = string.Concat(l.Minutes.Select(m => $"<li>เกษียน: {E(m.Text)} — {E(m.Name)} {E(string.Join(" ", m.PositionLines))}</li>"))
            + (l.Decision is { } d ? $"<li>สั่งการ: {E(DecisionName(d.Decision))} {E(d.Note)} — {E(d.Name)} {E(string.Join(" ", d.PositionLines))}</li>" : "")
            + (l.ForwardedAs is { } f ? $"<li>แจ้งต่อแล้ว: <a href=\"/letters/out/{E(f)}\">หนังสือของหน่วยงาน</a></li>" : "")
            + (l.Acknowledged ? "<li>รับทราบแล้ว</li>" : "")
            + (l.ActionDone is { } x ? $"<li>ดำเนินการแล้ว: {E(x.Note)}</li>" : "");
        var step = view.WaitingStep is { } s
            ? $"<p>ขั้นตอนที่รออยู่: <strong>{E(RegistersApi.StepName(s))}</strong>{(view.DueAt is { } at ? $" กำหนด {E(Time(at))}" : "")}{(view.Overdue ? " <span class=\"urgent\">เกินกำหนด</span>" : "")}</p>"
            : "";
        var chainHtml = chain.Count == 0 ? "" : "<h2>ที่มาของหนังสือ</h2><ol>" + string.Concat(chain.Select(c =>
            $"<li>{E(c.DocumentNumber)} ลงวันที่ {E(Date(c.Date))} — {E(c.Subject)}</li>")) + "</ol>";
        return facts + (done.Length > 0 ? $"<h2>การดำเนินการ</h2><ul>{done}</ul>" : "") + step + Forms(http, path, view, user) + chainHtml;
    }

    private static string Forms(HttpContext http, string path, IncomingApi.IncomingView view, UserAccount user)
    {
        var l = view.Letter;
        var forms = new List<string>();
        if (l.Registration is null)
            forms.Add(Form(http, path + "/register", $"""
                <label>รับเมื่อ (วันเวลาที่หนังสือมาถึง) <input type="datetime-local" name="receivedAt" value="{DateTimeOffset.UtcNow.ToOffset(TimeSpan.FromHours(7)):yyyy-MM-ddTHH:mm}"></label>
                <button type="submit">ลงทะเบียนรับ</button>
                """));
        else
        {
            if (l.Decision is null)
            {
                forms.Add(Form(http, path + "/minute", "<label>เกษียนหนังสือ <textarea name=\"text\" required>เรียน ผู้ว่าราชการจังหวัด เพื่อโปรดพิจารณา</textarea></label><button type=\"submit\">บันทึกเกษียน</button>"));
                if (user.Has(Role.Head) || user.Has(Role.Deputy))
                    forms.Add(Form(http, path + "/decision", """
                        <label>สั่งการ <select name="decision"><option value="Forward">แจ้งต่อ</option><option value="Acknowledge">ทราบ</option><option value="File">เก็บเรื่อง</option></select></label>
                        <label>ข้อความสั่งการ <input name="note" value="ทราบ ดำเนินการ"></label><button type="submit">สั่งการ</button>
                        """));
            }
            if (l.Decision?.Decision == Decision.Forward && l.ForwardedAs is null)
                forms.Add(Form(http, path + "/forward", """
                    <p>ร่างหนังสือแจ้งต่อ (เว้นว่างไว้ ระบบจะเติมผู้รับและข้อความตามหนังสือที่รับ)</p>
                    <label>ถึง (รหัสหน่วยงานหรือกลุ่ม คั่นด้วยจุลภาค) <input name="to" placeholder="districts-of:prov-53, province-locals-of:prov-53"></label>
                    <label>ขอให้ดำเนินการภายใน <input type="date" name="actionDue"></label>
                    <button type="submit">ร่างหนังสือแจ้งต่อ</button>
                    """));
            if (!l.Acknowledged && view.WaitingStep is null or "acknowledge")
                forms.Add(Form(http, path + "/acknowledge", "<button type=\"submit\">รับทราบ</button>"));
            if (l.ActionDone is null && view.WaitingStep is null or "act")
                forms.Add(Form(http, path + "/done", "<label>ผลการดำเนินการ <input name=\"note\" placeholder=\"ส่งแบบประเมิน อปท.๑ แล้ว\"></label><button type=\"submit\">แจ้งว่าดำเนินการแล้ว</button>"));
        }
        return string.Concat(forms);
    }

    private static string DecisionName(Decision d) => d switch
    {
        Decision.Forward => "แจ้งต่อ",
        Decision.Acknowledge => "ทราบ",
        _ => "เก็บเรื่อง",
    };
}
