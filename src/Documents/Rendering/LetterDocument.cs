using System.Text.Json;
using Saraban.Documents.Reading;

namespace Saraban.Documents.Rendering;

/// <summary>
/// A letter to render: the fields the intake reader produces (<see cref="LetterFields"/>, the
/// shape of <c>shared/samples/*.json</c>) and the little more that only printing needs.
/// </summary>
/// <remarks>
/// Its JSON is one flat object: every <see cref="LetterFields"/> property plus
/// <c>senderAddress</c> and <c>closing</c>. A letter read in can therefore be rendered, and a
/// rendered letter read back gives the same fields.
/// </remarks>
public sealed record LetterDocument(LetterFields Fields, string? SenderAddress = null, string? Closing = null)
{
    /// <summary>The template kind: the letter's own, else a circular when its number carries ว, else an external letter.</summary>
    public string TemplateKind => Fields.Kind ?? (Fields.DocumentNumber?.Circular == true ? "Circular" : "ExternalLetter");

    /// <summary>Reads a letter's JSON.</summary>
    /// <exception cref="RenderingException">Not JSON, or not a letter's shape; the message gives the line.</exception>
    public static LetterDocument Parse(string json, string source = "letter")
    {
        try
        {
            var fields = JsonSerializer.Deserialize<LetterFields>(json, LetterJson.Options);
            var extras = JsonSerializer.Deserialize<Extras>(json, LetterJson.Options);
            if (fields is null || extras is null)
            {
                throw new JsonException("null instead of a letter object");
            }

            return new LetterDocument(fields, extras.SenderAddress, extras.Closing);
        }
        catch (JsonException ex)
        {
            var line = (ex.LineNumber ?? 0) + 1;
            var why = ex.Message.Split(" Path:", 2)[0];
            throw new RenderingException(RenderingProblem.BadLetterJson,
                $"{source} บรรทัด {line}: ไม่ใช่ข้อมูลหนังสือในรูปแบบ JSON ที่ถูกต้อง", $"{source}:{line}: not a letter's JSON: {why}", ex);
        }
    }

    /// <summary>Reads a letter's JSON file.</summary>
    public static LetterDocument Load(string path)
    {
        string json;
        try
        {
            json = File.ReadAllText(path);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new RenderingException(RenderingProblem.BadLetterJson, $"อ่านแฟ้ม {path} ไม่ได้", $"cannot read {path}: {ex.Message}", ex);
        }

        return Parse(json, path);
    }

    /// <summary>The flat JSON of this letter, the shape <see cref="Parse"/> reads.</summary>
    public string ToJson(bool indented = true)
    {
        var node = JsonSerializer.SerializeToNode(Fields, indented ? LetterJson.Indented : LetterJson.Options)!.AsObject();
        node["senderAddress"] = SenderAddress;
        node["closing"] = Closing;
        return node.ToJsonString(indented ? LetterJson.Indented : LetterJson.Options);
    }

    /// <summary>
    /// <see cref="ToJson"/> (not indented) as UTF-8, the bytes the verification hash covers,
    /// written without building a JSON tree first: the fields' object with the two extras
    /// spliced in before its closing brace, the same bytes in the same order.
    /// </summary>
    internal byte[] CanonicalUtf8()
    {
        var fields = JsonSerializer.SerializeToUtf8Bytes(Fields, LetterJson.Options);
        var address = JsonSerializer.SerializeToUtf8Bytes(SenderAddress, LetterJson.Options);
        var closing = JsonSerializer.SerializeToUtf8Bytes(Closing, LetterJson.Options);
        var tail = fields.Length > 2 ? ",\"senderAddress\":"u8 : "\"senderAddress\":"u8;
        var result = new byte[fields.Length - 1 + tail.Length + address.Length + ",\"closing\":"u8.Length + closing.Length + 1];
        var at = 0;
        Append(fields.AsSpan(0, fields.Length - 1));
        Append(tail);
        Append(address);
        Append(",\"closing\":"u8);
        Append(closing);
        Append("}"u8);
        return result;

        void Append(ReadOnlySpan<byte> bytes)
        {
            bytes.CopyTo(result.AsSpan(at));
            at += bytes.Length;
        }
    }

    private sealed record Extras(string? SenderAddress, string? Closing);
}
