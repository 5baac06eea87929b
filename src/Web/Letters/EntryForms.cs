using static Saraban.Web.Pages.Html;

namespace Saraban.Web.Letters;

/// <summary>The two entry forms: a paper letter to register, and a new letter to draft.</summary>
internal static class EntryForms
{
    /// <summary>
    /// The paper letter form. Pasting the letter's text and pressing อ่านจากข้อความ fills the fields
    /// through /api/intake; the clerk checks them and registers.
    /// </summary>
    public static string Paper(HttpContext http) => $$"""
        <div class="card"><label>วางข้อความของหนังสือ (ไม่บังคับ) <textarea id="pasted"></textarea></label>
        <button type="button" id="read">อ่านจากข้อความ</button><span id="readResult" class="muted"></span></div>
        {{Form(http, "/letters/paper", $"""
            <input type="hidden" name="entryKey" value="{Guid.NewGuid():N}">
            <label>จาก (หน่วยงานผู้ส่ง) <input name="senderName" id="senderName" required maxlength="300"></label>
            <label>ที่ (เลขที่หนังสือ) <input name="documentNumber" id="documentNumber" required maxlength="300"></label>
            <label>ลงวันที่ <input type="date" name="date" id="date" required></label>
            <label>เรื่อง <input name="subject" id="subject" required maxlength="500"></label>
            <label>เรียน <input name="addresseeLine" id="addresseeLine"></label>
            <label>ชั้นความเร็ว <select name="urgency"><option value="None">ปกติ</option><option value="Urgent">ด่วน</option><option value="VeryUrgent">ด่วนมาก</option><option value="MostUrgent">ด่วนที่สุด</option></select></label>
            <label>ชั้นความลับ <select name="secrecy"><option value="None">-</option><option value="Confidential">ลับ</option><option value="Secret">ลับมาก</option><option value="TopSecret">ลับที่สุด</option></select></label>
            <label>ขอให้ดำเนินการภายใน <input type="date" name="actionDue" id="actionDue"></label>
            <label>รับเมื่อ (วันเวลาที่หนังสือมาถึง) <input type="datetime-local" name="receivedAt" required value="{DateTimeOffset.UtcNow.ToOffset(TimeSpan.FromHours(7)):yyyy-MM-ddTHH:mm}"></label>
            <button type="submit">ลงทะเบียนรับ</button>
            """)}}
        <script>
        document.getElementById('read').onclick = async () => {
          const out = document.getElementById('readResult');
          const r = await fetch('/api/intake', {method: 'POST', headers: {'Content-Type': 'text/plain; charset=utf-8'}, body: document.getElementById('pasted').value});
          const json = await r.json();
          if (!r.ok) { out.textContent = json.detail || 'อ่านไม่ได้'; return; }
          const f = json[0] || {}; const v = x => x && (x.value ?? x.text ?? x);
          const set = (id, x) => { if (x) document.getElementById(id).value = x; };
          set('senderName', v(f.sender)); set('documentNumber', f.documentNumber && (f.documentNumber.text ?? v(f.documentNumber)));
          set('date', v(f.date)); set('subject', v(f.subject)); set('addresseeLine', v(f.addressee)); set('actionDue', v(f.deadline));
          out.textContent = 'เติมข้อมูลแล้ว โปรดตรวจก่อนลงทะเบียน';
        };
        </script>
        """;

    public static string Draft(HttpContext http) => Form(http, "/letters/new", """
        <label>ชนิด <select name="kind"><option value="Circular">หนังสือเวียน</option><option value="ExternalLetter">หนังสือภายนอก</option><option value="Memo">บันทึกข้อความ</option><option value="StampedLetter">หนังสือประทับตรา</option></select></label>
        <label>ชั้นความเร็ว <select name="urgency"><option value="None">ปกติ</option><option value="Urgent">ด่วน</option><option value="VeryUrgent">ด่วนมาก</option><option value="MostUrgent">ด่วนที่สุด</option></select></label>
        <label>เรื่อง <input name="subject" required maxlength="500"></label>
        <label>เรียน <input name="addresseeLine" required placeholder="ผู้ว่าราชการจังหวัด ทุกจังหวัด"></label>
        <label>ถึง (รหัสหน่วยงานหรือกลุ่ม คั่นด้วยจุลภาค) <input name="to" required placeholder="all-provinces"></label>
        <label>ข้อความ (ย่อหน้าละบรรทัด) <textarea name="body" required></textarea></label>
        <label>ขอให้ดำเนินการภายใน <input type="date" name="actionDue"></label>
        <label>ส่วนราชการเจ้าของเรื่อง <input name="owningUnit"></label>
        <label>โทร. <input name="contacts"></label>
        <button type="submit">บันทึกร่าง</button>
        """);
}
