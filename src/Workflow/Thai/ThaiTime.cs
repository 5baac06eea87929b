namespace Saraban.Workflow.Thai;

/// <summary>
/// Clock times as written on Thai receive stamps and in letters: <c>เวลา ๑๐.๔๕ น.</c>
/// </summary>
/// <remarks>
/// Thai usage separates hours and minutes with a dot and ends with น. (นาฬิกา, o'clock),
/// always on the 24-hour clock.
/// </remarks>
public static class ThaiTime
{
    /// <summary>Formats as <c>๑๐.๔๕ น.</c>, the hour padded to two digits as on printed stamps (<c>๐๙.๐๕ น.</c>).</summary>
    public static string Format(TimeOnly time, bool thaiDigits = true)
    {
        var text = $"{time.Hour:00}.{time.Minute:00} น.";
        return thaiDigits ? ThaiDigits.ToThai(text) : text;
    }

    /// <summary>
    /// Reads <c>10.45 น.</c>, <c>เวลา ๑๐.๔๕ น.</c>, <c>10:45</c>, <c>เวลา10.45น</c>, <c>๑๐ นาฬิกา</c>.
    /// </summary>
    /// <remarks>
    /// Minutes need two digits (<c>10.5</c> is ambiguous); an hour alone needs the น. suffix, so
    /// that a stray number is not taken for a time. Seconds are not written on stamps and not read.
    /// </remarks>
    /// <exception cref="ThaiFormatException">The text is not a valid time; the message names the bad part.</exception>
    public static TimeOnly Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var error = TryRead(text, out var time);
        return error is null ? time : throw new ThaiFormatException(error);
    }

    /// <summary>Like <see cref="Parse"/>, without throwing.</summary>
    public static bool TryParse(string? text, out TimeOnly time)
    {
        time = default;
        return text is not null && TryRead(text, out time) is null;
    }

    private static string? TryRead(string input, out TimeOnly time)
    {
        time = default;
        var text = ThaiText.StripLeading(ThaiText.Clean(input), "เวลา");
        var withoutSuffix = StripClockSuffix(text);
        var hasSuffix = withoutSuffix.Length != text.Length;
        text = withoutSuffix;

        if (text.Length == 0)
        {
            return ThaiText.Compose("ไม่มีข้อความเวลา", "empty time");
        }

        var hourLength = ThaiText.LeadingDigits(text);
        var rest = text.AsSpan(hourLength).Trim();
        var minuteText = rest.Length > 0 && rest[0] is ('.' or ':') ? rest[1..].Trim() : rest;
        var separated = minuteText.Length != rest.Length;

        var wellFormed = hourLength is 1 or 2
            && (separated ? minuteText.Length == 2 && ThaiText.AllDigits(minuteText) : rest.Length == 0 && hasSuffix);
        if (!wellFormed)
        {
            return ThaiText.Compose($"รูปแบบเวลา '{input.Trim()}' ไม่ถูกต้อง ควรเป็นเช่น ๑๐.๔๕ น.", "invalid time, expected e.g. 10.45 น.");
        }

        ThaiText.TryReadNumber(text.AsSpan(0, hourLength), out var hour);
        var minute = 0;
        if (separated)
        {
            ThaiText.TryReadNumber(minuteText, out minute);
        }

        if (hour > 23)
        {
            return ThaiText.Compose($"ชั่วโมง '{text[..hourLength]}' ไม่ถูกต้อง", "hour must be 0-23");
        }

        if (minute > 59)
        {
            return ThaiText.Compose($"นาที '{minuteText}' ไม่ถูกต้อง", "minute must be 0-59");
        }

        time = new TimeOnly(hour, minute);
        return null;
    }

    private static string StripClockSuffix(string text)
    {
        foreach (var suffix in (ReadOnlySpan<string>)["นาฬิกา", "น.", "น"])
        {
            if (text.EndsWith(suffix, StringComparison.Ordinal))
            {
                return text[..^suffix.Length].TrimEnd();
            }
        }

        return text;
    }
}
