using Saraban.Documents.Rendering.Layout;
using Saraban.Documents.Rendering.Qr;

namespace Saraban.Documents.Tests.Rendering;

[Collection("renderer")]
public sealed class when_encoding_the_verification_qr(RendererFixture fixture)
{
    [Fact]
    public void the_code_carries_number_sender_and_a_hash_of_the_content()
    {
        var letter = Paths.Letter("circular");
        var laid = fixture.Renderer.Layout(letter);
        Assert.StartsWith("http://127.0.0.1:5080/verify?n=ที่+มท+๐๘๑๐.๔/ว+๔๑๒๗&s=กรมส่งเสริมการปกครองท้องถิ่น&h=", laid.VerificationUrl);
        Assert.Equal(VerificationCode.ContentHash(letter)[..32], laid.VerificationUrl[^32..]);
        var qr = Assert.Single(laid.Pages[0].Items.OfType<QrItem>());
        Assert.Equal(VerificationCode.Modules(laid.VerificationUrl).Length, qr.Modules.Length);
    }

    [Fact]
    public void changing_the_signed_content_changes_the_hash()
    {
        var letter = Paths.Letter("circular");
        var altered = letter with { Fields = letter.Fields with { Body = [.. letter.Fields.Body.Take(letter.Fields.Body.Count - 1), "จึงเรียนมาเพื่อทราบ"] } };
        Assert.NotEqual(VerificationCode.ContentHash(letter), VerificationCode.ContentHash(altered));
        Assert.Equal(VerificationCode.ContentHash(letter), VerificationCode.ContentHash(Paths.Letter("circular")));
    }
}
