using System.Net;
using System.Net.Http.Json;

namespace Saraban.Web.Tests;

public sealed class when_an_admin_keeps_the_office_staff
{
    [Fact]
    public async Task a_delegation_granted_lets_the_deputy_sign_and_revoked_stops_him_at_once()
    {
        await using var server = await Server.StartAsync();
        using var admin = await server.SignInAsync("uttaradit.admin");
        using var clerk = await server.SignInAsync("uttaradit.clerk");
        using var vice = await server.SignInAsync("uttaradit.vice");
        var staff = await (await admin.GetAsync("/api/admin/users")).JsonAsync();
        var demoDelegation = staff.EnumerateArray().Single(u => u.GetProperty("userId").GetString() == "uttaradit.vice")
            .GetProperty("delegations")[0].GetProperty("id").GetString();
        Assert.Equal(HttpStatusCode.NoContent, (await admin.PostAsJsonAsync($"/api/admin/delegations/{demoDelegation}/revoke", new { })).StatusCode);

        async Task<HttpStatusCode> SignNewDraftAsync()
        {
            var draft = await (await clerk.PostAsJsonAsync("/api/letters/outgoing", new
            {
                subject = "ขอเชิญประชุม", addresseeLine = "นายอำเภอเมืองอุตรดิตถ์", body = new[] { "จึงเรียนมาเพื่อโปรดเข้าร่วมประชุม" }, to = new[] { "dist-5301" },
            })).JsonAsync(HttpStatusCode.Created);
            return (await vice.PostAsJsonAsync($"/api/letters/outgoing/{draft.GetProperty("letterId").GetString()}/sign", new { })).StatusCode;
        }

        Assert.Equal(HttpStatusCode.Forbidden, await SignNewDraftAsync());
        var granted = await (await admin.PostAsJsonAsync("/api/admin/delegations", new
        {
            deputyUserId = "uttaradit.vice", kind = "ActingFor", validFrom = DateTimeOffset.UtcNow.AddMinutes(-1), validUntil = DateTimeOffset.UtcNow.AddDays(7),
        })).JsonAsync();
        Assert.Equal(HttpStatusCode.NoContent, await SignNewDraftAsync());
        await admin.PostAsJsonAsync($"/api/admin/delegations/{granted.GetProperty("delegationId").GetString()}/revoke", new { });
        Assert.Equal(HttpStatusCode.Forbidden, await SignNewDraftAsync());
    }

    [Fact]
    public async Task the_admin_sees_each_books_next_number_move_as_the_clerk_registers_and_no_one_else_sees_it()
    {
        await using var server = await Server.StartAsync();
        using var admin = await server.SignInAsync("uttaradit.admin");
        using var clerk = await server.SignInAsync("uttaradit.clerk");
        async Task<int> NextAsync(string series) => (await (await admin.GetAsync("/api/admin/numbers")).JsonAsync()).EnumerateArray()
            .Single(b => b.GetProperty("series").GetString() == series).GetProperty("next").GetInt32();
        var before = await NextAsync("Incoming");
        var registered = await (await clerk.PostAsJsonAsync("/api/letters/paper", new
        {
            senderName = "สำนักงานส่งเสริมการปกครองท้องถิ่นจังหวัดอุตรดิตถ์", documentNumber = "ที่ อต ๐๐๒๓.๓/๑๒", date = DateTime.UtcNow.ToString("yyyy-MM-dd"),
            subject = "รายงานผลการประเมินตนเอง",
        })).JsonAsync();
        Assert.Equal(before, registered.GetProperty("receiveNumber").GetInt32());
        Assert.Equal(before + 1, await NextAsync("Incoming"));
        var page = await admin.GetStringAsync("/admin");
        Assert.Contains("เลขทะเบียนถัดไป", page);
        Assert.Contains("ทะเบียนหนังสือรับ", page);
        Assert.Contains("จังหวัดอุตรดิตถ์ ๕๓๐๐๐", page); // the office's address with its postcode in Thai digits, as its letters print it
        Assert.Equal(HttpStatusCode.Forbidden, (await clerk.GetAsync("/api/admin/numbers")).StatusCode);
    }

    [Fact]
    public async Task only_the_admin_of_the_office_manages_it_and_a_new_user_signs_in_with_the_password_given()
    {
        await using var server = await Server.StartAsync();
        using var admin = await server.SignInAsync("uttaradit.admin");
        using var clerk = await server.SignInAsync("uttaradit.clerk");
        using var otherAdmin = await server.SignInAsync("pmo.admin");

        Assert.Equal(HttpStatusCode.Forbidden, (await clerk.GetAsync("/api/admin/users")).StatusCode);
        var created = await admin.PostAsJsonAsync("/api/admin/users", new
        {
            userId = "uttaradit.clerk2", fullName = "นางสาวใหม่ ลงรับ", position = "เจ้าพนักงานธุรการ", roles = new[] { "Clerk" }, password = "first-password",
        });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var again = await admin.PostAsJsonAsync("/api/admin/users", new
        {
            userId = "uttaradit.clerk2", fullName = "ซ้ำ", position = "ซ้ำ", roles = new[] { "Clerk" }, password = "first-password",
        });
        Assert.Equal(HttpStatusCode.BadRequest, again.StatusCode);
        var otherStaff = await (await otherAdmin.GetAsync("/api/admin/users")).JsonAsync();
        Assert.DoesNotContain(otherStaff.EnumerateArray(), u => u.GetProperty("userId").GetString()!.StartsWith("uttaradit."));

        using var newcomer = server.Anonymous();
        Assert.Equal(HttpStatusCode.OK, (await newcomer.PostAsJsonAsync("/api/login", new { userId = "uttaradit.clerk2", password = "first-password" })).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await newcomer.PostAsJsonAsync("/api/me/password", new { current = "wrong", @new = "second-password" })).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await newcomer.PostAsJsonAsync("/api/me/password", new { current = "first-password", @new = "second-password" })).StatusCode);
        using var later = server.Anonymous();
        Assert.Equal(HttpStatusCode.Unauthorized, (await later.PostAsJsonAsync("/api/login", new { userId = "uttaradit.clerk2", password = "first-password" })).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await later.PostAsJsonAsync("/api/login", new { userId = "uttaradit.clerk2", password = "second-password" })).StatusCode);
    }
}
