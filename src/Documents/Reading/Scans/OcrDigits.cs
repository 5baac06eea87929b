using System.Text;

namespace Saraban.Documents.Reading.Scans;

/// <summary>
/// Thai digits tesseract read as the Thai letters or signs they resemble in TH Sarabun's shapes (ส for ๓,
/// ฒ for ๒, ซ and ฆ for ๗, ด for ๕, © for ๑, « for ๙), where the shape reader could not cut the run apart
/// (a number with its dot and slash, ๐๐๒๓.ส/๑๓๖๗). Only inside a token that is a number already: two real
/// digits at least, nothing but digits, the dot, the slash and ว after it, and at most two such letters;
/// a word is never touched.
/// </summary>
internal static class OcrDigits
{
    private static readonly Dictionary<char, char> LookAlikes = new()
    {
        ['ส'] = '๓', ['ต'] = '๓', ['ฅ'] = '๓', ['ฒ'] = '๒', ['ซ'] = '๗', ['ฆ'] = '๗', ['ด'] = '๕',
        ['©'] = '๑', ['«'] = '๙', ['o'] = '๐', ['O'] = '๐',
    };

    public static string Repair(string line)
    {
        var tokens = line.Split(' ');
        for (var i = 0; i < tokens.Length; i++)
        {
            tokens[i] = RepairToken(Unspecked(tokens[i]));
            // ที่ ชูม ๐๐๒๓…: the ministry's or province's code with a mark OCR put on it (the code is letters alone).
            if (i >= 2 && tokens[i - 2] is "ที่" or "ที" && tokens[i].Length > 0 && tokens[i][0] is >= '๐' and <= '๙') tokens[i - 1] = Code(tokens[i - 1]);
        }

        return string.Join(' ', tokens);
    }

    /// <summary>A speck after a number read as a sign (๒๑๔๙!): no number ends with one.</summary>
    private static string Unspecked(string token) =>
        token.Length > 1 && token[^1] is '!' or '|' or '\'' or '`' or '"' && token[^2] is >= '๐' and <= '๙' ? token[..^1] : token;

    private static readonly Lazy<HashSet<string>> Codes = new(() =>
        Saraban.Workflow.Directory.DirectoryCsv.LoadShipped().Select(o => o.LetterPrefix.Split(' ')[0]).Where(c => c.Length is 2 or 3).ToHashSet(StringComparer.Ordinal));

    /// <summary>The code with the marks above and below taken off when that makes it one of the directory's codes (ชูม → ชม).</summary>
    internal static string Code(string token)
    {
        if (token.Length is < 2 or > 5 || Codes.Value.Contains(token)) return token;
        var bare = string.Concat(token.Where(c => c is not ('\u0E31' or (>= '\u0E34' and <= '\u0E3A') or (>= '\u0E47' and <= '\u0E4E'))));
        if (bare.Length is not (2 or 3)) return token;
        if (Codes.Value.Contains(bare)) return bare;
        // One letter read as its twin (ซม for ชม): the directory's code when it is the only one so near.
        var near = Codes.Value.Where(c => c.Length == bare.Length && Enumerable.Range(0, c.Length).Count(i => c[i] != bare[i]) == 1
            && Enumerable.Range(0, c.Length).All(i => c[i] == bare[i] || Twins.Contains((c[i], bare[i])) || Twins.Contains((bare[i], c[i])))).Take(2).ToList();
        return near.Count == 1 ? near[0] : token;
    }

    /// <summary>Thai letters that differ by a tail or a notch OCR loses at this size.</summary>
    private static readonly HashSet<(char, char)> Twins =
        [('ซ', 'ช'), ('ฃ', 'ข'), ('ฅ', 'ค'), ('ด', 'ต'), ('บ', 'ป'), ('พ', 'ฟ'), ('ผ', 'ฝ'), ('ถ', 'ภ'), ('ฎ', 'ฏ'), ('ฑ', 'ท'), ('ศ', 'ค'), ('ฒ', 'ฆ')];

    internal static string RepairToken(string token)
    {
        int digits = 0, alike = 0;
        for (var i = 0; i < token.Length; i++)
        {
            var c = token[i];
            if (c is >= '๐' and <= '๙') digits++;
            else if (LookAlikes.ContainsKey(c)) alike++;
            else if (c is '.' or '/' || (c == 'ว' && i > 0 && token[i - 1] == '/')) continue;
            else return token;
        }

        if (alike == 0 || alike > 2 || digits < 2 - (token.Length <= 3 ? 1 : 0)) return token;
        var repaired = new StringBuilder(token.Length);
        for (var i = 0; i < token.Length; i++)
        {
            var c = token[i];
            repaired.Append(c == 'ว' && i > 0 && token[i - 1] == '/' ? c : LookAlikes.GetValueOrDefault(c, c));
        }

        return repaired.ToString();
    }
}
