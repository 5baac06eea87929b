using Saraban.Workflow.Files;
using Saraban.Workflow.Tests.EventStore;
using Saraban.Workflow.Tests.Letters;

namespace Saraban.Workflow.Tests.Files;

public abstract class when_files_are_verified_and_swept(Backend backend)
{
    [Fact]
    public async Task verify_finds_a_swapped_file_and_names_its_letter()
    {
        await using var offices = await Offices.OpenAsync(backend);
        var files = offices.Files();
        var id = await offices.Letters.DraftAsync("uttaradit.clerk", "prov-53", Offices.Circular(), ["dist-5301"]);
        var (_, _, file) = await files.AttachAsync("uttaradit.clerk", id, new MemoryStream(SampleFiles.Pdf()), "a.pdf", "");
        Assert.True((await FileCheck.RunAsync(offices.Store, offices.Types, offices.Store())).Holds);

        await offices.TamperAsync(backend, file.Sha256);

        var report = await FileCheck.RunAsync(offices.Store, offices.Types, offices.Store());
        var problem = Assert.Single(report.Problems);
        Assert.Equal(("out-" + id, 1, "a.pdf"), (problem.StreamId, problem.Number, problem.FileName));
        Assert.Contains("changed", problem.What);
    }

    [Fact]
    public async Task an_abandoned_drafts_files_are_cleared_and_a_sent_letters_kept()
    {
        var clock = new MovableClock(DateTimeOffset.UtcNow);
        await using var offices = await Offices.OpenAsync(backend, clock);
        var files = offices.Files();
        var abandoned = await offices.Letters.DraftAsync("uttaradit.clerk", "prov-53", Offices.Circular(), ["dist-5301"]);
        await files.AttachAsync("uttaradit.clerk", abandoned, new MemoryStream(SampleFiles.Pdf("draft only")), "a.pdf", "");
        var sent = await offices.Letters.DraftAsync("uttaradit.clerk", "prov-53", Offices.Circular(), ["dist-5301"]);
        await files.AttachAsync("uttaradit.clerk", sent, new MemoryStream(SampleFiles.Png()), "b.png", "");
        await offices.Letters.SignAsync("uttaradit.governor", sent);
        await offices.Letters.DispatchAsync("uttaradit.clerk", sent);
        var removed = await offices.Letters.DraftAsync("uttaradit.clerk", "prov-53", Offices.Circular(), ["dist-5301"]);
        await files.AttachAsync("uttaradit.clerk", removed, new MemoryStream(SampleFiles.Xlsx()), "c.xlsx", "");
        await files.RemoveAsync("uttaradit.clerk", removed, 1);

        // A fresh unreferenced upload (its event still to come) is within the grace.
        var early = await new FileSweep(offices.Store, offices.Types, offices.Store(), clock).RunAsync();
        Assert.Equal(new FileSweep.Result(0, 0, 3), early);

        clock.Advance(TimeSpan.FromDays(31));
        var result = await new FileSweep(offices.Store, offices.Types, offices.Store(), clock).RunAsync();

        Assert.Equal(new FileSweep.Result(DraftsDiscarded: 1, FilesDeleted: 2, FilesKept: 1), result);
        Assert.Single(await offices.StoredAsync());
        Assert.True((await FileCheck.RunAsync(offices.Store, offices.Types, offices.Store())).Holds);
        await Assert.ThrowsAsync<DomainException>(() => offices.Letters.SignAsync("uttaradit.governor", abandoned));
        Assert.Equal(SampleFiles.Png(), await (await files.OpenOutgoingAsync("uttaradit.clerk", sent, 1)).Content.ReadAllAsync());
    }
}

public sealed class when_files_are_verified_and_swept_on_sqlite() : when_files_are_verified_and_swept(new SqliteBackend());
public sealed class when_files_are_verified_and_swept_on_postgres() : when_files_are_verified_and_swept(new PostgresBackend());
