using System.Globalization;
using Saraban.Workflow;

namespace Saraban.Web.Pages;

/// <summary>Values as the pages' forms send them; a malformed one is a clear refusal, an empty one is absent.</summary>
internal static class FormFields
{
    /// <summary>Office ids or groups, separated by commas, spaces or lines.</summary>
    public static IReadOnlyList<string> List(string? text) =>
        (text ?? "").Split([',', '\n', ' '], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    public static DateOnly? Date(string? text) =>
        string.IsNullOrWhiteSpace(text) ? null
        : DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d) ? d
        : throw new DomainException($"วันที่ '{text}' ไม่ถูกต้อง (a date must be YYYY-MM-DD).");

    /// <summary>A required day, from its start in Bangkok.</summary>
    public static DateTimeOffset DayStart(string? text) =>
        Date(text) is { } d ? new DateTimeOffset(d.ToDateTime(TimeOnly.MinValue), TimeSpan.FromHours(7))
        : throw new DomainException($"วันที่ '{text}' ไม่ถูกต้อง (a date must be YYYY-MM-DD).");

    /// <summary>A date to search by: YYYY-MM-DD, or as Thai letters write it (๑ มิ.ย. ๒๕๖๗, either digit set, Buddhist era).</summary>
    public static DateOnly? SearchDate(string? text) =>
        string.IsNullOrWhiteSpace(text) ? null
        : DateOnly.TryParseExact(text.Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d) ? d
        : Saraban.Workflow.Thai.ThaiDate.TryParse(text, out var thai) ? thai
        : throw new DomainException($"วันที่ '{text}' ไม่ถูกต้อง (a date is YYYY-MM-DD or a Thai date such as ๑ มิถุนายน ๒๕๖๗).");

    public static int? Int(string? text, string name, int min, int max) =>
        string.IsNullOrWhiteSpace(text) ? null
        : int.TryParse(Saraban.Workflow.Thai.ThaiDigits.ToWestern(text.Trim()), NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n >= min && n <= max ? n
        : throw new DomainException($"ค่า {name} '{text}' ไม่ถูกต้อง (a whole number from {min} to {max}).");

    public static long? Long(string? text, string name) =>
        string.IsNullOrWhiteSpace(text) ? null
        : long.TryParse(text.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? n
        : throw new DomainException($"ค่า {name} '{text}' ไม่ถูกต้อง (a whole number).");

    /// <summary>A time as a browser's datetime-local gives it: Bangkok time, no offset.</summary>
    public static DateTimeOffset? Time(string? text) =>
        string.IsNullOrWhiteSpace(text) ? null
        : DateTime.TryParseExact(text, ["yyyy-MM-ddTHH:mm", "yyyy-MM-ddTHH:mm:ss"], CultureInfo.InvariantCulture, DateTimeStyles.None, out var t)
            ? new DateTimeOffset(t, TimeSpan.FromHours(7))
            : throw new DomainException($"เวลา '{text}' ไม่ถูกต้อง (a time must be YYYY-MM-DDTHH:mm).");
}
