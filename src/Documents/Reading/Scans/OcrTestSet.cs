using System.Diagnostics;
using System.Text.Json;
using Saraban.Documents.Rendering;

namespace Saraban.Documents.Reading.Scans;

/// <summary>One scan of the OCR test set, read: which fields came out exact, and how long reading it took.</summary>
/// <param name="Misses">Each wrong field: what the text layer gives, then what OCR gave (JSON).</param>
public sealed record OcrResult(string Name, double Degrees, int Exact, int Fields, IReadOnlyList<string> Wrong, TimeSpan Elapsed,
    IReadOnlyList<(string Field, string Expected, string Read)>? Misses = null);

/// <summary>
/// The OCR test set: each letter rendered by our renderer, scanned (<see cref="SimulatedScan"/>: 300 dpi,
/// turned, grain and dust), read back through <see cref="LetterReader"/> as the clerk's upload is. A field is
/// exact when it is what the reader takes from the same PDF's text layer, so the figure is what OCR loses,
/// not what the reader cannot find in any letter. Fields: every field of <see cref="LetterFields"/> but the
/// kind and the body, which the reader does not give from text.
/// </summary>
public static class OcrTestSet
{
    /// <summary>The letters: the templates' examples and the shared samples, as JSON files.</summary>
    public static IReadOnlyList<string> Letters(string repositoryRoot, string? samples = null)
    {
        var list = Directory.GetFiles(Path.Combine(repositoryRoot, "letter-templates", "examples"), "*.json").Order(StringComparer.Ordinal).ToList();
        samples ??= Path.Combine(repositoryRoot, "..", "shared", "samples");
        if (Directory.Exists(samples))
        {
            list.AddRange(Directory.GetFiles(samples, "*.json").Order(StringComparer.Ordinal));
        }

        return list;
    }

    /// <summary>Renders, scans at <paramref name="degrees"/> and reads one letter.</summary>
    /// <param name="reuseText">Read the scan's text kept by an earlier run (<c>NAME±D.ocr.txt</c> in the folder) instead of OCR: for working on the reader.</param>
    public static OcrResult Run(LetterRenderer renderer, string letterJson, double degrees, int seed, string folder, LetterSourceOptions? options = null,
        bool reuseText = false)
    {
        options ??= new LetterSourceOptions();
        var name = Path.GetFileNameWithoutExtension(letterJson);
        var pdf = Path.Combine(folder, $"{name}.pdf");
        var png = Path.Combine(folder, $"{name}{degrees:+0.0;-0.0}.png");
        var kept = Path.ChangeExtension(png, ".ocr.txt");
        renderer.RenderToFile(LetterDocument.Load(letterJson), pdf);
        var typed = LetterReader.ReadFile(pdf, options).Letters[0].Fields;
        if (!(reuseText && File.Exists(kept))) SimulatedScan.Make(pdf, png, degrees, seed, options);
        var watch = Stopwatch.StartNew();
        LetterFields? scanned = null;
        try
        {
            string text;
            if (reuseText && File.Exists(kept))
            {
                text = File.ReadAllText(kept);
            }
            else
            {
                text = LetterSource.ReadText(png, options);
                File.WriteAllText(kept, text);
            }

            scanned = LetterReader.Read(text).Letters[0].Fields;
        }
        catch (LetterReadingException)
        {
            // OCR gave text the reader took for no letter: every field of it is lost.
        }

        watch.Stop();
        var misses = Misses(typed, scanned);
        return new OcrResult(name, degrees, Scored.Length - misses.Count, Scored.Length, misses.Select(m => m.Field).ToList(), watch.Elapsed, misses);
    }

    /// <summary>The fields that differ, with both values (JSON); every field when nothing was read.</summary>
    public static IReadOnlyList<(string Field, string Expected, string Read)> Misses(LetterFields expected, LetterFields? read)
    {
        var a = JsonSerializer.SerializeToElement(expected, LetterJson.Options);
        JsonElement? b = read is null ? null : JsonSerializer.SerializeToElement(read, LetterJson.Options);
        return Scored.Select(f => (Field: f, Expected: a.GetProperty(f).GetRawText(), Read: b?.GetProperty(f).GetRawText() ?? "(no letter read)"))
            .Where(m => m.Expected != m.Read).ToList();
    }

    private static readonly string[] Scored =
        ["urgency", "secrecy", "documentNumber", "date", "subject", "addressee", "references", "enclosures", "enclosedLetters",
         "sender", "signer", "deadline", "receiveStamps", "owningUnit"];

    /// <summary>The fields that differ, by their JSON names.</summary>
    public static IReadOnlyList<string> Compare(LetterFields expected, LetterFields read)
    {
        var a = JsonSerializer.SerializeToElement(expected, LetterJson.Options);
        var b = JsonSerializer.SerializeToElement(read, LetterJson.Options);
        return Scored.Where(f => a.GetProperty(f).GetRawText() != b.GetProperty(f).GetRawText()).ToList();
    }
}
