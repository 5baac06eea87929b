using Saraban.Workflow.Thai;

namespace Saraban.Workflow.Tests.Thai;

public sealed class when_rejecting_bad_document_numbers
{
    private static string Rejected(string text)
    {
        Assert.False(DocumentNumber.TryParse(text, out var number));
        Assert.Null(number);
        return Assert.Throws<ThaiFormatException>(() => DocumentNumber.Parse(text)).Message;
    }

    [Theory]
    [InlineData("ที่ อต ๐๐๒๓.๓ ว ๑๓๖๗", "อต ๐๐๒๓.๓ ว ๑๓๖๗")]
    [InlineData("อต 0023.3-1367", "อต 0023.3-1367")]
    public void a_missing_slash_is_reported(string text, string quoted) =>
        Assert.Equal(
            $"ไม่พบเครื่องหมาย '/' คั่นรหัสหน่วยงานกับเลขลำดับใน '{quoted}' (missing '/' between office prefix and running number)",
            Rejected(text));

    [Fact]
    public void a_second_slash_is_reported() =>
        Assert.Equal("มีเครื่องหมาย '/' เกินหนึ่งตัวใน 'นร ๐๑๐๗/๑๒๓/๒๕๖๗' (more than one '/')", Rejected("ที่ นร ๐๑๐๗/๑๒๓/๒๕๖๗"));

    [Theory]
    [InlineData("ที่ อต ๐๐๒๓.๓/")]
    [InlineData("ที่ อต ๐๐๒๓.๓/ว")]
    [InlineData("ที่ อต ๐๐๒๓.๓/ว.")]
    [InlineData("ที่ อต ๐๐๒๓.๓/ ว .  ")]
    public void a_missing_running_number_is_reported(string text) =>
        Assert.Equal("ไม่พบเลขลำดับหนังสือหลังเครื่องหมาย '/' (missing running number after '/')", Rejected(text));

    [Theory]
    [InlineData("ที่ อต ๐๐๒๓.๓/ว ๑๓๖๗ก", "ว ๑๓๖๗ก")]
    [InlineData("ที่ อต ๐๐๒๓.๓/ท ๑๓๖๗", "ท ๑๓๖๗")]
    [InlineData("ที่ อต ๐๐๒๓.๓/๑๓ ๖๗", "๑๓ ๖๗")]
    [InlineData("ที่ อต ๐๐๒๓.๓/-5", "-5")]
    public void a_running_number_that_is_not_digits_is_quoted(string text, string quoted) =>
        Assert.Equal($"เลขลำดับหนังสือ '{quoted}' ไม่ถูกต้อง (running number must be digits, optionally after ว)", Rejected(text));

    [Theory]
    [InlineData("ที่ อต ๐๐๒๓.๓/ว ๐", "๐")]
    [InlineData("ที่ อต ๐๐๒๓.๓/000", "000")]
    public void a_running_number_below_one_is_rejected(string text, string quoted) =>
        Assert.Equal($"เลขลำดับหนังสือ '{quoted}' ต้องตั้งแต่ ๑ ขึ้นไป (running number must be at least 1)", Rejected(text));

    [Fact]
    public void a_running_number_too_large_for_an_int_is_rejected() =>
        Assert.Equal("เลขลำดับหนังสือ '2147483648' มากเกินไป (running number too large)", Rejected("อต 0023.3/2147483648"));

    [Theory]
    [InlineData("ที่ /ว ๑๓๖๗")]
    [InlineData("/1")]
    public void a_missing_prefix_is_reported(string text) =>
        Assert.Equal("ไม่พบรหัสหน่วยงานหน้าเครื่องหมาย '/' (missing office prefix before '/')", Rejected(text));

    [Theory]
    [InlineData("ที่ ๐๐๒๓.๓/ว ๑๓๖๗", "๐๐๒๓.๓")]
    [InlineData("ที่ อ ๐๐๒๓.๓/ว ๑๓๖๗", "อ ๐๐๒๓.๓")]
    [InlineData("ที่ อตกค ๐๐๒๓/ว ๑", "อตกค ๐๐๒๓")]
    [InlineData("ที่ AB 0023/ว 1", "AB 0023")]
    [InlineData("ที่ อ.ต. ๐๐๒๓/ว ๑", "อ.ต. ๐๐๒๓")]
    public void a_prefix_without_two_or_three_thai_letters_is_quoted(string text, string quoted) =>
        Assert.Equal(
            $"รหัสหน่วยงาน '{quoted}' ต้องขึ้นต้นด้วยอักษรย่อภาษาไทย ๒–๓ ตัว เช่น อต ๐๐๒๓.๓ (office prefix must start with 2-3 Thai letters, e.g. อต 0023.3)",
            Rejected(text));

    [Theory]
    [InlineData("ที่ อต ๐๒๓/ว ๑", "๐๒๓")]
    [InlineData("ที่ อต ๐๐๒๓๔๕/ว ๑", "๐๐๒๓๔๕")]
    [InlineData("ที่ อต ๐๐๒๓./ว ๑", "๐๐๒๓.")]
    [InlineData("ที่ อต ๐๐๒๓..๓/ว ๑", "๐๐๒๓..๓")]
    [InlineData("ที่ อต ๐๐๒๓.๓๔๕๖/ว ๑", "๐๐๒๓.๓๔๕๖")]
    [InlineData("ที่ อต/ว ๑", "")]
    [InlineData("ที่ อต ๐๐๒๓ก/ว ๑", "๐๐๒๓ก")]
    public void a_bad_office_code_is_quoted(string text, string code)
    {
        var message = Rejected(text);
        Assert.StartsWith($"เลขประจำหน่วยงาน '{code}' ในรหัส", message, StringComparison.Ordinal);
        Assert.EndsWith("(office code must be 4-5 digits, optionally followed by .sub-unit digits)", message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("")]
    [InlineData("  ")]
    [InlineData("ที่")]
    [InlineData("เลขที่ ")]
    public void empty_text_is_reported(string text) =>
        Assert.Equal("ไม่มีข้อความเลขที่หนังสือ (empty document number)", Rejected(text));

    [Fact]
    public void the_constructor_validates_its_parts_too()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new DocumentNumber("อต ๐๐๒๓.๓", isCircular: true, runningNumber: 0));
        Assert.Throws<ArgumentOutOfRangeException>(() => new DocumentNumber("อต ๐๐๒๓.๓", isCircular: true, runningNumber: -1));
        Assert.Throws<ArgumentNullException>(() => new DocumentNumber(null!, isCircular: true, runningNumber: 1));
        var error = Assert.Throws<ThaiFormatException>(() => new DocumentNumber("อต ๐๒๓", isCircular: false, runningNumber: 1));
        Assert.Contains("'๐๒๓'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void null_is_an_argument_error_for_parse_and_false_for_try_parse()
    {
        Assert.Throws<ArgumentNullException>(() => DocumentNumber.Parse(null!));
        Assert.False(DocumentNumber.TryParse(null, out _));
    }
}
