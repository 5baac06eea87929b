using Saraban.Workflow.Thai;

namespace Saraban.Workflow.Tests.Thai;

public sealed class when_converting_digits
{
    [Fact]
    public void each_western_digit_maps_to_its_thai_digit_and_back()
    {
        for (var d = 0; d <= 9; d++)
        {
            var western = ((char)('0' + d)).ToString();
            var thai = ((char)(0x0E50 + d)).ToString();
            Assert.Equal(thai, ThaiDigits.ToThai(western));
            Assert.Equal(western, ThaiDigits.ToWestern(thai));
        }
    }

    [Fact]
    public void the_thai_digits_are_the_ones_printed_in_letters() =>
        Assert.Equal("๐๑๒๓๔๕๖๗๘๙", ThaiDigits.ToThai("0123456789"));

    [Theory]
    [InlineData("ที่ อต 0023.3/ว 1367", "ที่ อต ๐๐๒๓.๓/ว ๑๓๖๗")]
    [InlineData("เวลา 10.45 น.", "เวลา ๑๐.๔๕ น.")]
    [InlineData("no digits here", "no digits here")]
    [InlineData("", "")]
    public void other_characters_are_left_untouched(string western, string thai)
    {
        Assert.Equal(thai, ThaiDigits.ToThai(western));
        Assert.Equal(western, ThaiDigits.ToWestern(thai));
    }

    [Fact]
    public void mixed_digits_are_all_converted_to_the_requested_set()
    {
        Assert.Equal("๑๒๓๔", ThaiDigits.ToThai("1๒3๔"));
        Assert.Equal("1234", ThaiDigits.ToWestern("1๒3๔"));
    }

    [Fact]
    public void converting_text_already_in_the_target_set_returns_it_unchanged() =>
        Assert.Same("๑๒๓", ThaiDigits.ToThai("๑๒๓"));

    [Theory]
    [InlineData(0L, "๐", "0")]
    [InlineData(7L, "๗", "7")]
    [InlineData(2567L, "๒๕๖๗", "2567")]
    [InlineData(1234567L, "๑๒๓๔๕๖๗", "1234567")]
    [InlineData(-42L, "-๔๒", "-42")]
    [InlineData(long.MaxValue, "๙๒๒๓๓๗๒๐๓๖๘๕๔๗๗๕๘๐๗", "9223372036854775807")]
    public void numbers_are_formatted_without_separators(long number, string thai, string western)
    {
        Assert.Equal(thai, ThaiDigits.Format(number));
        Assert.Equal(thai, ThaiDigits.Format(number, thai: true));
        Assert.Equal(western, ThaiDigits.Format(number, thai: false));
    }

    [Fact]
    public void null_text_is_rejected()
    {
        Assert.Throws<ArgumentNullException>(() => ThaiDigits.ToThai(null!));
        Assert.Throws<ArgumentNullException>(() => ThaiDigits.ToWestern(null!));
    }
}
