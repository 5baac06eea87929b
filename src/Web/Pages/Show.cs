using Saraban.Workflow.Letters;
using Saraban.Workflow.Thai;

namespace Saraban.Web.Pages;

/// <summary>Values as the pages print them: Thai digits, Buddhist-era dates, Bangkok time.</summary>
internal static class Show
{
    public static string N(long n) => ThaiDigits.Format(n);

    /// <summary>An address, postcode and all, in Thai digits as the letters print it.</summary>
    public static string Address(string? text) => text is null ? "" : ThaiDigits.ToThai(text);
    /// <summary>A file's size as the file lists show it.</summary>
    public static string Size(long bytes) => bytes >= 1024 * 1024 ? $"{bytes / (1024.0 * 1024):0.0} MB" : $"{Math.Max(1, bytes / 1024)} KB";

    public static string Date(DateOnly? d) => d is { } x ? ThaiDate.FormatFull(x) : "";

    public static string ShortDate(DateOnly? d) => d is { } x ? ThaiDate.FormatShort(x) : "";

    public static string Time(DateTimeOffset? t) => t is { } x
        ? $"{ThaiDate.FormatFull(BangkokTime.DateOf(x))} เวลา {ThaiDigits.ToThai(x.ToOffset(TimeSpan.FromHours(7)).ToString("HH.mm"))} น."
        : "";

    public static string ShortTime(DateTimeOffset? t) => t is { } x
        ? $"{ThaiDate.FormatShort(BangkokTime.DateOf(x))} {ThaiDigits.ToThai(x.ToOffset(TimeSpan.FromHours(7)).ToString("HH.mm"))} น."
        : "";

    /// <summary>A date as the Thai date fields show it back: ๑๔ มี.ค. ๒๕๖๗.</summary>
    public static string Input(DateOnly? d) => d is { } x ? ThaiDate.FormatShort(x) : "";

    public static string Urgency(Urgency u) => LetterContent.ThaiName(u);

    public static string Decision(Decision d) => d switch
    {
        Workflow.Letters.Decision.Forward => "แจ้งต่อ",
        Workflow.Letters.Decision.Acknowledge => "ทราบ",
        _ => "เก็บเรื่อง",
    };

    /// <summary>A share as a whole percentage, in Thai digits.</summary>
    public static string Percent(int part, int whole) => whole == 0 ? "–" : $"{N((long)Math.Round(100.0 * part / whole))}%";

    public static string Width(int part, int whole) =>
        whole == 0 ? "0%" : (100.0 * part / whole).ToString("0.#", System.Globalization.CultureInfo.InvariantCulture) + "%";
}
