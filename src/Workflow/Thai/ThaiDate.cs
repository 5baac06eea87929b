namespace Saraban.Workflow.Thai;

/// <summary>How many digits of the Buddhist-era year the short date form prints.</summary>
public enum ThaiYearStyle
{
    /// <summary>๖๗ for 2567, as in the compact dates of tables and stamps.</summary>
    TwoDigits,

    /// <summary>๒๕๖๗ for 2567.</summary>
    FourDigits,
}

/// <summary>
/// Thai dates as written in official correspondence: day, Thai month name, Buddhist-era (พ.ศ.) year.
/// </summary>
/// <remarks>
/// Works on <see cref="DateOnly"/> (Gregorian) and only converts the year (BE = CE + 543), so the
/// rest of the system never stores Buddhist-era values. Independent of the host culture.
/// </remarks>
public static class ThaiDate
{
    /// <summary>Buddhist-era year minus Christian-era year.</summary>
    public const int BuddhistEraOffset = 543;

    /// <summary>The Buddhist-era year of <paramref name="date"/>.</summary>
    public static int BuddhistYear(DateOnly date) => date.Year + BuddhistEraOffset;

    /// <summary>มกราคม … ธันวาคม for 1 … 12.</summary>
    public static string FullMonthName(int month) => ThaiMonths.Full[CheckMonth(month) - 1];

    /// <summary>ม.ค. … ธ.ค. for 1 … 12.</summary>
    public static string ShortMonthName(int month) => ThaiMonths.Short[CheckMonth(month) - 1];

    /// <summary>The heading form, e.g. <c>๒๕ มีนาคม ๒๕๖๗</c>.</summary>
    public static string FormatFull(DateOnly date, bool thaiDigits = true) =>
        string.Join(' ', Number(date.Day, thaiDigits), FullMonthName(date.Month), Number(BuddhistYear(date), thaiDigits));

    /// <summary>
    /// The abbreviated form: <c>๒๕ มี.ค. ๖๗</c> or <c>25 มี.ค. 2567</c>.
    /// </summary>
    /// <param name="date">The date.</param>
    /// <param name="thaiDigits">Thai (default) or Western digits.</param>
    /// <param name="yearStyle">
    /// Year length. When omitted it follows the usual pairing: two digits with Thai digits,
    /// four digits with Western digits (the receive stamp style <c>12 ก.ย. 2566</c>).
    /// A two-digit year is read back as 25xx by <see cref="Parse"/>, so it only round-trips
    /// for BE 2500–2599 (CE 1957–2056).
    /// </param>
    public static string FormatShort(DateOnly date, bool thaiDigits = true, ThaiYearStyle? yearStyle = null)
    {
        var style = yearStyle ?? (thaiDigits ? ThaiYearStyle.TwoDigits : ThaiYearStyle.FourDigits);
        var year = BuddhistYear(date);
        var yearText = style == ThaiYearStyle.TwoDigits
            ? Number(year % 100, thaiDigits).PadLeft(2, thaiDigits ? '๐' : '0')
            : Number(year, thaiDigits);
        return string.Join(' ', Number(date.Day, thaiDigits), ShortMonthName(date.Month), yearText);
    }

    /// <summary>
    /// Reads a Thai date written in almost any customary way.
    /// </summary>
    /// <remarks>
    /// Accepts Thai or Western digits (mixed too), any spacing including none
    /// (<c>๒๕มีนาคม๒๕๖๗</c>), full or short month names with or without dots (<c>มีค</c>),
    /// an optional leading <c>วันที่</c> or <c>ลงวันที่</c>, an optional <c>พ.ศ.</c> before the year.
    /// The year is Buddhist-era: two digits mean 25xx; four digits must be 2400–2999, and a smaller
    /// four-digit year is rejected as a probable Christian-era year rather than silently shifted.
    /// Numeric months (25/03/2567) are not accepted: they are not used in correspondence.
    /// </remarks>
    /// <exception cref="ThaiFormatException">The text is not a valid date; the message names the bad part.</exception>
    public static DateOnly Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var error = ThaiDateReader.TryRead(text, out var date);
        return error is null ? date : throw new ThaiFormatException(error);
    }

    /// <summary>Like <see cref="Parse"/>, without throwing.</summary>
    public static bool TryParse(string? text, out DateOnly date)
    {
        date = default;
        return text is not null && ThaiDateReader.TryRead(text, out date) is null;
    }

    private static string Number(int value, bool thaiDigits) => ThaiDigits.Format(value, thaiDigits);

    private static int CheckMonth(int month)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(month, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(month, 12);
        return month;
    }
}
