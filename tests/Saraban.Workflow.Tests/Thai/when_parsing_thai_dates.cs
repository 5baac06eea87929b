using Saraban.Workflow.Thai;

namespace Saraban.Workflow.Tests.Thai;

public sealed class when_parsing_thai_dates
{
    private static readonly DateOnly March25th2024 = new(2024, 3, 25);

    public static TheoryData<int, string, string> Months() => ThaiMonthData.Months();

    [Theory]
    [InlineData("๒๕ มีนาคม ๒๕๖๗")]
    [InlineData("25 มีนาคม 2567")]
    [InlineData("๒๕ มี.ค. ๖๗")]
    [InlineData("25 มี.ค. 2567")]
    [InlineData("25 มี.ค. 67")]
    [InlineData("๒๕มีนาคม๒๕๖๗")]
    [InlineData("25มี.ค.67")]
    [InlineData("25 มีค 67")]
    [InlineData("25 มี ค 67")]
    [InlineData("25 มี. ค. 2567")]
    [InlineData("   25    มีนาคม    2567   ")]
    [InlineData("25\tมีนาคม\u00A02567")]
    [InlineData("25\u200Bมีนาคม\u200B2567")]
    [InlineData("วันที่ ๒๕ มีนาคม ๒๕๖๗")]
    [InlineData("วันที่๒๕มีนาคม๒๕๖๗")]
    [InlineData("ลงวันที่ 25 มีนาคม 2567")]
    [InlineData("๒๕ มีนาคม พ.ศ. ๒๕๖๗")]
    [InlineData("25 มีนาคม พ.ศ.2567")]
    [InlineData("25 มีนาคม พศ 2567")]
    [InlineData("25มีนาคมพ.ศ.2567")]
    [InlineData("วันที่ 25 มี.ค. พ.ศ. 67")]
    [InlineData("25 มีนาคม ๒๕๖๗")]
    [InlineData("๒๕ มีนาคม 2567")]
    public void customary_spellings_are_all_understood(string text)
    {
        Assert.Equal(March25th2024, ThaiDate.Parse(text));
        Assert.True(ThaiDate.TryParse(text, out var date));
        Assert.Equal(March25th2024, date);
    }

    [Theory]
    [MemberData(nameof(Months))]
    public void every_month_name_is_read_in_every_form(int month, string full, string shortName)
    {
        var expected = new DateOnly(2024, month, 1);
        var withoutDots = shortName.Replace(".", string.Empty, StringComparison.Ordinal);

        Assert.Equal(expected, ThaiDate.Parse($"1 {full} 2567"));
        Assert.Equal(expected, ThaiDate.Parse($"๑ {full} ๒๕๖๗"));
        Assert.Equal(expected, ThaiDate.Parse($"๑{full}๒๕๖๗"));
        Assert.Equal(expected, ThaiDate.Parse($"1 {shortName} 67"));
        Assert.Equal(expected, ThaiDate.Parse($"๑ {shortName} ๒๕๖๗"));
        Assert.Equal(expected, ThaiDate.Parse($"1{shortName}2567"));
        Assert.Equal(expected, ThaiDate.Parse($"1 {withoutDots} 67"));
        Assert.Equal(expected, ThaiDate.Parse($"1 {withoutDots} พ.ศ. 2567"));
    }

    [Fact]
    public void two_digit_years_are_buddhist_era_in_the_2500s()
    {
        Assert.Equal(2024, ThaiDate.Parse("1 ม.ค. 67").Year);
        Assert.Equal(1957, ThaiDate.Parse("1 ม.ค. 00").Year);
        Assert.Equal(2056, ThaiDate.Parse("1 ม.ค. 99").Year);
    }

    [Fact]
    public void leading_zeros_in_the_day_are_accepted() =>
        Assert.Equal(new DateOnly(2023, 9, 9), ThaiDate.Parse("๐๙ กันยายน ๒๕๖๖"));

    [Fact]
    public void the_twenty_ninth_of_february_exists_in_leap_year_2567()
    {
        Assert.Equal(new DateOnly(2024, 2, 29), ThaiDate.Parse("29 ก.พ. ๒๕๖๗"));
        Assert.Equal(new DateOnly(2024, 2, 29), ThaiDate.Parse("๒๙ กุมภาพันธ์ ๒๕๖๗"));
    }

    [Fact]
    public void the_twenty_ninth_of_february_does_not_exist_in_2566()
    {
        Assert.False(ThaiDate.TryParse("29 ก.พ. ๒๕๖๖", out _));
        var error = Assert.Throws<ThaiFormatException>(() => ThaiDate.Parse("๒๙ กุมภาพันธ์ ๒๕๖๖"));
        Assert.Contains("๒๙", error.Message, StringComparison.Ordinal);
        Assert.Contains("February 2566 BE has no day 29", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void every_day_of_2566_to_2568_round_trips_through_every_format()
    {
        var count = 0;
        foreach (var date in ThaiMonthData.EveryDayOfBuddhistYears(2566, 2568))
        {
            string[] forms =
            [
                ThaiDate.FormatFull(date),
                ThaiDate.FormatFull(date, thaiDigits: false),
                ThaiDate.FormatShort(date),
                ThaiDate.FormatShort(date, thaiDigits: false),
                ThaiDate.FormatShort(date, thaiDigits: true, ThaiYearStyle.FourDigits),
                ThaiDate.FormatShort(date, thaiDigits: false, ThaiYearStyle.TwoDigits),
                ThaiDate.FormatFull(date).Replace(" ", string.Empty, StringComparison.Ordinal),
                "วันที่ " + ThaiDate.FormatShort(date).Replace(".", string.Empty, StringComparison.Ordinal),
            ];

            foreach (var form in forms)
            {
                Assert.True(ThaiDate.TryParse(form, out var parsed), $"could not read '{form}'");
                Assert.True(date == parsed, $"'{form}' read as {parsed:yyyy-MM-dd}, expected {date:yyyy-MM-dd}");
            }

            count++;
        }

        Assert.Equal(365 + 366 + 365, count);
    }

    [Fact]
    public void the_result_is_a_gregorian_date_for_storage()
    {
        var date = ThaiDate.Parse("๒๕ มีนาคม ๒๕๖๗");
        Assert.Equal(2024, date.Year);
        Assert.Equal(3, date.Month);
        Assert.Equal(25, date.Day);
    }
}
