using System.Globalization;
using System.Text.RegularExpressions;

namespace Saraban.Workflow.Thai;

/// <summary>
/// The date reader behind <see cref="ThaiDate.Parse"/>. Returns an error message instead of throwing
/// so that TryParse stays exception-free and Parse can still say precisely what was wrong.
/// </summary>
internal static partial class ThaiDateReader
{
    // Below this a four-digit year is far more likely a Christian-era year typed by mistake
    // (2024 instead of 2567) than a genuine date of 1856 CE or earlier.
    internal const int MinBuddhistYear = 2400;

    // Upper bound only to catch typos such as 3567; no correspondence is dated that far ahead.
    internal const int MaxBuddhistYear = 2999;

    private const int TwoDigitCentury = 2500;

    internal static string? TryRead(string input, out DateOnly date)
    {
        date = default;
        var text = ThaiText.StripLeading(ThaiText.Clean(input), "ลงวันที่", "วันที่");
        if (text.Length == 0)
        {
            return ThaiText.Compose("ไม่มีข้อความวันที่", "empty date");
        }

        // Shape: day digits, month words, year digits. Scanning from both ends rather than by
        // spaces is what lets "๒๕มีนาคม๒๕๖๗" through.
        var dayLength = ThaiText.LeadingDigits(text);
        if (dayLength == 0)
        {
            return ThaiText.Compose($"ไม่พบเลขวันที่ที่ต้นข้อความ '{text}'", "day number expected first");
        }

        var yearStart = text.Length;
        while (yearStart > dayLength && ThaiDigits.IsDigit(text[yearStart - 1]))
        {
            yearStart--;
        }

        if (yearStart == text.Length)
        {
            return dayLength == text.Length
                ? ThaiText.Compose($"ไม่พบชื่อเดือนและปีใน '{text}'", "month and year missing")
                : ThaiText.Compose($"ไม่พบปี พ.ศ. ท้ายข้อความ '{text}'", "Buddhist-era year expected last");
        }

        var dayText = text[..dayLength];
        var yearText = text[yearStart..];
        var monthText = text[dayLength..yearStart].Trim();

        return ReadMonth(monthText, out var month)
            ?? ReadYear(yearText, out var year)
            ?? ReadDay(dayText, month, year, out date);
    }

    private static string? ReadMonth(string monthText, out int month)
    {
        month = 0;
        var era = EraMarker().Match(monthText);
        var name = era.Success ? monthText[..era.Index].Trim() : monthText;
        if (era.Success && era.Groups["ce"].Success)
        {
            return ThaiText.Compose(
                "ต้องใช้ปีพุทธศักราช (พ.ศ.) ไม่ใช่คริสต์ศักราช (ค.ศ.)",
                "a Buddhist-era year is expected, not a Christian-era one");
        }

        if (name.Length == 0)
        {
            return ThaiText.Compose("ไม่พบชื่อเดือน", "month name missing");
        }

        return ThaiMonths.TryFind(ThaiText.Compact(name), out month)
            ? null
            : ThaiText.Compose($"ไม่รู้จักชื่อเดือน '{name}'", "unknown month name");
    }

    private static string? ReadYear(string yearText, out int year)
    {
        year = 0;
        if (yearText.Length is not (2 or 4) || !ThaiText.TryReadNumber(yearText, out var value))
        {
            return ThaiText.Compose($"ปี '{yearText}' ต้องมี ๒ หรือ ๔ หลัก", "year must have 2 or 4 digits");
        }

        if (yearText.Length == 2)
        {
            year = TwoDigitCentury + value;
            return null;
        }

        if (value < MinBuddhistYear)
        {
            return ThaiText.Compose(
                $"ปี '{yearText}' ไม่ใช่ปีพุทธศักราช ต้องระบุปี พ.ศ. เช่น {ThaiDigits.Format(value + ThaiDate.BuddhistEraOffset)}",
                $"a Buddhist-era year is expected; {value} looks like a Christian-era year");
        }

        if (value > MaxBuddhistYear)
        {
            return ThaiText.Compose($"ปี พ.ศ. '{yearText}' ไม่สมเหตุสมผล", $"implausible Buddhist-era year {value}");
        }

        year = value;
        return null;
    }

    private static string? ReadDay(string dayText, int month, int buddhistYear, out DateOnly date)
    {
        date = default;
        var year = buddhistYear - ThaiDate.BuddhistEraOffset;
        if (dayText.Length > 2 || !ThaiText.TryReadNumber(dayText, out var day) || day < 1)
        {
            return ThaiText.Compose($"เลขวันที่ '{dayText}' ไม่ถูกต้อง", "invalid day number");
        }

        if (day > DateTime.DaysInMonth(year, month))
        {
            var english = CultureInfo.InvariantCulture.DateTimeFormat.GetMonthName(month);
            return ThaiText.Compose(
                $"ไม่มีวันที่ {dayText} ในเดือน{ThaiMonths.Full[month - 1]} พ.ศ. {ThaiDigits.Format(buddhistYear)}",
                $"{english} {buddhistYear} BE has no day {day}");
        }

        date = new DateOnly(year, month, day);
        return null;
    }

    // A trailing era marker between the month and the year: พ.ศ. (expected) or ค.ศ. (rejected).
    [GeneratedRegex(@"(?:(?<be>พ\s*\.?\s*ศ)|(?<ce>ค\s*\.?\s*ศ))\s*\.?\s*$")]
    private static partial Regex EraMarker();
}
