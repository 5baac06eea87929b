using Saraban.Workflow.Files;
using Saraban.Workflow.Letters;

namespace Saraban.Workflow.Tests.Letters;

/// <summary>The decision on a paper letter's scan (<see cref="PaperScans"/>): kept once, on a registered paper letter, never unsealed for a secret one.</summary>
public sealed class when_a_paper_letter_keeps_its_scan
{
    private static readonly Enclosure Original = new(new string('a', 64), 10, "image/png", "scan.png", "ภาพสแกนต้นฉบับ");
    private static readonly Enclosure Stamped = new(new string('b', 64), 20, "application/pdf", "scan-ตรารับ.pdf", "สำเนาประทับตรารับ");

    private static IncomingLetter Arrived(ArrivalChannel channel) => IncomingLetter.Empty.Apply(new LetterArrived("prov-53", channel, null, null, "จังหวัดแพร่",
        "ที่ พร ๐๐๒๓.๓/ว ๑", new DateOnly(2026, 11, 30),
        new LetterContent(LetterKind.ExternalLetter, Urgency.None, Secrecy.None, "ขอเชิญประชุม", "ผู้ว่าราชการจังหวัดอุตรดิตถ์", [], [], [], [], "", ""),
        null, null, null, []));

    private static IncomingLetter Registered(ArrivalChannel channel) =>
        Arrived(channel).Apply(new LetterRegistered(7, DateTimeOffset.UtcNow, DateTimeOffset.UtcNow, "clerk"));

    [Fact]
    public void a_registered_paper_letter_keeps_both_files_once()
    {
        var kept = PaperScans.DecideKeep(Registered(ArrivalChannel.Paper), Original, Stamped, "clerk");
        var state = Registered(ArrivalChannel.Paper).Apply(kept);

        Assert.Equal(Original, state.Scan!.Original);
        Assert.Equal(Stamped, state.Scan.Stamped);
        Assert.Contains("มีภาพสแกนแล้ว", Assert.Throws<DomainException>(() => PaperScans.DecideKeep(state, Original, Stamped, "clerk")).Message);
    }

    [Fact]
    public void a_letter_not_registered_or_not_on_paper_keeps_none()
    {
        Assert.Contains("ลงทะเบียนรับก่อน", Assert.Throws<DomainException>(() => PaperScans.DecideKeep(Arrived(ArrivalChannel.Paper), Original, Stamped, "clerk")).Message);
        Assert.Contains("เฉพาะหนังสือที่มาทางกระดาษ", Assert.Throws<DomainException>(() => PaperScans.DecideKeep(Registered(ArrivalChannel.Electronic), Original, Stamped, "clerk")).Message);
        Assert.Contains("ไม่พบหนังสือ", Assert.Throws<DomainException>(() => PaperScans.DecideKeep(IncomingLetter.Empty, Original, Stamped, "clerk")).Message);
    }

    [Theory]
    [InlineData(Secrecy.Confidential)]
    [InlineData(Secrecy.Secret)]
    [InlineData(Secrecy.TopSecret)]
    public void a_secret_letter_s_scan_is_refused_rather_than_kept_unsealed(Secrecy secrecy)
    {
        Assert.Contains("หนังสือลับ", Assert.Throws<DomainException>(() => PaperScans.CheckScannable(secrecy)).Message);
        PaperScans.CheckScannable(Secrecy.None);
    }
}
