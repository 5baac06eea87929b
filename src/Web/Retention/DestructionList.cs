using Saraban.Documents.Rendering.Fonts;
using Saraban.Documents.Tables;
using Saraban.Workflow.Access;
using Saraban.Workflow.Letters;
using Saraban.Workflow.Retention;
using Saraban.Workflow.Thai;

namespace Saraban.Web.Retention;

/// <summary>
/// The survey as the regulation's forms print it: บัญชีหนังสือขอทำลาย (แบบที่ ๒๕: ลำดับที่, ที่,
/// ลงวันที่, เรื่อง, รหัสแฟ้ม, การพิจารณา, หมายเหตุ) with the การพิจารณา column left for the committee,
/// or the list of letters of 20 years for the National Archives (บัญชีส่งมอบหนังสือครบ ๒๐ ปี, แบบที่ ๒๓:
/// the same columns, การพิจารณา left out). The same rows go to the page, the XLSX and the PDF.
/// </summary>
public static class DestructionList
{
    /// <summary>The system keeps no file code (รหัสแฟ้ม) yet: the column stays, empty, for the clerk to write in.</summary>
    public static readonly IReadOnlyList<TableColumn> Columns =
    [
        new("ลำดับที่", 0.6), new("ที่", 1.6), new("ลงวันที่", 1.1), new("เรื่อง", 4.2), new("รหัสแฟ้ม", 0.8), new("การพิจารณา", 1.3), new("หมายเหตุ", 2.6),
    ];

    public static IReadOnlyList<string> Title(RetentionSurveyResult survey, string office, bool archives) =>
    [
        archives ? "บัญชีส่งมอบหนังสือครบ ๒๐ ปี" : $"บัญชีหนังสือขอทำลาย ประจำปี พ.ศ. {ThaiDigits.Format(survey.AsOf.Year - 1 + 543)}",
        $"{office} · สำรวจ ณ วันที่ {ThaiDate.FormatFull(survey.AsOf)}",
    ];

    /// <summary>The rows (without headings); a classified letter's subject only for a user who may read it.</summary>
    public static IReadOnlyList<IReadOnlyList<string>> Rows(RetentionSurveyResult survey, UserAccount user, bool archives) =>
        (archives ? survey.ForArchives : survey.Expired).Select((item, i) => (IReadOnlyList<string>)
        [
            ThaiDigits.Format(i + 1), item.DocumentNumber, ThaiDate.FormatShort(item.Date),
            LetterVisibility.MaySee(user, item.Secrecy) ? item.Subject : "(หนังสือลับ)", "", "", Remark(item),
        ]).ToList();

    private static string Remark(RetentionItem item) =>
        (item.Incoming ? $"ทะเบียนรับ เลขรับ {ThaiDigits.Format(item.ReceiveNumber ?? 0)}" : "ทะเบียนส่ง") + " · " + item.Class.Thai() +
        (item.KeptThrough is { } y ? $" ครบ พ.ศ. {ThaiDigits.Format(y + 543)}" : $" ลงทะเบียน พ.ศ. {ThaiDigits.Format(item.Year + 543)}");

    public static byte[] Xlsx(RetentionSurveyResult survey, string office, UserAccount user, bool archives) =>
        TableFile.WriteXlsx(archives ? "handover" : "destruction",
            [.. Title(survey, office, archives).Select(t => (IReadOnlyList<string>)[t]), Columns.Select(c => c.Heading).ToList(), .. Rows(survey, user, archives)]);

    public static byte[] Pdf(LetterFonts fonts, RetentionSurveyResult survey, string office, UserAccount user, bool archives) =>
        TablePdf.Write(fonts, Title(survey, office, archives), Columns, Rows(survey, user, archives));
}
