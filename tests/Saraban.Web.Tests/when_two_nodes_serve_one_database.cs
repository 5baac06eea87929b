using System.Net;
using System.Net.Http.Json;
using Npgsql;

namespace Saraban.Web.Tests;

/// <summary>The deployment the product is built for: several web nodes on one PostgreSQL database.</summary>
public sealed class when_two_nodes_serve_one_database
{
    [Fact]
    public async Task a_sign_in_on_one_node_holds_on_the_other_and_what_one_records_the_other_shows()
    {
        var database = await Saraban.NewPostgresSchemaAsync();
        await using var first = await Server.StartAsync("--postgres", database);
        await using var second = await Server.StartAsync("--postgres", database);
        var cookies = new CookieContainer();
        using var onFirst = await first.SignInAsync("uttaradit.clerk", cookies);
        using var onSecond = second.Anonymous(cookies);

        var me = await (await onSecond.GetAsync("/api/me")).JsonAsync();
        Assert.Equal("uttaradit.clerk", me.GetProperty("userId").GetString());
        var registered = await (await onSecond.PostAsJsonAsync("/api/letters/paper", new
        {
            senderName = "สำนักงานส่งเสริมการปกครองท้องถิ่นจังหวัดอุตรดิตถ์", documentNumber = "ที่ อต ๐๐๒๓.๓/๑๒", date = DateTime.UtcNow.ToString("yyyy-MM-dd"),
            subject = "รายงานผลการประเมินตนเอง",
        })).JsonAsync();
        var register = await (await onFirst.GetAsync("/api/registers/incoming")).JsonAsync();
        Assert.Contains(register.EnumerateArray(), l => l.GetProperty("streamId").GetString() == registered.GetProperty("incomingStreamId").GetString());

        // The admin revokes the deputy's delegation on one node; the deputy, on the other, cannot sign any more.
        using var admin = await first.SignInAsync("uttaradit.admin");
        using var vice = await second.SignInAsync("uttaradit.vice");
        var draft = await (await onFirst.PostAsJsonAsync("/api/letters/outgoing", new
        {
            subject = "ขอเชิญประชุม", addresseeLine = "นายอำเภอเมืองอุตรดิตถ์", body = new[] { "จึงเรียนมาเพื่อโปรดเข้าร่วมประชุม" }, to = new[] { "dist-5301" },
        })).JsonAsync(HttpStatusCode.Created);
        var delegation = (await (await admin.GetAsync("/api/admin/users")).JsonAsync()).EnumerateArray()
            .Single(u => u.GetProperty("userId").GetString() == "uttaradit.vice").GetProperty("delegations")[0].GetProperty("id").GetString();
        Assert.Equal(HttpStatusCode.NoContent, (await admin.PostAsJsonAsync($"/api/admin/delegations/{delegation}/revoke", new { })).StatusCode);
        var refused = await vice.PostAsJsonAsync($"/api/letters/outgoing/{draft.GetProperty("letterId").GetString()}/sign", new { });
        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        Assert.Contains("revoked", await refused.Content.ReadAsStringAsync());
    }
}
