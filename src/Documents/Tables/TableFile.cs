using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;
using Saraban.Workflow;
using Saraban.Workflow.Actions;

namespace Saraban.Documents.Tables;

/// <summary>
/// Tables officers upload or download (session schedules, the assessment system's export, the
/// compliance report): CSV (UTF-8, RFC 4180) or XLSX, told apart by content, not by name.
/// </summary>
public static class TableFile
{
    public const int MaxBytes = 20 * 1024 * 1024;

    public static IReadOnlyList<IReadOnlyList<string>> Read(byte[] content)
    {
        if (content.Length > MaxBytes) throw new DomainException($"ไฟล์ใหญ่เกิน {MaxBytes / 1024 / 1024} MB (the file is too large).");
        if (content.Length >= 4 && content[0] == 'P' && content[1] == 'K' && content[2] == 3 && content[3] == 4) return ReadXlsx(content);
        try { return Csv.Parse(new System.Text.UTF8Encoding(false, throwOnInvalidBytes: true).GetString(content)); }
        catch (System.Text.DecoderFallbackException) { throw new DomainException("ไฟล์ไม่ใช่ CSV แบบ UTF-8 หรือ XLSX (the file is neither UTF-8 CSV nor XLSX)."); }
    }

    private static IReadOnlyList<IReadOnlyList<string>> ReadXlsx(byte[] content)
    {
        try
        {
            using var stream = new MemoryStream(content);
            using var doc = SpreadsheetDocument.Open(stream, false);
            var book = doc.WorkbookPart ?? throw new DomainException("ไฟล์ XLSX ไม่มีแผ่นงาน (no worksheet).");
            var sheet = book.Workbook.Sheets?.Elements<Sheet>().FirstOrDefault() ?? throw new DomainException("ไฟล์ XLSX ไม่มีแผ่นงาน (no worksheet).");
            var part = (WorksheetPart)book.GetPartById(sheet.Id!);
            var shared = book.SharedStringTablePart?.SharedStringTable.Elements<SharedStringItem>().Select(s => s.InnerText).ToList() ?? [];
            var rows = new List<IReadOnlyList<string>>();
            foreach (var row in part.Worksheet.Descendants<Row>())
            {
                var cells = new List<string>();
                foreach (var cell in row.Elements<Cell>())
                {
                    int column = ColumnIndex(cell.CellReference?.Value);
                    while (column >= 0 && cells.Count < column) cells.Add("");
                    cells.Add(Text(cell, shared));
                }
                rows.Add(cells);
            }
            return rows;
        }
        catch (Exception ex) when (ex is OpenXmlPackageException or InvalidDataException or System.Xml.XmlException)
        {
            throw new DomainException("อ่านไฟล์ XLSX ไม่ได้ (the XLSX file is damaged).");
        }
    }

    private static string Text(Cell cell, IReadOnlyList<string> shared)
    {
        var value = cell.CellValue?.Text ?? cell.InlineString?.InnerText ?? "";
        if (cell.DataType?.Value == CellValues.SharedString && int.TryParse(value, out var i) && i < shared.Count) return shared[i];
        // A date typed in a spreadsheet is a serial day number when the cell has a date style; the exports we read write text dates.
        return value;
    }

    private static int ColumnIndex(string? reference)
    {
        if (reference is null) return -1;
        int n = 0;
        foreach (var c in reference.TakeWhile(char.IsLetter)) n = n * 26 + (char.ToUpperInvariant(c) - 'A' + 1);
        return n - 1;
    }

    /// <summary>One sheet, the first row bold as the header; every cell text, so Thai and leading zeros survive.</summary>
    public static byte[] WriteXlsx(string sheetName, IReadOnlyList<IReadOnlyList<string>> rows)
    {
        using var stream = new MemoryStream();
        using (var doc = SpreadsheetDocument.Create(stream, SpreadsheetDocumentType.Workbook))
        {
            var book = doc.AddWorkbookPart();
            book.Workbook = new Workbook();
            var styles = book.AddNewPart<WorkbookStylesPart>();
            styles.Stylesheet = new Stylesheet(
                new Fonts(new Font(), new Font(new Bold())),
                new Fills(new Fill(new PatternFill { PatternType = PatternValues.None }), new Fill(new PatternFill { PatternType = PatternValues.Gray125 })),
                new Borders(new Border()),
                new CellFormats(new CellFormat(), new CellFormat { FontId = 1, ApplyFont = true }));
            var part = book.AddNewPart<WorksheetPart>();
            var data = new SheetData();
            for (int r = 0; r < rows.Count; r++)
                data.Append(new Row(rows[r].Select(v => new Cell
                {
                    DataType = CellValues.InlineString, InlineString = new InlineString(new Text(v)), StyleIndex = r == 0 ? 1u : 0u,
                })) { RowIndex = (uint)(r + 1) });
            part.Worksheet = new Worksheet(data);
            book.Workbook.AppendChild(new Sheets(new Sheet { Id = book.GetIdOfPart(part), SheetId = 1, Name = sheetName }));
        }
        return stream.ToArray();
    }
}
