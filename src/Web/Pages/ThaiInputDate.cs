using System.Globalization;
using System.Text.RegularExpressions;
using Saraban.Workflow;
using Saraban.Workflow.Thai;

namespace Saraban.Web.Pages;

/// <summary>วันที่ as typed in a form: Thai words or day/month/year in the Buddhist era, either digit set; or ISO from a date field.</summary>
internal static partial class ThaiInputDate
{
    public static DateOnly Parse(string text)
    {
        var t = ThaiDigits.ToWestern(text.Trim());
        if (DateOnly.TryParseExact(t, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var iso)) return iso;
        if (Numeric().Match(t) is { Success: true } m)
        {
            var (day, month, year) = (int.Parse(m.Groups[1].Value), int.Parse(m.Groups[2].Value), int.Parse(m.Groups[3].Value));
            if (year < 2400 || year > 2999)
                throw new DomainException($"วันที่ '{text}' ไม่ถูกต้อง ปีต้องเป็น พ.ศ. เช่น ๑๔/๓/๒๕๖๗ (the year must be Buddhist era).");
            if (month is < 1 or > 12 || day < 1 || day > DateTime.DaysInMonth(year - 543, month))
                throw new DomainException($"วันที่ '{text}' ไม่มีในปฏิทิน (no such day).");
            return new DateOnly(year - 543, month, day);
        }
        try
        {
            return ThaiDate.Parse(text);
        }
        catch (FormatException ex)
        {
            throw new DomainException($"วันที่ '{text}' ไม่ถูกต้อง: {ex.Message} พิมพ์เช่น ๑๔ มี.ค. ๒๕๖๗ หรือ ๑๔/๓/๒๕๖๗");
        }
    }

    [GeneratedRegex(@"^(\d{1,2})\s*[/.\-]\s*(\d{1,2})\s*[/.\-]\s*(\d{4})$")]
    private static partial Regex Numeric();
}
