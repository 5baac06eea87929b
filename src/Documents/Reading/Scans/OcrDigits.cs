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
        for (var i = 0; i < tokens.Length; i++) tokens[i] = RepairToken(tokens[i]);
        return string.Join(' ', tokens);
    }

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
