using System.IO.Compression;
using Saraban.Workflow.Thai;

namespace Saraban.Workflow.Files;

/// <summary>
/// DOCX and XLSX are ZIP packages. Which one a package is comes from its parts, not its name; and
/// every part is unpacked once, counting (nothing kept), so a zip bomb is refused the moment it
/// passes what a real letter's attachment unpacks to, whatever sizes its directory claims.
/// A macro project (vbaProject.bin: a .docm or .xlsm renamed) is refused too.
/// </summary>
public static class OfficePackage
{
    public static FileKind? KindOf(string path)
    {
        try
        {
            using var zip = ZipFile.OpenRead(path);
            if (zip.GetEntry("[Content_Types].xml") is null) return null;
            if (zip.GetEntry("word/document.xml") is not null) return FileKind.Docx;
            if (zip.GetEntry("xl/workbook.xml") is not null) return FileKind.Xlsx;
            return null;
        }
        catch (InvalidDataException) { return null; }
    }

    public static void Check(string path, FileKind kind, FileLimits limits)
    {
        try
        {
            using var zip = ZipFile.OpenRead(path);
            if (zip.Entries.Count > limits.MaxEntries)
                throw new FileRefusedException($"ไฟล์{FileKinds.Thai(kind)}มีส่วนประกอบมากผิดปกติ ({ThaiDigits.Format(zip.Entries.Count)} ส่วน) (too many parts: refused as a zip bomb).");
            var buffer = new byte[1 << 16];
            long total = 0;
            foreach (var entry in zip.Entries)
            {
                if (entry.FullName.EndsWith("vbaProject.bin", StringComparison.OrdinalIgnoreCase))
                    throw new FileRefusedException($"ไฟล์{FileKinds.Thai(kind)}นี้มีมาโคร ระบบไม่รับ (a package with macros is refused).");
                using var part = entry.Open();
                int n;
                while ((n = part.Read(buffer)) > 0)
                {
                    total += n;
                    if (total > limits.MaxUnpackedBytes)
                        throw new FileRefusedException(
                            $"ไฟล์{FileKinds.Thai(kind)}นี้ขยายตัวเกิน {ThaiDigits.Format(limits.MaxUnpackedBytes / (1024 * 1024))} MB เมื่อเปิด (zip bomb) ระบบไม่รับ (a package unpacking past the limit is refused).");
                }
            }
        }
        catch (InvalidDataException ex)
        {
            throw new FileRefusedException($"ไฟล์{FileKinds.Thai(kind)}เสียหาย เปิดไม่ได้ ({ex.Message}) (a damaged package).");
        }
    }
}
