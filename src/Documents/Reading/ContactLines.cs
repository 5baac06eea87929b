using System.Text.RegularExpressions;

namespace Saraban.Documents.Reading;

/// <summary>The contact lines at the foot of a letter: telephone, fax, e-mail, contact person.</summary>
internal static partial class ContactLines
{
    public static bool IsContact(string flat) => Label().Match(flat) is { Success: true, Index: 0 } || IsCoordinator(flat);

    public static bool IsCoordinator(string flat) => flat.StartsWith("ผู้ประสานงาน", StringComparison.Ordinal);

    /// <summary>Where the first contact label stands in the text, or -1.</summary>
    public static int FirstLabel(string flat) => Label().Match(flat) is { Success: true } m ? m.Index : -1;

    /// <summary>Reads labelled values into the unit's contacts; a value already read is kept.</summary>
    public static void Read(string flat, ref string? telephone, ref string? fax, ref string? email)
    {
        var labels = Label().Matches(flat);
        for (var i = 0; i < labels.Count; i++)
        {
            var end = i + 1 < labels.Count ? labels[i + 1].Index : flat.Length;
            var value = Clean(flat[(labels[i].Index + labels[i].Length)..end]);
            if (value.Length == 0)
            {
                continue;
            }

            var label = TextLines.Compact(labels[i].Groups["label"].Value).ToLowerInvariant();
            if (label.Contains("โทรสาร", StringComparison.Ordinal))
            {
                fax ??= value;
                if (label.Contains('/'))
                {
                    telephone ??= value;
                }
            }
            else if (label.StartsWith("โทร", StringComparison.Ordinal))
            {
                telephone ??= value;
            }
            else
            {
                email ??= Email().Match(value.Replace(" ", string.Empty, StringComparison.Ordinal)) is { Success: true } m ? m.Value : null;
            }
        }
    }

    /// <summary>ผู้ประสานงาน นางสาวมาลี ดีงาม ๐๘ ๑๒๓๔ ๕๖๗๘: the name up to the first digit, the number after.</summary>
    public static Coordinator ReadCoordinator(string flat)
    {
        var rest = flat["ผู้ประสานงาน".Length..].TrimStart(' ', ':', '.');
        var digit = rest.AsSpan().IndexOfAnyInRange('0', '9');
        var thaiDigit = rest.AsSpan().IndexOfAnyInRange('๐', '๙');
        var cut = digit < 0 ? thaiDigit : thaiDigit < 0 ? digit : Math.Min(digit, thaiDigit);
        var name = cut < 0 ? rest : rest[..cut];
        var phone = cut < 0 ? null : Clean(rest[cut..]);
        name = LabelAtEnd().Replace(name, string.Empty).Trim(' ', ',', '(', ':');
        return new Coordinator(name.Length > 0 ? name : null, phone);
    }

    private static string Clean(string value) => TextLines.Collapse(value).Trim(' ', ':', ',', ';', '(', ')');

    [GeneratedRegex(@"(?<label>โทรศัพท์\s*/\s*โทรสาร|โทร\s*\.?\s*/\s*โทรสาร|โทรสาร|โทรศัพท์|โทร\s*\.?|ไปรษณีย์อิเล็กทรอนิกส์|อีเมล์?|[Ee]\s*-?\s*[Mm]ail)\s*[:.]?\s*")]
    private static partial Regex Label();

    [GeneratedRegex(@"(?:โทรศัพท์|โทร\s*\.?)\s*$")]
    private static partial Regex LabelAtEnd();

    [GeneratedRegex(@"[A-Za-z0-9._%+\-]+@[A-Za-z0-9.\-]+\.[A-Za-z]{2,}")]
    private static partial Regex Email();
}
