using System.IO.Compression;
using System.Text;

namespace Saraban.Workflow.Tests.Files;

/// <summary>Small files of each kind, good and bad, made in the test so what each holds is plain to see.</summary>
internal static class SampleFiles
{
    /// <summary>A one-page PDF; <paramref name="extra"/> goes into its catalog dictionary (an /OpenAction, say).</summary>
    public static byte[] Pdf(string text = "schedule", string extra = "")
    {
        var body = $"""
            %PDF-1.7
            1 0 obj << /Type /Catalog /Pages 2 0 R {extra} >> endobj
            2 0 obj << /Type /Pages /Kids [3 0 R] /Count 1 >> endobj
            3 0 obj << /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R >> endobj
            4 0 obj << /Length {text.Length + 20} >>
            stream
            BT /F1 12 Tf ({text}) Tj ET
            endstream
            endobj
            trailer << /Root 1 0 R >>
            %%EOF
            """;
        return Encoding.ASCII.GetBytes(body);
    }

    /// <summary>A PDF whose JavaScript hides in a compressed object stream, as PDF 1.5 writers put dictionaries.</summary>
    public static byte[] PdfWithScriptInObjectStream()
    {
        var hidden = Encoding.ASCII.GetBytes("5 0 << /S /JavaScript /JS (app.launchURL('http://evil.example')) >>");
        using var packed = new MemoryStream();
        using (var z = new ZLibStream(packed, CompressionLevel.Optimal, leaveOpen: true)) z.Write(hidden);
        using var pdf = new MemoryStream();
        pdf.Write(Encoding.ASCII.GetBytes($"%PDF-1.7\n1 0 obj << /Type /Catalog /OpenAction 5 0 R >> endobj\n6 0 obj << /Type /ObjStm /N 1 /First 4 /Filter /FlateDecode /Length {packed.Length} >>\nstream\n"));
        pdf.Write(packed.ToArray());
        pdf.Write(Encoding.ASCII.GetBytes("\nendstream\nendobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"));
        return pdf.ToArray();
    }

    public static byte[] Png() => [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 13, (byte)'I', (byte)'H', (byte)'D', (byte)'R', 0, 0, 0, 1, 0, 0, 0, 1, 8, 2, 0, 0, 0];

    /// <summary>A Windows program's first bytes: what an executable renamed .pdf starts with.</summary>
    public static byte[] Executable() => [.. "MZ"u8.ToArray(), 0x90, 0, 3, 0, 0, 0, 4, 0, 0, 0, 0xFF, 0xFF, .. new byte[200]];

    public static byte[] Docx(long zeroBytes = 0, bool macros = false) =>
        Package("word/document.xml", "<w:document xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\"><w:body/></w:document>", zeroBytes, macros);

    public static byte[] Xlsx(long zeroBytes = 0) => Package("xl/workbook.xml", "<workbook xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\"/>", zeroBytes, false);

    /// <summary>An Office package; <paramref name="zeroBytes"/> of zeros in one more part make it a zip bomb (a few hundred KB that unpack to that).</summary>
    private static byte[] Package(string mainPart, string xml, long zeroBytes, bool macros)
    {
        using var m = new MemoryStream();
        using (var zip = new ZipArchive(m, ZipArchiveMode.Create, leaveOpen: true))
        {
            Write(zip, "[Content_Types].xml", "<Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\"/>");
            Write(zip, mainPart, xml);
            if (macros) Write(zip, "word/vbaProject.bin", "macro");
            if (zeroBytes > 0)
            {
                using var part = zip.CreateEntry("word/media/padding.bin", CompressionLevel.SmallestSize).Open();
                var zeros = new byte[1 << 20];
                for (long left = zeroBytes; left > 0; left -= zeros.Length) part.Write(zeros, 0, (int)Math.Min(zeros.Length, left));
            }
        }
        return m.ToArray();
    }

    private static void Write(ZipArchive zip, string name, string text)
    {
        using var w = new StreamWriter(zip.CreateEntry(name).Open());
        w.Write(text);
    }
}
