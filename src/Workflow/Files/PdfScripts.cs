using System.IO.Compression;
using System.Text;

namespace Saraban.Workflow.Files;

/// <summary>
/// A PDF that can run something when opened (JavaScript, a launch action) is refused, not stripped:
/// stripping means rewriting the file, and the clerk's enclosure must reach the addressees as it was
/// sent, with the hash it was sent under. The file is read once, byte by byte through a buffer
/// (memory stays flat): names outside streams, and names inside object streams, where a compressed
/// PDF keeps its dictionaries. Other streams (pages, images) are skipped: their bytes hold no
/// actions, and random image data would match "/JS" sooner or later.
/// </summary>
public static class PdfScripts
{
    private static readonly HashSet<string> Forbidden = new(StringComparer.Ordinal) { "JS", "JavaScript", "Launch" };
    private const long MaxInflated = 256L * 1024 * 1024;

    public static void Refuse(string path)
    {
        if (Find(path) is { } found)
            throw new FileRefusedException(found == "Encrypt"
                ? "ไฟล์ PDF นี้เข้ารหัสไว้ ระบบตรวจเนื้อในไม่ได้ โปรดส่งฉบับที่ไม่ได้ตั้งรหัสผ่าน (an encrypted PDF cannot be checked)."
                : $"ไฟล์ PDF นี้มีคำสั่งที่ทำงานเองเมื่อเปิด (/{found}) ระบบไม่รับ โปรดพิมพ์เป็น PDF ใหม่โดยไม่มีสคริปต์ (a PDF with JavaScript or a launch action is refused).");
    }

    /// <summary>The first forbidden name found ("JS", "JavaScript", "Launch", or "Encrypt"), or null.</summary>
    public static string? Find(string path)
    {
        using var file = new BufferedStream(File.OpenRead(path), 1 << 16);
        var names = new NameScanner();
        var window = new Window();
        bool inStream = false, objStm = false;
        long inflated = 0;
        int b;
        while ((b = file.ReadByte()) >= 0)
        {
            window.Push((byte)b);
            if (inStream)
            {
                if (window.EndsWith("endstream")) inStream = false;
                continue;
            }
            if (names.Feed((byte)b) is { } name)
            {
                if (Forbidden.Contains(name) || name == "Encrypt") return name;
                if (name == "ObjStm") objStm = true;
            }
            if (window.EndsWith("endobj")) objStm = false;
            else if (window.EndsWith("stream") && !window.EndsWith("endstream"))
            {
                // The data starts after the end of line that follows the keyword.
                if (file.ReadByte() is '\r') file.ReadByte();
                if (objStm && InflatedNames(path, file.Position, ref inflated) is { } hidden) return hidden;
                inStream = true;
                names = new NameScanner();
            }
        }
        return null;
    }

    private static string? InflatedNames(string path, long start, ref long inflated)
    {
        using var raw = File.OpenRead(path);
        raw.Position = start;
        var names = new NameScanner();
        var buffer = new byte[1 << 16];
        try
        {
            using var z = new ZLibStream(raw, CompressionMode.Decompress);
            int n;
            while ((n = z.Read(buffer)) > 0)
            {
                inflated += n;
                if (inflated > MaxInflated)
                    throw new FileRefusedException("ไฟล์ PDF นี้ขยายตัวเกินกว่าจะตรวจได้ (a PDF whose object streams unpack past 256 MB is refused).");
                for (int i = 0; i < n; i++)
                    if (names.Feed(buffer[i]) is { } name && (Forbidden.Contains(name) || name == "Encrypt")) return name;
            }
        }
        catch (InvalidDataException) { } // not Flate, or damaged: the reader will not find actions there either
        return names.Feed((byte)' ') is { } last && Forbidden.Contains(last) ? last : null;
    }

    /// <summary>PDF names (<c>/JavaScript</c>, also written <c>/J#61vaScript</c>), fed a byte at a time.</summary>
    private sealed class NameScanner
    {
        private readonly StringBuilder _name = new();
        private bool _inName;
        private int _hex = -1, _hexValue;

        public string? Feed(byte b)
        {
            if (!_inName)
            {
                if (b == '/') { _inName = true; _name.Clear(); }
                return null;
            }
            if (_hex >= 0)
            {
                _hexValue = _hexValue * 16 + HexValue(b);
                if (++_hex == 2) { _name.Append((char)_hexValue); _hex = -1; }
                return null;
            }
            if (b == '#') { _hex = 0; _hexValue = 0; return null; }
            if (IsRegular(b) && _name.Length < 64) { _name.Append((char)b); return null; }
            _inName = b == '/';
            var done = _name.ToString();
            _name.Clear();
            return done.Length > 0 ? done : null;
        }

        private static int HexValue(byte b) => b switch
        {
            >= (byte)'0' and <= (byte)'9' => b - '0',
            >= (byte)'a' and <= (byte)'f' => b - 'a' + 10,
            >= (byte)'A' and <= (byte)'F' => b - 'A' + 10,
            _ => 0,
        };

        private static bool IsRegular(byte b) =>
            b > 32 && b < 127 && b is not ((byte)'(' or (byte)')' or (byte)'<' or (byte)'>' or (byte)'[' or (byte)']' or (byte)'{' or (byte)'}' or (byte)'/' or (byte)'%');
    }

    /// <summary>The last bytes read, to recognize the keywords <c>stream</c>, <c>endstream</c>, <c>endobj</c>.</summary>
    private sealed class Window
    {
        private readonly byte[] _last = new byte[16];
        private int _count;

        public void Push(byte b)
        {
            Array.Copy(_last, 1, _last, 0, _last.Length - 1);
            _last[^1] = b;
            _count++;
        }

        public bool EndsWith(string keyword)
        {
            if (_count < keyword.Length) return false;
            for (int i = 0; i < keyword.Length; i++)
                if (_last[_last.Length - keyword.Length + i] != keyword[i]) return false;
            return true;
        }
    }
}
