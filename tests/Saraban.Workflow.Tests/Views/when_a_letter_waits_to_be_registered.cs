using Saraban.Workflow.Registers;
using Saraban.Workflow.Tests.EventStore;
using Saraban.Workflow.Tests.Letters;

namespace Saraban.Workflow.Tests.Views;

/// <summary>The inbox lists the letters waiting to be registered (รอลงทะเบียนรับ) by their own index, not by sifting the newest lines.</summary>
public abstract class when_a_letter_waits_to_be_registered(Backend backend)
{
    [Fact]
    public async Task it_is_listed_however_many_letters_came_and_were_registered_after_it()
    {
        await using var offices = await Offices.OpenAsync(backend);
        var forgotten = await offices.SendAsync("pmo.clerk", "pmo.head", "pmo-ops", ["prov-53"], Offices.Circular("หนังสือที่ยังไม่ได้ลงรับ"));
        var later = new List<string>();
        for (int i = 0; i < 205; i++)
        {
            var id = await offices.Letters.DraftAsync("pmo.clerk", "pmo-ops", Offices.Circular($"หนังสือฉบับที่ {i}"), ["prov-53"], new DateOnly(2024, 5, 13));
            await offices.Letters.SignAsync("pmo.head", id);
            await offices.Letters.DispatchAsync("pmo.clerk", id);
            later.Add(id);
        }
        await offices.Delivery().CatchUpAsync();
        foreach (var id in later) await offices.Letters.RegisterAsync("uttaradit.clerk", $"in-prov-53-{id}", offices.Clock.GetUtcNow());
        var registers = (await offices.ViewsAsync()).Registers;

        Assert.DoesNotContain(await registers.IncomingAsync("prov-53"), e => e.StreamId == $"in-prov-53-{forgotten}"); // behind the newest 200
        var waiting = await registers.WaitingAsync("prov-53", 300);
        Assert.Contains(waiting, e => e.StreamId == $"in-prov-53-{forgotten}" && e.Subject == "หนังสือที่ยังไม่ได้ลงรับ");
        Assert.All(waiting, e => Assert.Equal(IncomingStatus.Arrived, e.Status));
        Assert.DoesNotContain(waiting, e => later.Any(id => e.StreamId == $"in-prov-53-{id}"));
        Assert.Empty(await registers.WaitingAsync("prov-54", 300));
    }
}

public sealed class when_a_letter_waits_to_be_registered_on_sqlite() : when_a_letter_waits_to_be_registered(new SqliteBackend());
public sealed class when_a_letter_waits_to_be_registered_on_postgres() : when_a_letter_waits_to_be_registered(new PostgresBackend());
