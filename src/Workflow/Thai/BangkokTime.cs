namespace Saraban.Workflow.Thai;

/// <summary>
/// Official dates, and the calendar year in which running numbers restart, follow Bangkok time
/// (UTC+7, no daylight saving): a letter numbered at 00:30 on 1 January in Bangkok belongs to the
/// new year although it is still 31 December in UTC.
/// </summary>
public static class BangkokTime
{
    public static readonly TimeZoneInfo Zone = FindZone();

    public static DateOnly DateOf(DateTimeOffset instant) => DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(instant, Zone).DateTime);

    /// <summary>The Gregorian calendar year in Bangkok (add 543 for พ.ศ.).</summary>
    public static int YearOf(DateTimeOffset instant) => DateOf(instant).Year;

    private static TimeZoneInfo FindZone()
    {
        try { return TimeZoneInfo.FindSystemTimeZoneById("Asia/Bangkok"); }
        catch (TimeZoneNotFoundException) { return TimeZoneInfo.CreateCustomTimeZone("Asia/Bangkok", TimeSpan.FromHours(7), "Bangkok", "Bangkok"); }
    }
}
