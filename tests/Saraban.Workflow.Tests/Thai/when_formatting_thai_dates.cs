using System.Globalization;
using Saraban.Workflow.Thai;

namespace Saraban.Workflow.Tests.Thai;

public sealed class when_formatting_thai_dates
{
    private static readonly DateOnly March25th2024 = new(2024, 3, 25);

    public static TheoryData<int, string, string> Months() => ThaiMonthData.Months();

    [Fact]
    public void the_year_is_buddhist_era()
    {
        Assert.Equal(543, ThaiDate.BuddhistEraOffset);
        Assert.Equal(2567, ThaiDate.BuddhistYear(March25th2024));
    }

    [Fact]
    public void the_full_form_uses_thai_digits_and_the_full_month_name() =>
        Assert.Equal("๒๕ มีนาคม ๒๕๖๗", ThaiDate.FormatFull(March25th2024));

    [Fact]
    public void the_full_form_can_use_western_digits() =>
        Assert.Equal("25 มีนาคม 2567", ThaiDate.FormatFull(March25th2024, thaiDigits: false));

    [Fact]
    public void the_short_form_with_thai_digits_has_a_two_digit_year() =>
        Assert.Equal("๒๕ มี.ค. ๖๗", ThaiDate.FormatShort(March25th2024));

    [Fact]
    public void the_short_form_with_western_digits_has_a_four_digit_year() =>
        Assert.Equal("25 มี.ค. 2567", ThaiDate.FormatShort(March25th2024, thaiDigits: false));

    [Theory]
    [InlineData(true, ThaiYearStyle.TwoDigits, "๒๕ มี.ค. ๖๗")]
    [InlineData(true, ThaiYearStyle.FourDigits, "๒๕ มี.ค. ๒๕๖๗")]
    [InlineData(false, ThaiYearStyle.TwoDigits, "25 มี.ค. 67")]
    [InlineData(false, ThaiYearStyle.FourDigits, "25 มี.ค. 2567")]
    public void the_short_year_length_can_be_chosen_independently_of_digits(bool thaiDigits, ThaiYearStyle style, string expected) =>
        Assert.Equal(expected, ThaiDate.FormatShort(March25th2024, thaiDigits, style));

    [Fact]
    public void a_two_digit_year_keeps_its_leading_zero()
    {
        var date = new DateOnly(1962, 1, 5); // 2505 BE
        Assert.Equal("๕ ม.ค. ๐๕", ThaiDate.FormatShort(date));
        Assert.Equal("5 ม.ค. 05", ThaiDate.FormatShort(date, thaiDigits: false, ThaiYearStyle.TwoDigits));
    }

    [Fact]
    public void the_day_has_no_leading_zero() =>
        Assert.Equal("๙ กันยายน ๒๕๖๖", ThaiDate.FormatFull(new DateOnly(2023, 9, 9)));

    [Theory]
    [MemberData(nameof(Months))]
    public void every_month_gets_its_thai_names(int month, string full, string shortName)
    {
        var date = new DateOnly(2024, month, 1);
        Assert.Equal(full, ThaiDate.FullMonthName(month));
        Assert.Equal(shortName, ThaiDate.ShortMonthName(month));
        Assert.Equal($"๑ {full} ๒๕๖๗", ThaiDate.FormatFull(date));
        Assert.Equal($"๑ {shortName} ๖๗", ThaiDate.FormatShort(date));
        Assert.Equal($"1 {shortName} 2567", ThaiDate.FormatShort(date, thaiDigits: false));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(13)]
    public void month_numbers_outside_1_to_12_are_rejected(int month)
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => ThaiDate.FullMonthName(month));
        Assert.Throws<ArgumentOutOfRangeException>(() => ThaiDate.ShortMonthName(month));
    }

    [Fact]
    public void the_result_does_not_depend_on_the_current_culture()
    {
        // th-TH would bring the Buddhist calendar and native digits if the library leaked culture.
        var thai = TryGetCulture("th-TH") ?? CultureInfo.InvariantCulture;
        var saved = CultureInfo.CurrentCulture;
        try
        {
            CultureInfo.CurrentCulture = thai;
            Assert.Equal("๒๕ มีนาคม ๒๕๖๗", ThaiDate.FormatFull(March25th2024));
            Assert.Equal("25 มี.ค. 2567", ThaiDate.FormatShort(March25th2024, thaiDigits: false));
            Assert.Equal(March25th2024, ThaiDate.Parse("25 มีนาคม 2567"));
        }
        finally
        {
            CultureInfo.CurrentCulture = saved;
        }
    }

    private static CultureInfo? TryGetCulture(string name)
    {
        try
        {
            return CultureInfo.GetCultureInfo(name);
        }
        catch (CultureNotFoundException)
        {
            return null;
        }
    }
}
