using System.Globalization;
using System.Text.RegularExpressions;
using Saraban.Workflow.Thai;

namespace Saraban.Workflow.Actions;

/// <summary>
/// Dates and times as the assessment system's exports and officers' tables write them: ISO
/// (2024-07-31, 2024-07-31T14:05, with or without an offset), day/month/year, or Thai words
/// (๓๑ กรกฎาคม ๒๕๖๗); either digit set; a year from 2400 on is Buddhist-era (พ.ศ.). A time without
/// an offset is Bangkok time.
/// </summary>
public static partial class ActionDates
{
    public static DateOnly ParseDate(string text) =>
        TryParse(text, out var at, out var error) ? BangkokTime.DateOf(at) : throw new ThaiFormatException(error!);

    public static DateTimeOffset ParseTime(string text) =>
        TryParse(text, out var at, out var error) ? at : throw new ThaiFormatException(error!);

    public static bool TryParse(string? text, out DateTimeOffset at, out string? error)
    {
        at = default;
        error = null;
        var s = ThaiDigits.ToWestern((text ?? "").Trim());
        if (s.Length == 0) { error = "ไม่มีวันที่ (no date)"; return false; }
        if (Iso().Match(s) is { Success: true } iso)
            return Build(iso.Groups["y"].Value, iso.Groups["m"].Value, iso.Groups["d"].Value, iso.Groups["time"].Value, iso.Groups["zone"].Value, text!, out at, out error);
        if (DayFirst().Match(s) is { Success: true } dmy)
            return Build(dmy.Groups["y"].Value, dmy.Groups["m"].Value, dmy.Groups["d"].Value, dmy.Groups["time"].Value, "", text!, out at, out error);
        if (ThaiDate.TryParse(s, out var thai)) { at = Midnight(thai); return true; }
        error = $"อ่านวันที่ '{text}' ไม่ได้ ใช้ ๒๕๖๗-๐๗-๓๑, ๓๑/๐๗/๒๕๖๗ หรือ ๓๑ กรกฎาคม ๒๕๖๗ (unreadable date)";
        return false;
    }

    private static bool Build(string y, string m, string d, string time, string zone, string text, out DateTimeOffset at, out string? error)
    {
        at = default;
        error = null;
        int year = int.Parse(y, CultureInfo.InvariantCulture);
        if (year >= 2400) year -= ThaiDate.BuddhistEraOffset;
        if (year is < 1900 or > 2200) { error = $"ปีของวันที่ '{text}' ไม่สมเหตุผล (implausible year)"; return false; }
        if (!DateOnly.TryParseExact($"{year:D4}-{int.Parse(m):D2}-{int.Parse(d):D2}", "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
        { error = $"ไม่มีวันที่ '{text}' ในปฏิทิน (no such day)"; return false; }
        var clock = TimeOnly.MinValue;
        if (time.Length > 0 && !TimeOnly.TryParse(time, CultureInfo.InvariantCulture, out clock)) { error = $"อ่านเวลาใน '{text}' ไม่ได้ (unreadable time)"; return false; }
        if (zone.Length > 0)
        {
            var offset = zone is "Z" or "z" ? TimeSpan.Zero : TimeSpan.ParseExact(zone.TrimStart('+', '-'), @"hh\:mm", CultureInfo.InvariantCulture) * (zone[0] == '-' ? -1 : 1);
            at = new DateTimeOffset(date.ToDateTime(clock), offset);
            return true;
        }
        at = Midnight(date).Add(clock.ToTimeSpan());
        return true;
    }

    private static DateTimeOffset Midnight(DateOnly date) => new(date.ToDateTime(TimeOnly.MinValue), BangkokTime.Zone.GetUtcOffset(date.ToDateTime(TimeOnly.MinValue)));

    [GeneratedRegex(@"^(?<y>\d{4})-(?<m>\d{1,2})-(?<d>\d{1,2})(?:[T ](?<time>\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?)(?<zone>Z|z|[+-]\d{2}:\d{2})?)?$")]
    private static partial Regex Iso();

    [GeneratedRegex(@"^(?<d>\d{1,2})/(?<m>\d{1,2})/(?<y>\d{4})(?:\s+(?<time>\d{1,2}:\d{2}(?::\d{2})?))?$")]
    private static partial Regex DayFirst();
}
