using System.Text.RegularExpressions;

namespace Saraban.Workflow.Thai;

/// <summary>
/// The reader behind <see cref="DocumentNumber.Parse"/>. Returns an error message instead of
/// throwing, so TryParse stays exception-free while Parse can say exactly which part is wrong.
/// </summary>
internal static partial class DocumentNumberReader
{
    private const char CircularMark = 'ว';

    // ที่ typed with the tone mark before the vowel: renders identically, so users cannot see it.
    private const string MisorderedThi = "\u0E17\u0E48\u0E35";

    internal static string? TryRead(string input, out DocumentNumber? number)
    {
        number = null;
        var text = ThaiText.StripLeading(ThaiText.Clean(input), "เลขที่", "ที่", MisorderedThi);
        if (text.Length == 0)
        {
            return ThaiText.Compose("ไม่มีข้อความเลขที่หนังสือ", "empty document number");
        }

        var slash = text.IndexOf('/', StringComparison.Ordinal);
        if (slash < 0)
        {
            return ThaiText.Compose(
                $"ไม่พบเครื่องหมาย '/' คั่นรหัสหน่วยงานกับเลขลำดับใน '{text}'",
                "missing '/' between office prefix and running number");
        }

        if (text.IndexOf('/', slash + 1) >= 0)
        {
            return ThaiText.Compose($"มีเครื่องหมาย '/' เกินหนึ่งตัวใน '{text}'", "more than one '/'");
        }

        var prefixError = TryReadPrefix(text[..slash].Trim(), out var prefix);
        if (prefixError is not null)
        {
            return prefixError;
        }

        var runningError = TryReadRunning(text[(slash + 1)..].Trim(), out var isCircular, out var running);
        if (runningError is not null)
        {
            return runningError;
        }

        // Every part is valid by now, so the constructor's own checks cannot throw.
        number = new DocumentNumber(prefix, isCircular, running);
        return null;
    }

    internal static string? TryReadPrefix(string text, out string normalized)
    {
        normalized = string.Empty;
        if (text.Length == 0)
        {
            return ThaiText.Compose("ไม่พบรหัสหน่วยงานหน้าเครื่องหมาย '/'", "missing office prefix before '/'");
        }

        var compact = string.Concat(text.Where(c => !char.IsWhiteSpace(c)));
        var letters = 0;
        while (letters < compact.Length && IsThaiConsonant(compact[letters]))
        {
            letters++;
        }

        if (letters is < 2 or > 3)
        {
            return ThaiText.Compose(
                $"รหัสหน่วยงาน '{text}' ต้องขึ้นต้นด้วยอักษรย่อภาษาไทย ๒–๓ ตัว เช่น อต ๐๐๒๓.๓",
                "office prefix must start with 2-3 Thai letters, e.g. อต 0023.3");
        }

        var code = ThaiDigits.ToWestern(compact[letters..]);
        if (!OfficeCode().IsMatch(code))
        {
            return ThaiText.Compose(
                $"เลขประจำหน่วยงาน '{compact[letters..]}' ในรหัส '{text}' ไม่ถูกต้อง ต้องเป็นเลข ๔–๕ หลัก อาจตามด้วย .เลขหน่วยย่อย",
                "office code must be 4-5 digits, optionally followed by .sub-unit digits");
        }

        normalized = $"{compact[..letters]} {ThaiDigits.ToThai(code)}";
        return null;
    }

    private static string? TryReadRunning(string text, out bool isCircular, out int running)
    {
        running = 0;
        isCircular = text.Length > 0 && text[0] == CircularMark;
        var digits = isCircular ? text[1..].TrimStart().TrimStart('.').TrimStart() : text;
        if (digits.Length == 0)
        {
            return ThaiText.Compose("ไม่พบเลขลำดับหนังสือหลังเครื่องหมาย '/'", "missing running number after '/'");
        }

        if (!ThaiText.AllDigits(digits))
        {
            return ThaiText.Compose($"เลขลำดับหนังสือ '{text}' ไม่ถูกต้อง", "running number must be digits, optionally after ว");
        }

        if (!ThaiText.TryReadNumber(digits, out running))
        {
            return ThaiText.Compose($"เลขลำดับหนังสือ '{digits}' มากเกินไป", "running number too large");
        }

        return running >= 1
            ? null
            : ThaiText.Compose($"เลขลำดับหนังสือ '{digits}' ต้องตั้งแต่ ๑ ขึ้นไป", "running number must be at least 1");
    }

    // Consonants only (ก–ฮ): ministry abbreviations never contain vowels or tone marks, and
    // excluding them stops "ที่" typed with a typo from being read as letters.
    private static bool IsThaiConsonant(char c) => c is >= 'ก' and <= 'ฮ';

    // 4 digits is the standard office code; 5 occurs too (ศธ ๐๔๐๐๒), as do nested sub-units.
    [GeneratedRegex(@"^[0-9]{4,5}(?:\.[0-9]{1,3})*$")]
    private static partial Regex OfficeCode();
}
