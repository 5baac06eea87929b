using System.Net;
using System.Net.Http.Json;

namespace Saraban.Web.Tests;

/// <summary>จองเลข over the API, on the dispatch register's page and on the command line; bad input refused with nothing stored.</summary>
public sealed class when_a_clerk_reserves_numbers_over_http
{
    [Fact]
    public async Task the_numbers_show_in_the_register_and_bad_requests_are_refused_in_thai_with_nothing_stored()
    {
        var db = Saraban.TempDb();
        string reservation;
        await using (var server = await Server.StartAsync("--db", db))
        {
            using var clerk = await server.SignInAsync("uttaradit.clerk");
            using var outsider = await server.SignInAsync("muang.clerk");
            var made = await clerk.PostAsJsonAsync("/api/numbers/reservations", new { series = "Outgoing", count = 2, purpose = "หนังสือที่ผู้ว่าฯ ลงนามนอกสำนักงาน" });
            var body = await made.JsonAsync(HttpStatusCode.Created);
            reservation = body.GetProperty("reservationId").GetString()!;
            var numbers = body.GetProperty("numbers").EnumerateArray().Select(n => n.GetProperty("documentNumber").GetString()!).ToList();
            Assert.Equal(2, numbers.Count);

            var page = await Http.EventuallyAsync(() => clerk.GetStringAsync("/registers/outgoing"), p => p.Contains(numbers[1]));
            Assert.Contains("จองเลขไว้ ยังไม่ใช้", page);
            Assert.Contains("จองไว้สำหรับ หนังสือที่ผู้ว่าฯ ลงนามนอกสำนักงาน", page);
            var reserved = await (await clerk.GetAsync("/api/numbers/reserved")).JsonAsync();
            Assert.Equal(2, reserved.GetArrayLength());
            Assert.False(reserved[0].GetProperty("overdue").GetBoolean());
            var head = await HeadAsync(clerk);

            var tooMany = await clerk.PostAsJsonAsync("/api/numbers/reservations", new { count = 51, purpose = "มากเกิน" });
            Assert.Contains("ไม่เกิน ๕๐ เลข", (await tooMany.JsonAsync(HttpStatusCode.BadRequest)).GetProperty("detail").GetString());
            var noCount = await clerk.PostAsJsonAsync("/api/numbers/reservations", new { purpose = "ไม่บอกจำนวน" });
            Assert.Contains("จำนวนเลข", (await noCount.JsonAsync(HttpStatusCode.BadRequest)).GetProperty("detail").GetString());
            var notTheirs = await outsider.PostAsJsonAsync($"/api/numbers/reservations/{reservation}/1/cancel", new { reason = "ไม่ใช่ของเรา" });
            Assert.Equal(HttpStatusCode.Forbidden, notTheirs.StatusCode);
            var noReason = await clerk.PostAsJsonAsync($"/api/numbers/reservations/{reservation}/1/cancel", new { reason = "" });
            Assert.Contains("เหตุผล", (await noReason.JsonAsync(HttpStatusCode.BadRequest)).GetProperty("detail").GetString());
            Assert.Equal(head, await HeadAsync(clerk));

            Assert.Equal(HttpStatusCode.NoContent, (await clerk.PostAsJsonAsync($"/api/numbers/reservations/{reservation}/1/use",
                new { subject = "ขอความร่วมมือสำรวจข้อมูล", addressee = "นายอำเภอลับแล", date = DateOnly.FromDateTime(DateTime.UtcNow.AddHours(7)) })).StatusCode);
            var used = await Http.EventuallyAsync(() => clerk.GetStringAsync("/registers/outgoing"), p => p.Contains("ขอความร่วมมือสำรวจข้อมูล"));
            Assert.Contains("นายอำเภอลับแล", used);
        }

        var cancel = await Saraban.RunAsync("numbers", "cancel", reservation, "2", "--reason", "เรื่องยกเลิก", "--as", "uttaradit.clerk", "--db", db);
        Assert.Equal((0, ""), (cancel.ExitCode, cancel.Err));
        var again = await Saraban.RunAsync("numbers", "cancel", reservation, "2", "--reason", "อีกครั้ง", "--as", "uttaradit.clerk", "--db", db);
        Assert.Equal(1, again.ExitCode);
        Assert.Contains("ยกเลิกแล้ว", Assert.Single(again.ErrLines));
        var overMax = await Saraban.RunAsync("numbers", "reserve", "--office", "prov-53", "--count", "51", "--purpose", "มาก", "--as", "uttaradit.clerk", "--db", db);
        Assert.Equal(1, overMax.ExitCode);
        Assert.Contains("ไม่เกิน ๕๐ เลข", Assert.Single(overMax.ErrLines));
        var otherOffice = await Saraban.RunAsync("numbers", "reserve", "--office", "prov-53", "--count", "1", "--purpose", "ของจังหวัด", "--as", "muang.clerk", "--db", db);
        Assert.Equal(1, otherOffice.ExitCode);
        Assert.Single(otherOffice.ErrLines);
        var shown = await Saraban.RunAsync("numbers", "show", reservation, "--as", "uttaradit.clerk", "--db", db);
        Assert.Equal(["Used", "Cancelled"], shown.OutLines.Select(l => l.Split('\t')[2]));
    }

    private static async Task<long> HeadAsync(HttpClient http) =>
        (await (await http.GetAsync("/api/health")).JsonAsync()).GetProperty("headPosition").GetInt64();
}
