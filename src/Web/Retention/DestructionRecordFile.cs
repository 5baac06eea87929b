using Saraban.Documents.Rendering.Fonts;
using Saraban.Documents.Tables;
using Saraban.Web.Pages;
using Saraban.Workflow.Retention;
using Saraban.Workflow.Thai;

namespace Saraban.Web.Retention;

/// <summary>
/// The record of destruction (บันทึกการทำลายหนังสือ) as it is printed and signed: who, when and under
/// whose approval above; each destroyed line by its book and number, ที่, ลงวันที่, จาก, ถึง (no
/// subject: it is gone); the committee's report and a line for each member to sign below. The same
/// rows go to the page, the XLSX and the PDF, as the destruction list's do (<see cref="DestructionList"/>).
/// </summary>
public static class DestructionRecordFile
{
    public static readonly IReadOnlyList<TableColumn> Columns =
    [
        new("ลำดับที่", 0.6), new("ทะเบียน", 1.1), new("ที่", 1.6), new("ลงวันที่", 1.1), new("จาก", 2.4), new("ถึง", 2.8), new("อายุการเก็บ", 1.4),
    ];

    public static IReadOnlyList<string> Title(DestructionRecord r) =>
    [
        $"บันทึกการทำลายหนังสือ ประจำปี พ.ศ. {ThaiDigits.Format(r.Year + 543)}",
        $"{r.OfficeName} · ตามบัญชีหนังสือขอทำลาย สำรวจ ณ วันที่ {ThaiDate.FormatFull(r.AsOf)}",
        $"คณะกรรมการทำลายหนังสือ: ประธานกรรมการ {r.Chair.Name} · กรรมการ {string.Join(", ", r.Members.Select(m => m.Name))}",
        $"อนุมัติโดย {r.ApprovedBy.Name} {string.Join(" ", r.ApprovedBy.PositionLines)} เมื่อ {Show.Time(r.ApprovedAt)}",
        $"ทำลายเมื่อ {Show.Time(r.DestroyedAt)} โดย {r.DestroyedBy.Name} · ทำลาย {ThaiDigits.Format(r.Lines.Count)} รายการ · เก็บไว้ {ThaiDigits.Format(r.Kept)} รายการ",
    ];

    public static string Book(DestroyedLine l) => (l.Incoming ? "ทะเบียนรับ" : "ทะเบียนส่ง") + (l.RegisterNumber is { } n ? " " + ThaiDigits.Format(n) : "");

    public static IReadOnlyList<IReadOnlyList<string>> Rows(DestructionRecord r) => r.Lines.Select((l, i) => (IReadOnlyList<string>)
    [
        ThaiDigits.Format(i + 1), Book(l), l.DocumentNumber, ThaiDate.FormatShort(l.Date), l.From, l.To, l.Class.Thai(),
    ]).ToList();

    /// <summary>The committee's report to the head, and a line for each member's signature, the chair's first.</summary>
    public static IReadOnlyList<string> Signatures(DestructionRecord r) =>
    [
        $"คณะกรรมการได้ทำลายหนังสือตามบัญชีข้างต้น จำนวน {ThaiDigits.Format(r.Lines.Count)} รายการ เรียบร้อยแล้ว จึงเรียนมาเพื่อโปรดทราบ",
        .. new[] { (r.Chair, "ประธานกรรมการ") }.Concat(r.Members.Select(m => (m, "กรรมการ")))
            .SelectMany(p => new[] { "", $"                              ลงชื่อ ........................................ {p.Item2}", $"                                        ({p.Item1.Name})" }),
    ];

    public static byte[] Xlsx(DestructionRecord r) =>
        TableFile.WriteXlsx("record", [.. Title(r).Select(t => (IReadOnlyList<string>)[t]), Columns.Select(c => c.Heading).ToList(), .. Rows(r)]);

    public static byte[] Pdf(LetterFonts fonts, DestructionRecord r) => TablePdf.Write(fonts, Title(r), Columns, Rows(r), Signatures(r));
}
