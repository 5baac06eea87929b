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

    /// <summary>A time as a browser's datetime-local gives it: Bangkok time, no offset.</summary>
    public static DateTimeOffset? Time(string? text) =>
        string.IsNullOrWhiteSpace(text) ? null
        : DateTime.TryParseExact(text, ["yyyy-MM-ddTHH:mm", "yyyy-MM-ddTHH:mm:ss"], CultureInfo.InvariantCulture, DateTimeStyles.None, out var t)
            ? new DateTimeOffset(t, TimeSpan.FromHours(7))
            : throw new DomainException($"เวลา '{text}' ไม่ถูกต้อง (a time must be YYYY-MM-DDTHH:mm).");
}
