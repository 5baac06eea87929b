using System.Text;
using Saraban.Workflow.Thai;

namespace Saraban.Workflow.Files;

/// <summary>
/// What a received file is, from its first bytes, and whether it may be kept: the name's extension
/// must agree with the content (an executable renamed <c>.pdf</c> is refused for what it is), and
/// each kind has its own check (<see cref="PdfScripts"/>, <see cref="OfficePackage"/>).
/// </summary>
public static class FileContent
{
    public const int MaxNameLength = 200;

    /// <summary>The name as given, checked: a name, never a path (no <c>/</c>, <c>\</c>, <c>..</c>), with no control characters.</summary>
    public static string CheckName(string? name)
    {
        var n = (name ?? "").Trim();
        if (n.Length == 0) throw new FileRefusedException("ต้องมีชื่อไฟล์ (a file needs a name).");
        if (n.Contains('/') || n.Contains('\\') || n.Contains("..") || n.Contains(':'))
            throw new FileRefusedException($"ชื่อไฟล์ต้องไม่มีเส้นทาง (/ \\ .. :) ไม่ได้บันทึกไฟล์: {Shown(n)} (a file name may not hold a path).");
        if (n.Any(char.IsControl) || n.StartsWith('.'))
            throw new FileRefusedException($"ชื่อไฟล์มีอักขระที่ใช้ไม่ได้: {Shown(n)} (control characters or a leading dot).");
        if (n.Length > MaxNameLength) throw new FileRefusedException($"ชื่อไฟล์ยาวเกิน {ThaiDigits.Format(MaxNameLength)} ตัวอักษร (the file name is too long).");
        return n.Normalize(NormalizationForm.FormC);
    }

    /// <summary>The kind of the file at <paramref name="path"/>, checked whole; throws <see cref="FileRefusedException"/> for anything else.</summary>
    public static FileKind Check(string path, string fileName, FileLimits limits)
    {
        var kind = Detect(path) ?? throw new FileRefusedException(
            $"รับเฉพาะไฟล์ PDF, PNG, JPEG, DOCX และ XLSX; เนื้อไฟล์ {Shown(fileName)} เป็น{Describe(path)} (type by content: not an accepted kind).");
        var ext = Path.GetExtension(fileName).ToLowerInvariant();
        if (!FileKinds.Extensions(kind).Contains(ext))
            throw new FileRefusedException($"ชื่อไฟล์ลงท้าย {(ext.Length == 0 ? "(ไม่มีนามสกุล)" : ext)} แต่เนื้อไฟล์เป็น{FileKinds.Thai(kind)} โปรดตั้งชื่อให้ตรง ({FileKinds.Extensions(kind)[0]}) (the name's extension disagrees with the content).");
        switch (kind)
        {
            case FileKind.Pdf: PdfScripts.Refuse(path); break;
            case FileKind.Docx or FileKind.Xlsx: OfficePackage.Check(path, kind, limits); break;
        }
        return kind;
    }

    public static FileKind? Detect(string path)
    {
        var head = Head(path, 8);
        if (head.AsSpan().StartsWith("%PDF-"u8)) return FileKind.Pdf;
        if (head.AsSpan().StartsWith(new byte[] { 0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A })) return FileKind.Png;
        if (head.AsSpan().StartsWith(new byte[] { 0xFF, 0xD8, 0xFF })) return FileKind.Jpeg;
        if (head.AsSpan().StartsWith("PK\x03\x04"u8)) return OfficePackage.KindOf(path);
        return null;
    }

    /// <summary>What a refused file looks like, so the clerk knows what they picked.</summary>
    private static string Describe(string path)
    {
        var head = Head(path, 4);
        if (head.Length == 0) return "ไฟล์ว่าง";
        if (head.AsSpan().StartsWith("MZ"u8)) return "โปรแกรม Windows (.exe)";
        if (head.AsSpan().StartsWith(new byte[] { 0x7F, (byte)'E', (byte)'L', (byte)'F' })) return "โปรแกรม (ELF)";
        if (head.AsSpan().StartsWith("#!"u8)) return "สคริปต์";
        if (head.AsSpan().StartsWith("PK\x03\x04"u8)) return "ไฟล์ ZIP ที่ไม่ใช่ DOCX หรือ XLSX";
        return "ชนิดอื่น";
    }

    private static byte[] Head(string path, int count)
    {
        using var f = File.OpenRead(path);
        var buffer = new byte[count];
        int read = f.ReadAtLeast(buffer, count, throwOnEndOfStream: false);
        return buffer[..read];
    }

    private static string Shown(string name) => name.Length > 60 ? name[..60] + "…" : name;
}
