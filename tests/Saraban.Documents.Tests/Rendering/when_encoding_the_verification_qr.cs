using System.Security.Cryptography;
using System.Text;
using QRCoder;
using Saraban.Documents.Rendering.Layout;
using Saraban.Documents.Rendering.Qr;

namespace Saraban.Documents.Tests.Rendering;

[Collection("renderer")]
public sealed class when_encoding_the_verification_qr(RendererFixture fixture)
{
    [Fact]
    public void the_code_carries_sender_prefix_number_and_a_hash_of_the_content()
    {
        var letter = Paths.Letter("circular");
        var laid = fixture.Renderer.Layout(letter);
        var parts = laid.VerificationUrl.Split('/');

        Assert.StartsWith("HTTP://127.0.0.1:5080/V/", laid.VerificationUrl);
        Assert.Equal("มท0810.4", Uri.UnescapeDataString(parts[^3]));
        Assert.Equal("W4127", parts[^2]);
        Assert.Equal(VerificationCode.ContentKey(letter), parts[^1]);
        var qr = Assert.Single(laid.Pages[0].Items.OfType<QrItem>());
        Assert.Equal(VerificationCode.Modules(laid.VerificationUrl).Length, qr.Modules.Length);
    }

    [Fact]
    public void the_key_is_the_first_128_bits_of_the_content_hash_in_base32()
    {
        var letter = Paths.Letter("circular");
        var key = VerificationCode.ContentKey(letter);

        Assert.Equal(26, key.Length);
        Assert.Equal(Convert.FromHexString(VerificationCode.ContentHash(letter)[..32]), FromBase32(key));
        Assert.Equal(SHA256.HashData(Encoding.UTF8.GetBytes(letter.ToJson(indented: false)))[..16], FromBase32(key));
    }

    [Fact]
    public void the_address_is_in_qr_alphanumeric_so_the_code_stays_small()
    {
        foreach (var kind in new[] { "circular", "external-letter", "memo", "stamped-letter" })
        {
            var url = fixture.Renderer.Layout(Paths.Letter(kind)).VerificationUrl;
            Assert.All(url, c => Assert.Contains(c, "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ $%*+-./:"));
            using var generator = new QRCodeGenerator();
            using var data = generator.CreateQrCode(url, QRCodeGenerator.ECCLevel.M);
            Assert.True(data.Version <= 4, $"{kind}: version {data.Version} for {url}");
        }
    }

    [Fact]
    public void a_lower_case_base_keeps_its_path_and_upper_cases_only_scheme_and_host()
    {
        var letter = Paths.Letter("external-letter");
        var url = VerificationCode.Url("https://Saraban.Example.go.th/verify/", letter);

        Assert.StartsWith("HTTPS://SARABAN.EXAMPLE.GO.TH/verify/%E0%B8%99%E0%B8%A30107/2149/", url);
    }

    [Fact]
    public void changing_the_signed_content_changes_the_hash()
    {
        var letter = Paths.Letter("circular");
        var altered = letter with { Fields = letter.Fields with { Body = [.. letter.Fields.Body.Take(letter.Fields.Body.Count - 1), "จึงเรียนมาเพื่อทราบ"] } };
        Assert.NotEqual(VerificationCode.ContentHash(letter), VerificationCode.ContentHash(altered));
        Assert.NotEqual(VerificationCode.ContentKey(letter), VerificationCode.ContentKey(altered));
        Assert.Equal(VerificationCode.ContentHash(letter), VerificationCode.ContentHash(Paths.Letter("circular")));
    }

    private static byte[] FromBase32(string text)
    {
        var bytes = new List<byte>();
        int buffer = 0, bits = 0;
        foreach (var c in text)
        {
            buffer = (buffer << 5) | "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567".IndexOf(c, StringComparison.Ordinal);
            bits += 5;
            if (bits >= 8)
            {
                bytes.Add((byte)(buffer >> (bits - 8)));
                bits -= 8;
            }
        }

        return [.. bytes];
    }
}

public sealed class when_hashing_a_letter
{
    [Fact]
    public void the_hashed_bytes_are_exactly_the_canonical_json()
    {
        var letters = new[] { "circular", "external-letter", "memo", "stamped-letter" }.Select(Paths.Letter).ToList();
        var odd = letters[0] with
        {
            SenderAddress = null,
            Closing = "ขอแสดง \"ความนับถือ\" \\ <b>&</b>\n\t\u0001",
            Fields = letters[0].Fields with { Subject = "เรื่อง \"อ้าง\" \u2028 ๑๒" },
        };
        foreach (var letter in letters.Append(odd))
        {
            Assert.Equal(System.Text.Encoding.UTF8.GetBytes(letter.ToJson(indented: false)), letter.CanonicalUtf8());
        }
    }
}
