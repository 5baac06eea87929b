using System.Net;
using System.Net.Http.Json;

namespace Saraban.Web.Tests;

/// <summary>
/// The lock-out counts wrong passwords per account wherever they are tried: spread over two nodes
/// of one database they still lock the account on both, and a restarted node keeps the lock.
/// </summary>
public sealed class when_a_password_is_guessed_on_several_nodes
{
    [Fact]
    public async Task on_postgresql_five_wrong_passwords_over_two_nodes_lock_the_account_on_both_and_after_a_restart() =>
        await GuessAsync("--postgres", await Saraban.NewPostgresSchemaAsync());

    [Fact]
    public async Task on_sqlite_two_processes_on_one_file_share_the_count_too() =>
        await GuessAsync("--db", Saraban.TempDb());

    private static async Task GuessAsync(params string[] store)
    {
        await using (var first = await Server.StartAsync(store))
        await using (var second = await Server.StartAsync(store))
        {
            using var onFirst = first.Anonymous();
            using var onSecond = second.Anonymous();
            for (var i = 0; i < 5; i++)
            {
                var wrong = await (i % 2 == 0 ? onFirst : onSecond).PostAsJsonAsync("/api/login", new { userId = "muang.clerk", password = $"guess-{i}" });
                Assert.Equal(HttpStatusCode.Unauthorized, wrong.StatusCode);
            }
            foreach (var node in new[] { onFirst, onSecond })
            {
                var locked = await node.PostAsJsonAsync("/api/login", new { userId = "MUANG.clerk ", password = "saraban-demo" });
                Assert.Equal(HttpStatusCode.TooManyRequests, locked.StatusCode);
                Assert.True(locked.Headers.RetryAfter?.Delta > TimeSpan.FromMinutes(14));
            }
            // Four wrong passwords of another account lock nothing, and its right one clears the count.
            for (var i = 0; i < 4; i++)
                Assert.Equal(HttpStatusCode.Unauthorized, (await (i % 2 == 0 ? onFirst : onSecond).PostAsJsonAsync("/api/login", new { userId = "muang.chief", password = "nope" })).StatusCode);
            Assert.Equal(HttpStatusCode.OK, (await onSecond.PostAsJsonAsync("/api/login", new { userId = "muang.chief", password = "saraban-demo" })).StatusCode);
            Assert.Equal(HttpStatusCode.Unauthorized, (await onFirst.PostAsJsonAsync("/api/login", new { userId = "muang.chief", password = "nope" })).StatusCode);
            Assert.Equal(HttpStatusCode.OK, (await onFirst.PostAsJsonAsync("/api/login", new { userId = "muang.chief", password = "saraban-demo" })).StatusCode);
        }
        await using var restarted = await Server.StartAsync(store);
        using var again = restarted.Anonymous();
        Assert.Equal(HttpStatusCode.TooManyRequests, (await again.PostAsJsonAsync("/api/login", new { userId = "muang.clerk", password = "saraban-demo" })).StatusCode);
    }
}
