using Saraban.Workflow.Thai;

namespace Saraban.Workflow.Tests.Thai;

public sealed class when_parsing_document_numbers
{
    private static readonly DocumentNumber Circular1367 = new("อต ๐๐๒๓.๓", isCircular: true, runningNumber: 1367);

    [Theory]
    [InlineData("ที่ อต ๐๐๒๓.๓/ว ๑๓๖๗")]
    [InlineData("อต ๐๐๒๓.๓/ว ๑๓๖๗")]
    [InlineData("ที่อต๐๐๒๓.๓/ว๑๓๖๗")]
    [InlineData("ที่ อต 0023.3/ว 1367")]
    [InlineData("อต0023.3/ว1367")]
    [InlineData("ที่  อต   ๐๐๒๓.๓ / ว  ๑๓๖๗ ")]
    [InlineData("ที่ อต ๐๐๒๓.๓ /ว ๑๓๖๗")]
    [InlineData("ที่ อต ๐๐๒๓.๓/ ว ๑๓๖๗")]
    [InlineData("ที่ อต ๐๐๒๓.๓/ว. ๑๓๖๗")]
    [InlineData("ที่ อต ๐๐๒๓.๓/ว.๑๓๖๗")]
    [InlineData("ที่ อต ๐๐๒๓.๓/ว . ๑๓๖๗")]
    [InlineData("ที่ อต 0023.3/ว ๑๓๖๗")]
    [InlineData("ที่ อ ต ๐๐ ๒๓.๓/ว ๑๓๖๗")]
    [InlineData("เลขที่ อต ๐๐๒๓.๓/ว ๑๓๖๗")]
    [InlineData("ที่ อต ๐๐๒๓.๓/ว ๐๑๓๖๗")]
    [InlineData("ที่\u200Bอต\u00A0๐๐๒๓.๓/ว\u200B๑๓๖๗")]
    [InlineData("\u0E17\u0E48\u0E35 อต ๐๐๒๓.๓/ว ๑๓๖๗")]
    public void customary_spellings_all_read_as_the_same_number(string text)
    {
        var number = DocumentNumber.Parse(text);
        Assert.Equal(Circular1367, number);
        Assert.Equal("อต ๐๐๒๓.๓", number.Prefix);
        Assert.True(number.IsCircular);
        Assert.Equal(1367, number.RunningNumber);
        Assert.True(DocumentNumber.TryParse(text, out var again));
        Assert.Equal(number, again);
    }

    [Theory]
    [InlineData("ที่ นร ๐๑๐๗/๒๑๔๙", "นร ๐๑๐๗", false, 2149)]
    [InlineData("ที่ อต ๐๐๒๓.๑๐/ว ๕", "อต ๐๐๒๓.๑๐", true, 5)]
    [InlineData("ที่ มท ๐๘๑๐.๔/ว ๔๑๒๗", "มท ๐๘๑๐.๔", true, 4127)]
    [InlineData("ที่ ศธ ๐๔๐๐๒/ว ๑๒", "ศธ ๐๔๐๐๒", true, 12)]
    [InlineData("ที่ ศธ ๐๔๐๐๒.๓.๑/๗", "ศธ ๐๔๐๐๒.๓.๑", false, 7)]
    [InlineData("ที่ กทม 1234/56", "กทม ๑๒๓๔", false, 56)]
    [InlineData("ทส 0202/1", "ทส ๐๒๐๒", false, 1)]
    [InlineData("ที่ อว ๐๒๓๑/ว ๙", "อว ๐๒๓๑", true, 9)]
    [InlineData("ที่ กค 0422.4/2147483647", "กค ๐๔๒๒.๔", false, int.MaxValue)]
    public void prefixes_circular_marks_and_running_numbers_are_separated(string text, string prefix, bool circular, int running)
    {
        var number = DocumentNumber.Parse(text);
        Assert.Equal(prefix, number.Prefix);
        Assert.Equal(circular, number.IsCircular);
        Assert.Equal(running, number.RunningNumber);
    }

    [Theory]
    [InlineData("อต ๐๐๒๓.๓", true, 1367, "ที่ อต ๐๐๒๓.๓/ว ๑๓๖๗", "ที่ อต 0023.3/ว 1367")]
    [InlineData("นร ๐๑๐๗", false, 2149, "ที่ นร ๐๑๐๗/๒๑๔๙", "ที่ นร 0107/2149")]
    [InlineData("อต0023.10", true, 1, "ที่ อต ๐๐๒๓.๑๐/ว ๑", "ที่ อต 0023.10/ว 1")]
    public void the_printed_form_is_normalized(string prefix, bool circular, int running, string thai, string western)
    {
        var number = new DocumentNumber(prefix, circular, running);
        Assert.Equal(thai, number.Format());
        Assert.Equal(thai, number.ToString());
        Assert.Equal(western, number.Format(thaiDigits: false));
        Assert.Equal(number, DocumentNumber.Parse(thai));
        Assert.Equal(number, DocumentNumber.Parse(western));
    }

    [Fact]
    public void differently_typed_numbers_are_equal_and_hash_alike()
    {
        var typed = DocumentNumber.Parse("อต0023.3/ว.1367");
        var printed = DocumentNumber.Parse("ที่ อต ๐๐๒๓.๓/ว ๑๓๖๗");
        Assert.Equal(printed, typed);
        Assert.Equal(printed.GetHashCode(), typed.GetHashCode());
        Assert.Single(new HashSet<DocumentNumber> { typed, printed });
    }

    [Fact]
    public void circular_and_ordinary_letters_with_the_same_digits_differ() =>
        Assert.NotEqual(DocumentNumber.Parse("อต ๐๐๒๓.๓/๑๓๖๗"), DocumentNumber.Parse("อต ๐๐๒๓.๓/ว ๑๓๖๗"));

    [Fact]
    public void sub_units_are_kept_distinct() =>
        Assert.NotEqual(DocumentNumber.Parse("อต ๐๐๒๓.๑/ว ๑"), DocumentNumber.Parse("อต ๐๐๒๓.๑๐/ว ๑"));

    [Fact]
    public void many_running_numbers_round_trip()
    {
        foreach (var running in new[] { 1, 9, 10, 99, 100, 1367, 2149, 4127, 9999, 10000, 123456, int.MaxValue })
        {
            foreach (var circular in new[] { true, false })
            {
                var number = new DocumentNumber("มท ๐๘๑๐.๔", circular, running);
                Assert.Equal(number, DocumentNumber.Parse(number.Format()));
                Assert.Equal(number, DocumentNumber.Parse(number.Format(thaiDigits: false)));
                Assert.Equal(number, DocumentNumber.Parse(number.Format().Replace(" ", string.Empty, StringComparison.Ordinal)));
            }
        }
    }
}
