using Saraban.Workflow.Thai;

namespace Saraban.Workflow.Tests.Numbering;

public sealed class when_the_year_turns_in_bangkok
{
    [Fact]
    public void half_past_midnight_on_new_years_day_in_bangkok_belongs_to_the_new_year()
    {
        var instant = new DateTimeOffset(2024, 12, 31, 17, 30, 0, TimeSpan.Zero); // 00:30 on 1 Jan 2025 in Bangkok

        Assert.Equal(2025, BangkokTime.YearOf(instant));
        Assert.Equal(new DateOnly(2025, 1, 1), BangkokTime.DateOf(instant));
    }

    [Fact]
    public void late_evening_of_new_years_eve_in_bangkok_is_still_the_old_year()
    {
        Assert.Equal(2024, BangkokTime.YearOf(new DateTimeOffset(2024, 12, 31, 16, 59, 59, TimeSpan.Zero)));
    }
}
