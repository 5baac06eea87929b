using System.Text.Json;
using System.Text.Json.Serialization;

namespace Saraban.Documents.Rendering.Templates;

/// <summary>
/// The letter templates of one folder (<c>letter-templates/</c>), one file per kind, read when the
/// program starts so an admin's edit needs no recompiling. A broken file is refused at load time
/// with its path and line, never half-used.
/// </summary>
public sealed class TemplateSet
{
    private static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web)
    {
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
        ReadCommentHandling = JsonCommentHandling.Skip,
        AllowTrailingCommas = true,
    };

    private static readonly string[] KnownKinds = ["ExternalLetter", "Circular", "Memo", "StampedLetter"];

    private static readonly string[] KnownFields =
    [
        "documentNumber", "date", "subject", "addressee", "sender", "senderAddress", "signer", "body",
        "enclosure", "reference", "bodyParagraph", "signerLine", "owningUnit",
    ];

    private readonly Dictionary<string, LetterTemplate> _byKind;

    private TemplateSet(string directory, Dictionary<string, LetterTemplate> byKind)
    {
        Directory = directory;
        _byKind = byKind;
    }

    public string Directory { get; }

    public IEnumerable<LetterTemplate> All => _byKind.Values;

    /// <summary>The template for <paramref name="kind"/>.</summary>
    /// <exception cref="RenderingException">No template of that kind.</exception>
    public LetterTemplate For(string kind) => _byKind.TryGetValue(kind, out var template)
        ? template
        : throw new RenderingException(RenderingProblem.UnknownTemplate,
            $"ไม่มีแม่แบบหนังสือชนิด '{kind}' ใน {Directory}",
            $"no letter template of kind '{kind}' in {Directory}; known: {string.Join(", ", _byKind.Keys.Order(StringComparer.Ordinal))}");

    /// <summary>Every <c>*.json</c> directly in <paramref name="directory"/> (not examples/).</summary>
    public static TemplateSet Load(string directory)
    {
        if (!System.IO.Directory.Exists(directory))
        {
            throw new RenderingException(RenderingProblem.UnknownTemplate, $"ไม่พบโฟลเดอร์แม่แบบ {directory}", $"template folder {directory} not found");
        }

        var byKind = new Dictionary<string, LetterTemplate>(StringComparer.Ordinal);
        foreach (var file in System.IO.Directory.GetFiles(directory, "*.json").Order(StringComparer.Ordinal))
        {
            var template = LoadFile(file);
            if (!byKind.TryAdd(template.Kind, template))
            {
                throw Broken(file, 1, $"a second template of kind {template.Kind} (the first is {byKind[template.Kind].Source})");
            }
        }

        return new TemplateSet(directory, byKind);
    }

    /// <summary>Reads and checks one template file.</summary>
    public static LetterTemplate LoadFile(string file)
    {
        string text;
        try
        {
            text = File.ReadAllText(file);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new RenderingException(RenderingProblem.UnknownTemplate, $"อ่านแม่แบบ {file} ไม่ได้", $"cannot read template {file}: {ex.Message}", ex);
        }

        LetterTemplate? template;
        try
        {
            template = JsonSerializer.Deserialize<LetterTemplate>(text, Options);
        }
        catch (JsonException ex)
        {
            var line = (ex.LineNumber ?? 0) + 1;
            throw Broken(file, (int)line, ex.Message.Split(" Path:", 2)[0].Split(" LineNumber:", 2)[0], ex);
        }

        if (template is null)
        {
            throw Broken(file, 1, "empty template");
        }

        Check(file, text, template);
        return template with { Source = file };
    }

    private static void Check(string file, string text, LetterTemplate t)
    {
        void Require(bool ok, string property, string why)
        {
            if (!ok)
            {
                throw Broken(file, LineOf(text, property), $"{property}: {why}");
            }
        }

        Require(KnownKinds.Contains(t.Kind), "kind", $"'{t.Kind}' is not one of {string.Join(", ", KnownKinds)}");
        Require(t.Header is "letterhead" or "memo", "header", $"'{t.Header}' is neither letterhead nor memo");
        Require(t.Emblem.Height is > 0 and <= 6, "emblem", "height must be over 0 and at most 6 cm");
        Require(t.Emblem.Align is "center" or "left", "emblem", "align must be center or left");
        Require(t.BodySize is >= 8 and <= 30, "bodySize", "must be 8 to 30 pt");
        Require(t.Page.Width > t.Page.Left + t.Page.Right + 5 && t.Page.Height > t.Page.Top + t.Page.Bottom + 10, "page", "margins leave no room");
        Require(t.MaxPages is >= 1 and <= 1000, "maxPages", "must be 1 to 1000");
        foreach (var field in t.Required.Concat(t.Limits.Keys))
        {
            Require(KnownFields.Contains(field), field, $"unknown field; known: {string.Join(", ", KnownFields)}");
        }

        foreach (var (field, limit) in t.Limits)
        {
            Require(limit > 0, field, "a limit must be positive");
        }
    }

    // System.Text.Json reports lines only for syntax errors; for a value that parses but is wrong,
    // the line of the property's name is what the admin needs.
    private static int LineOf(string text, string property)
    {
        var at = text.IndexOf($"\"{property}\"", StringComparison.Ordinal);
        return at < 0 ? 1 : text.AsSpan(0, at).Count('\n') + 1;
    }

    private static RenderingException Broken(string file, int line, string why, Exception? inner = null) =>
        new(RenderingProblem.BrokenTemplate, $"แม่แบบ {file} บรรทัด {line} ผิดรูปแบบ: {why}", $"broken template {file}:{line}: {why}", inner);
}
