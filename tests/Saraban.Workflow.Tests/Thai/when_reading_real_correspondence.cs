using Saraban.Workflow.Thai;

namespace Saraban.Workflow.Tests.Thai;

// Numbers, dates and stamps as they appear on actual letters and receive stamps.
public sealed class when_reading_real_correspondence
{
    [Fact]
    public void a_cabinet_secretariat_circular_and_its_date()
    {
        var number = DocumentNumber.Parse("ที่ นร ๐๑๐๗/ว ๒๑๔๙");
        Assert.Equal(new DocumentNumber("นร ๐๑๐๗", isCircular: true, runningNumber: 2149), number);
        Assert.Equal("ที่ นร ๐๑๐๗/ว ๒๑๔๙", number.Format());

        var date = ThaiDate.Parse("๑๔ มีนาคม ๒๕๖๗");
        Assert.Equal(new DateOnly(2024, 3, 14), date);
        Assert.Equal("๑๔ มีนาคม ๒๕๖๗", ThaiDate.FormatFull(date));
    }

    [Fact]
    public void a_provincial_office_circular()
    {
        var number = DocumentNumber.Parse("ที่ อต ๐๐๒๓.๓/ว ๑๓๖๗");
        Assert.Equal("อต ๐๐๒๓.๓", number.Prefix);
        Assert.True(number.IsCircular);
        Assert.Equal(1367, number.RunningNumber);
        Assert.Equal("ที่ อต ๐๐๒๓.๓/ว ๑๓๖๗", number.Format());
    }

    [Fact]
    public void an_interior_ministry_circular_and_its_date()
    {
        var number = DocumentNumber.Parse("ที่ มท ๐๘๑๐.๔/ว ๔๑๒๗");
        Assert.Equal(new DocumentNumber("มท 0810.4", isCircular: true, runningNumber: 4127), number);
        Assert.Equal("ที่ มท ๐๘๑๐.๔/ว ๔๑๒๗", number.Format());

        var date = ThaiDate.Parse("๙ กันยายน ๒๕๖๖");
        Assert.Equal(new DateOnly(2023, 9, 9), date);
        Assert.Equal("๙ กันยายน ๒๕๖๖", ThaiDate.FormatFull(date));
    }

    [Fact]
    public void a_receive_stamp_with_western_digits()
    {
        var date = ThaiDate.Parse("วันที่ 12 ก.ย. 2566");
        var time = ThaiTime.Parse("เวลา 10.45 น.");

        Assert.Equal(new DateOnly(2023, 9, 12), date);
        Assert.Equal(new TimeOnly(10, 45), time);
        Assert.Equal("12 ก.ย. 2566", ThaiDate.FormatShort(date, thaiDigits: false));
        Assert.Equal("10.45 น.", ThaiTime.Format(time, thaiDigits: false));
    }

    [Fact]
    public void the_received_letter_was_dated_before_it_was_stamped()
    {
        var dated = ThaiDate.Parse("๙ กันยายน ๒๕๖๖");
        var received = ThaiDate.Parse("วันที่ 12 ก.ย. 2566");
        Assert.Equal(3, received.DayNumber - dated.DayNumber);
    }
}
