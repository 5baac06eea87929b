namespace Saraban.Workflow.Tests.Thai;

// The expected month tables, written out independently of the library's own.
internal static class ThaiMonthData
{
    public static readonly string[] Full =
    [
        "มกราคม", "กุมภาพันธ์", "มีนาคม", "เมษายน", "พฤษภาคม", "มิถุนายน",
        "กรกฎาคม", "สิงหาคม", "กันยายน", "ตุลาคม", "พฤศจิกายน", "ธันวาคม",
    ];

    public static readonly string[] Short =
    [
        "ม.ค.", "ก.พ.", "มี.ค.", "เม.ย.", "พ.ค.", "มิ.ย.",
        "ก.ค.", "ส.ค.", "ก.ย.", "ต.ค.", "พ.ย.", "ธ.ค.",
    ];

    public static TheoryData<int, string, string> Months()
    {
        var data = new TheoryData<int, string, string>();
        for (var m = 1; m <= 12; m++)
        {
            data.Add(m, Full[m - 1], Short[m - 1]);
        }

        return data;
    }

    public static IEnumerable<DateOnly> EveryDayOfBuddhistYears(int firstBe, int lastBe)
    {
        for (var d = new DateOnly(firstBe - 543, 1, 1); d <= new DateOnly(lastBe - 543, 12, 31); d = d.AddDays(1))
        {
            yield return d;
        }
    }
}
