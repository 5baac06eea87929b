using Saraban.Workflow.Thai;

namespace Saraban.Workflow.Tests.Thai;

public sealed class when_reading_receive_stamp_times
{
    private static readonly TimeOnly QuarterToEleven = new(10, 45);

    [Theory]
    [InlineData("เวลา 10.45 น.")]
    [InlineData("เวลา ๑๐.๔๕ น.")]
    [InlineData("10.45 น.")]
    [InlineData("10.45 น")]
    [InlineData("10.45น.")]
    [InlineData("เวลา10.45น.")]
    [InlineData("10.45")]
    [InlineData("10:45")]
    [InlineData("10 . 45 น.")]
    [InlineData("๑๐.๔๕ นาฬิกา")]
    [InlineData("  เวลา   10.45   น.  ")]
    [InlineData("เวลา\u200B10.45\u200Bน.")]
    public void customary_spellings_are_all_understood(string text)
    {
        Assert.Equal(QuarterToEleven, ThaiTime.Parse(text));
        Assert.True(ThaiTime.TryParse(text, out var time));
        Assert.Equal(QuarterToEleven, time);
    }

    [Theory]
    [InlineData("9.05 น.", 9, 5)]
    [InlineData("๐๙.๐๕ น.", 9, 5)]
    [InlineData("0.00 น.", 0, 0)]
    [InlineData("23.59 น.", 23, 59)]
    [InlineData("๑๐ น.", 10, 0)]
    [InlineData("เวลา 14 นาฬิกา", 14, 0)]
    public void hours_and_minutes_are_read_on_the_24_hour_clock(string text, int hour, int minute) =>
        Assert.Equal(new TimeOnly(hour, minute), ThaiTime.Parse(text));

    [Theory]
    [InlineData(10, 45, "๑๐.๔๕ น.", "10.45 น.")]
    [InlineData(9, 5, "๐๙.๐๕ น.", "09.05 น.")]
    [InlineData(0, 0, "๐๐.๐๐ น.", "00.00 น.")]
    [InlineData(23, 59, "๒๓.๕๙ น.", "23.59 น.")]
    public void times_are_formatted_as_on_stamps(int hour, int minute, string thai, string western)
    {
        var time = new TimeOnly(hour, minute);
        Assert.Equal(thai, ThaiTime.Format(time));
        Assert.Equal(western, ThaiTime.Format(time, thaiDigits: false));
    }

    [Fact]
    public void every_minute_of_the_day_round_trips()
    {
        for (var minutes = 0; minutes < 24 * 60; minutes++)
        {
            var time = new TimeOnly(minutes / 60, minutes % 60);
            Assert.Equal(time, ThaiTime.Parse(ThaiTime.Format(time)));
            Assert.Equal(time, ThaiTime.Parse("เวลา " + ThaiTime.Format(time, thaiDigits: false)));
        }
    }

    [Fact]
    public void seconds_in_the_time_are_dropped_when_formatting() =>
        Assert.Equal("๑๐.๔๕ น.", ThaiTime.Format(new TimeOnly(10, 45, 30)));

    [Theory]
    [InlineData("24.00 น.", "ชั่วโมง '24' ไม่ถูกต้อง (hour must be 0-23)")]
    [InlineData("๒๕.๐๐ น.", "ชั่วโมง '๒๕' ไม่ถูกต้อง (hour must be 0-23)")]
    [InlineData("10.60 น.", "นาที '60' ไม่ถูกต้อง (minute must be 0-59)")]
    [InlineData("", "ไม่มีข้อความเวลา (empty time)")]
    [InlineData("เวลา น.", "ไม่มีข้อความเวลา (empty time)")]
    public void out_of_range_or_empty_times_are_rejected_with_the_bad_part(string text, string message)
    {
        Assert.False(ThaiTime.TryParse(text, out _));
        Assert.Equal(message, Assert.Throws<ThaiFormatException>(() => ThaiTime.Parse(text)).Message);
    }

    [Theory]
    [InlineData("10.5 น.")]
    [InlineData("10.456 น.")]
    [InlineData("10")]
    [InlineData("100.45 น.")]
    [InlineData("สิบโมง")]
    [InlineData("10.45 น. เช้า")]
    [InlineData("10-45 น.")]
    [InlineData("10.")]
    public void malformed_times_are_rejected_quoting_the_input(string text)
    {
        Assert.False(ThaiTime.TryParse(text, out _));
        var error = Assert.Throws<ThaiFormatException>(() => ThaiTime.Parse(text));
        Assert.Equal($"รูปแบบเวลา '{text}' ไม่ถูกต้อง ควรเป็นเช่น ๑๐.๔๕ น. (invalid time, expected e.g. 10.45 น.)", error.Message);
    }

    [Fact]
    public void null_is_an_argument_error_for_parse_and_false_for_try_parse()
    {
        Assert.Throws<ArgumentNullException>(() => ThaiTime.Parse(null!));
        Assert.False(ThaiTime.TryParse(null, out _));
    }
}
