using Saraban.Workflow.Thai;

namespace Saraban.Workflow.Tests.Thai;

public sealed class when_rejecting_bad_dates
{
    private static ThaiFormatException Rejected(string text)
    {
        Assert.False(ThaiDate.TryParse(text, out var date));
        Assert.Equal(default, date);
        return Assert.Throws<ThaiFormatException>(() => ThaiDate.Parse(text));
    }

    [Fact]
    public void an_unknown_month_name_is_quoted() =>
        Assert.Equal("ไม่รู้จักชื่อเดือน 'มีนาคน' (unknown month name)", Rejected("๒๕ มีนาคน ๒๕๖๗").Message);

    [Theory]
    [InlineData("25 March 2567", "March")]
    [InlineData("25 มีน 2567", "มีน")]
    [InlineData("25 ม.ค.ค. 2567", "ม.ค.ค.")]
    [InlineData("25 / 03 / 2567", "/ 03 /")]
    public void anything_but_a_thai_month_name_is_an_unknown_month(string text, string quoted) =>
        Assert.Equal($"ไม่รู้จักชื่อเดือน '{quoted}' (unknown month name)", Rejected(text).Message);

    [Theory]
    [InlineData("31 กุมภาพันธ์ 2567", "February 2567 BE has no day 31")]
    [InlineData("30 ก.พ. 67", "February 2567 BE has no day 30")]
    [InlineData("31 เมษายน 2567", "April 2567 BE has no day 31")]
    [InlineData("31 มิ.ย. 2566", "June 2566 BE has no day 31")]
    [InlineData("31 ก.ย. 2566", "September 2566 BE has no day 31")]
    [InlineData("31 พ.ย. 2566", "November 2566 BE has no day 31")]
    public void days_that_do_not_exist_in_the_month_are_rejected(string text, string english)
    {
        var message = Rejected(text).Message;
        Assert.StartsWith("ไม่มีวันที่ 3", message, StringComparison.Ordinal);
        Assert.EndsWith($"({english})", message, StringComparison.Ordinal);
    }

    [Fact]
    public void the_thai_part_of_an_impossible_day_names_the_month_and_year() =>
        Assert.Equal(
            "ไม่มีวันที่ 31 ในเดือนกุมภาพันธ์ พ.ศ. ๒๕๖๗ (February 2567 BE has no day 31)",
            Rejected("31 กุมภาพันธ์ 2567").Message);

    [Theory]
    [InlineData("0 มีนาคม 2567", "0")]
    [InlineData("๐๐ มีนาคม ๒๕๖๗", "๐๐")]
    [InlineData("025 มีนาคม 2567", "025")]
    public void day_zero_and_three_digit_days_are_rejected(string text, string day) =>
        Assert.Equal($"เลขวันที่ '{day}' ไม่ถูกต้อง (invalid day number)", Rejected(text).Message);

    [Theory]
    [InlineData("25 มีนาคม 2024", "2024", "๒๕๖๗")]
    [InlineData("๒๕ มีนาคม ๒๐๒๔", "๒๐๒๔", "๒๕๖๗")]
    [InlineData("1 มกราคม 2399", "2399", "๒๙๔๒")]
    public void a_christian_era_year_is_rejected_asking_for_the_buddhist_era(string text, string year, string suggestion)
    {
        var message = Rejected(text).Message;
        Assert.Contains($"ปี '{year}' ไม่ใช่ปีพุทธศักราช ต้องระบุปี พ.ศ. เช่น {suggestion}", message, StringComparison.Ordinal);
        Assert.Contains("a Buddhist-era year is expected", message, StringComparison.Ordinal);
    }

    [Fact]
    public void the_oldest_accepted_four_digit_year_is_2400() =>
        Assert.Equal(new DateOnly(1857, 1, 1), ThaiDate.Parse("1 มกราคม 2400"));

    [Fact]
    public void an_explicit_christian_era_marker_is_rejected() =>
        Assert.Contains("a Buddhist-era year is expected, not a Christian-era one", Rejected("25 มีนาคม ค.ศ. 2024").Message, StringComparison.Ordinal);

    [Fact]
    public void a_year_after_2999_is_implausible() =>
        Assert.Equal("ปี พ.ศ. '3567' ไม่สมเหตุสมผล (implausible Buddhist-era year 3567)", Rejected("25 มีนาคม 3567").Message);

    [Theory]
    [InlineData("25 มีนาคม 567", "567")]
    [InlineData("25 มีนาคม 7", "7")]
    [InlineData("25 มีนาคม 25677", "25677")]
    public void years_must_have_two_or_four_digits(string text, string year) =>
        Assert.Equal($"ปี '{year}' ต้องมี ๒ หรือ ๔ หลัก (year must have 2 or 4 digits)", Rejected(text).Message);

    [Fact]
    public void a_missing_year_is_reported() =>
        Assert.Equal("ไม่พบปี พ.ศ. ท้ายข้อความ '25 มีนาคม' (Buddhist-era year expected last)", Rejected("วันที่ 25 มีนาคม").Message);

    [Fact]
    public void a_missing_day_is_reported() =>
        Assert.Equal("ไม่พบเลขวันที่ที่ต้นข้อความ 'มีนาคม 2567' (day number expected first)", Rejected("มีนาคม 2567").Message);

    [Fact]
    public void a_missing_month_is_reported()
    {
        Assert.Equal("ไม่พบชื่อเดือน (month name missing)", Rejected("25 2567").Message);
        Assert.Equal("ไม่พบชื่อเดือน (month name missing)", Rejected("25 พ.ศ. 2567").Message);
        Assert.Equal("ไม่พบชื่อเดือนและปีใน '25' (month and year missing)", Rejected("25").Message);
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("วันที่")]
    [InlineData("\u200B")]
    public void empty_text_is_reported(string text) =>
        Assert.Equal("ไม่มีข้อความวันที่ (empty date)", Rejected(text).Message);

    [Fact]
    public void trailing_text_after_the_year_is_not_ignored() =>
        Assert.Contains("Buddhist-era year expected last", Rejected("25 มีนาคม 2567 เวลา 10.45 น.").Message, StringComparison.Ordinal);

    [Fact]
    public void the_exception_is_a_format_exception_for_existing_handlers() =>
        Assert.IsAssignableFrom<FormatException>(Rejected("25 มีนาคน 2567"));

    [Fact]
    public void null_is_an_argument_error_for_parse_and_false_for_try_parse()
    {
        Assert.Throws<ArgumentNullException>(() => ThaiDate.Parse(null!));
        Assert.False(ThaiDate.TryParse(null, out _));
    }
}
