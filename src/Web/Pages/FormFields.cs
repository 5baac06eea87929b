using System.Globalization;
using Saraban.Workflow;

namespace Saraban.Web.Pages;

/// <summary>Values as the pages' forms send them; a malformed one is a clear refusal, an empty one is absent.</summary>
internal static class FormFields
{
    /// <summary>Office ids or groups, separated by commas, spaces or lines.</summary>
    public static IReadOnlyList<string> List(string? text) =>
        (text ?? "").Split([',', '\n', ' '], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    /// <summary>
    /// A date as a Thai clerk types it: ๑๔ มี.ค. ๒๕๖๗, 14 มีนาคม 2567, 14/3/2567 (Buddhist era, either
    /// digit set), or YYYY-MM-DD as a browser's date field sends it. A malformed one is refused with the reason.
    /// </summary>
    public static DateOnly? Date(string? text) =>
        string.IsNullOrWhiteSpace(text) ? null : ThaiInputDate.Parse(text);

    /// <summary>A required day, from its start in Bangkok.</summary>
    public static DateTimeOffset DayStart(string? text) =>
        Date(text) is { } d ? new DateTimeOffset(d.ToDateTime(TimeOnly.MinValue), TimeSpan.FromHours(7))
        : throw new DomainException("ต้องระบุวันที่ (a date is required).");

    /// <summary>A date to search by: as <see cref="Date"/> takes it.</summary>
    public static DateOnly? SearchDate(string? text) => Date(text);

    public static int? Int(string? text, string name, int min, int max) =>
        string.IsNullOrWhiteSpace(text) ? null
        : int.TryParse(Saraban.Workflow.Thai.ThaiDigits.ToWestern(text.Trim()), NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n >= min && n <= max ? n
        : throw new DomainException($"ค่า {name} '{text}' ไม่ถูกต้อง (a whole number from {min} to {max}).");

    public static long? Long(string? text, string name) =>
        string.IsNullOrWhiteSpace(text) ? null
        : long.TryParse(text.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? n
        : throw new DomainException($"ค่า {name} '{text}' ไม่ถูกต้อง (a whole number).");

    /// <summary>A time as a browser's datetime-local gives it (Bangkok time, no offset), or a Thai date and a time (๑๔.๓๐).</summary>
    public static DateTimeOffset? Time(string? text)
    {
        if (string.IsNullOrWhiteSpace(text)) return null;
        if (DateTime.TryParseExact(text, ["yyyy-MM-ddTHH:mm", "yyyy-MM-ddTHH:mm:ss"], CultureInfo.InvariantCulture, DateTimeStyles.None, out var t))
            return new DateTimeOffset(t, TimeSpan.FromHours(7));
        throw new DomainException($"เวลา '{text}' ไม่ถูกต้อง (a time must be YYYY-MM-DDTHH:mm).");
    }

    /// <summary>A day and a time of day typed apart (๑๔ มี.ค. ๒๕๖๗ and ๐๙.๓๐), in Bangkok; null when both are empty.</summary>
    public static DateTimeOffset? DayAndTime(string? day, string? time)
    {
        if (string.IsNullOrWhiteSpace(day) && string.IsNullOrWhiteSpace(time)) return null;
        var d = Date(day) ?? throw new DomainException("ต้องระบุวันที่รับ (the day is missing).");
        var clock = Saraban.Workflow.Thai.ThaiDigits.ToWestern((time ?? "").Trim()).Replace('.', ':').Replace(" น", "").TrimEnd('.');
        if (clock.Length == 0) clock = "00:00";
        if (!TimeOnly.TryParseExact(clock, ["H:mm", "HH:mm"], CultureInfo.InvariantCulture, DateTimeStyles.None, out var at))
            throw new DomainException($"เวลา '{time}' ไม่ถูกต้อง พิมพ์เป็นชั่วโมง.นาที เช่น ๐๙.๓๐ (a time is HH.mm).");
        return new DateTimeOffset(d.ToDateTime(at), TimeSpan.FromHours(7));
    }
}
