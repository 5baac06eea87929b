using System.Text;
using Npgsql;
using Saraban.Workflow.EventStore.Sqlite;
using Saraban.Workflow.Files;
using Saraban.Workflow.Letters;
using Saraban.Workflow.Secrets;
using Saraban.Workflow.Tests.EventStore;
using Saraban.Workflow.Tests.Files;
using Saraban.Workflow.Tests.Letters;

namespace Saraban.Workflow.Tests.Secrets;

/// <summary>
/// ลับ and ลับมาก letters at rest: whoever holds the database files (a dump, a stolen disk) finds
/// neither their subject, their text nor their files; their readers read them as written.
/// </summary>
public abstract class when_a_secret_letter_is_dumped(Backend backend)
{
    private const string Subject = "แผนการตรวจค้นยาเสพติดอำเภอเมืองรหัสนกอินทรี";
    private const string Body = "กำหนดเข้าตรวจค้นพร้อมกันในวันที่ยังไม่เปิดเผยรหัสเหยี่ยวดำ";
    private static readonly byte[] Enclosed = SampleFiles.Pdf("NIGHTHAWK-TARGET-LIST");

    private static LetterContent Secret() => Offices.Circular(Subject) with { Kind = LetterKind.ExternalLetter, Secrecy = Secrecy.Secret, Body = [Body], AddresseeLine = "นายอำเภอเมืองอุตรดิตถ์" };

    /// <summary>Sends a ลับมาก letter with a file from the province to the district, and registers a ลับ paper letter there.</summary>
    private static async Task<(string Letter, string Incoming, string Paper)> SendAsync(Offices offices)
    {
        var files = offices.Files();
        var id = await offices.Letters.DraftAsync("uttaradit.clerk", "prov-53", Secret(), ["dist-5301"]);
        await files.AttachAsync("uttaradit.clerk", id, new MemoryStream(Enclosed), "targets.pdf", "บัญชีเป้าหมาย");
        await offices.Letters.SignAsync("uttaradit.governor", id);
        await offices.Letters.DispatchAsync("uttaradit.clerk", id);
        await offices.Delivery().CatchUpAsync();
        var today = Saraban.Workflow.Thai.BangkokTime.DateOf(offices.Clock.GetUtcNow());
        var (paper, _) = await offices.Letters.RegisterPaperAsync("muang.clerk", "dist-5301",
            new PaperLetter("ตำรวจภูธรจังหวัดอุตรดิตถ์", "ที่ ตช ๐๐๑๗/๑", today, Secret() with { Secrecy = Secrecy.Confidential }), offices.Clock.GetUtcNow());
        await offices.ViewsAsync();
        return (id, IncomingLetter.StreamId("dist-5301", id), paper);
    }

    [Fact]
    public async Task its_readers_read_it_and_the_raw_database_holds_none_of_it()
    {
        await using var offices = await Offices.OpenAsync(backend);
        var (letter, incoming, paper) = await SendAsync(offices);

        var read = await offices.Letters.ReadIncomingAsync("muang.chief", incoming);
        Assert.Equal((Subject, Body), (read.Arrival!.Content.Subject, read.Arrival.Content.Body.Single()));
        Assert.Equal(Subject, (await offices.Letters.ReadOutgoingAsync("uttaradit.governor", letter)).Content!.Subject);
        Assert.Equal(Subject, (await offices.Letters.ReadIncomingAsync("muang.clerk", paper)).Arrival!.Content.Subject);
        Assert.Equal(Enclosed, await (await offices.Files().OpenIncomingAsync("muang.clerk", incoming, 1)).Content.ReadAllAsync());
        var register = await (await offices.ViewsAsync()).Registers.IncomingAsync("dist-5301", new Registers.RegisterQuery());
        Assert.All(register, l => Assert.Equal(LetterSecrets.Placeholder, l.Subject));

        foreach (var secret in new[] { Subject, Body, "NIGHTHAWK-TARGET-LIST", "เหยี่ยวดำ" })
            Assert.Empty(await RawStorage.FindAsync(offices, secret));
    }

    [Fact]
    public async Task a_rotated_master_key_opens_every_letter_and_the_old_one_can_go()
    {
        await using var offices = await Offices.OpenAsync(backend);
        var (letter, incoming, paper) = await SendAsync(offices);
        var oldKeys = offices.Secrets.Keys;
        var fresh = System.Security.Cryptography.RandomNumberGenerator.GetBytes(32);

        var rotating = new LetterSecrets(offices.Store, offices.Types, MasterKeys.Of([fresh, .. oldKeys.Keys.Select(k => k.Bytes)]));
        Assert.Equal(2, await rotating.RotateAsync()); // the letter's key and the paper letter's
        Assert.Equal(0, await rotating.RotateAsync());

        var onlyNew = new LetterSecrets(offices.Store, offices.Types, MasterKeys.Of(fresh));
        var content = (await offices.Letters.LoadIncomingAsync(incoming, default)).State.Arrival!.Content;
        Assert.Equal(Subject, (await onlyNew.OpenAsync(content)).Subject);
        var paperContent = (await offices.Letters.LoadIncomingAsync(paper, default)).State.Arrival!.Content;
        Assert.Equal(Body, (await onlyNew.OpenAsync(paperContent)).Body.Single());
        var stranger = new LetterSecrets(offices.Store, offices.Types, MasterKeys.Of(System.Security.Cryptography.RandomNumberGenerator.GetBytes(32)));
        await Assert.ThrowsAsync<DomainException>(() => stranger.OpenAsync(content));
    }

    [Fact]
    public async Task a_top_secret_letter_is_registered_without_its_content_and_never_drafted()
    {
        await using var offices = await Offices.OpenAsync(backend);
        var today = Saraban.Workflow.Thai.BangkokTime.DateOf(offices.Clock.GetUtcNow());
        var bare = Secret() with { Secrecy = Secrecy.TopSecret, Subject = "", Body = [] };

        var (stream, number) = await offices.Letters.RegisterPaperAsync("muang.clerk", "dist-5301",
            new PaperLetter("กองทัพภาคที่ ๓", "ที่ กห ๐๓๐๑/๑", today, bare), offices.Clock.GetUtcNow());

        Assert.Equal(Correspondence.TopSecretSubject, (await offices.Letters.ReadIncomingAsync("muang.clerk", stream)).Arrival!.Content.Subject);
        Assert.Equal(1, number);
        var head = await offices.Store.HeadPositionAsync();
        await Assert.ThrowsAsync<DomainException>(() => offices.Letters.RegisterPaperAsync("muang.clerk", "dist-5301",
            new PaperLetter("กองทัพภาคที่ ๓", "ที่ กห ๐๓๐๑/๒", today, bare with { Subject = Subject }), offices.Clock.GetUtcNow()));
        await Assert.ThrowsAsync<DomainException>(() => offices.Letters.DraftAsync("uttaradit.clerk", "prov-53", Secret() with { Secrecy = Secrecy.TopSecret }, ["dist-5301"]));
        Assert.Equal(head, await offices.Store.HeadPositionAsync());
    }
}

public sealed class when_a_secret_letter_is_dumped_on_sqlite() : when_a_secret_letter_is_dumped(new SqliteBackend());
public sealed class when_a_secret_letter_is_dumped_on_postgres() : when_a_secret_letter_is_dumped(new PostgresBackend());
