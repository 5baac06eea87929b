using System.Text;
using System.Text.RegularExpressions;

namespace Saraban.Documents.Reading;

/// <summary>A line of the letter's text.</summary>
/// <param name="Index">0-based line number in the whole text.</param>
/// <param name="Text">The line cleaned of invisible characters, its spacing kept (layout columns are runs of spaces).</param>
/// <param name="Flat">The same with every run of white space made one space, trimmed: what fields are read from.</param>
internal sealed record Line(int Index, string Text, string Flat)
{
    public bool IsBlank => Flat.Length == 0;
}

/// <summary>
/// Turns pasted, OCR'd or PDF-extracted text into clean lines. Everything here is invisible to a
/// reader of the printed letter (zero-width spaces, mark order, decomposed ำ), so normalizing it
/// changes no value a clerk could see, while letting every later step compare text exactly.
/// </summary>
internal static partial class TextLines
{
    public static IReadOnlyList<Line> Split(string text)
    {
        var clean = Normalize(text);
        var kept = new List<(string Text, string Flat)>();
        foreach (var raw in clean.Split('\n'))
        {
            var line = raw.TrimEnd();
            var flat = Collapse(line);

            // Page numbers ("- ๒ -") stand between a paragraph and its continuation on the next page.
            if (!PageNumber().IsMatch(flat))
            {
                kept.Add((line, flat));
            }
        }

        if (IsDoubleSpaced(kept))
        {
            kept = Undouble(kept);
        }

        return kept.Select((l, i) => new Line(i, l.Text, l.Flat)).ToList();
    }

    // OCR and some exports put a blank line after every line. Blank lines separate a letter's
    // parts, so in such text one blank line means none, and two or more mean one.
    private static bool IsDoubleSpaced(List<(string Text, string Flat)> lines)
    {
        int text = 0, followed = 0;
        for (var i = 0; i + 1 < lines.Count; i++)
        {
            if (lines[i].Flat.Length > 0)
            {
                text++;
                followed += lines[i + 1].Flat.Length == 0 ? 1 : 0;
            }
        }

        return text >= 6 && followed >= text * 0.8;
    }

    private static List<(string Text, string Flat)> Undouble(List<(string Text, string Flat)> lines)
    {
        var result = new List<(string Text, string Flat)>(lines.Count);
        for (var i = 0; i < lines.Count; i++)
        {
            if (lines[i].Flat.Length > 0)
            {
                result.Add(lines[i]);
                continue;
            }

            var run = 0;
            while (i + run < lines.Count && lines[i + run].Flat.Length == 0)
            {
                run++;
            }

            if (run >= 2)
            {
                result.Add(lines[i]);
            }

            i += run - 1;
        }

        return result;
    }

    /// <summary>Runs of white space become one space; trimmed.</summary>
    public static string Collapse(string text)
    {
        var builder = new StringBuilder(text.Length);
        var space = false;
        foreach (var c in text)
        {
            if (char.IsWhiteSpace(c))
            {
                space = builder.Length > 0;
                continue;
            }

            if (space)
            {
                builder.Append(' ');
                space = false;
            }

            builder.Append(c);
        }

        return builder.ToString();
    }

    /// <summary>Removes spaces and dots: for comparing words whose spacing OCR got wrong.</summary>
    public static string Compact(string text)
    {
        var builder = new StringBuilder(text.Length);
        foreach (var c in text)
        {
            if (!char.IsWhiteSpace(c) && c != '.')
            {
                builder.Append(c);
            }
        }

        return builder.ToString();
    }

    private static string Normalize(string text)
    {
        var builder = new StringBuilder(text.Length);
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            var next = i + 1 < text.Length ? text[i + 1] : '\0';
            switch (c)
            {
                case '\r':
                    builder.Append('\n');
                    if (next == '\n')
                    {
                        i++;
                    }

                    break;
                case '\f' or '\v' or '\u2028' or '\u2029':
                    // pdftotext starts each page with a form feed: a break only mid-line.
                    if (builder.Length > 0 && builder[^1] != '\n')
                    {
                        builder.Append('\n');
                    }

                    break;
                case '\t':
                    // A tab in pasted text separates layout columns, like a wide run of spaces.
                    builder.Append("    ");
                    break;
                case '\u200B' or '\u200C' or '\u200D' or '\u2060' or '\uFEFF' or '\u00AD':
                    break;
                case '\u00A0' or '\u3000' or (>= '\u2000' and <= '\u200A') or '\u202F':
                    builder.Append(' ');
                    break;
                case 'เ' when next == 'เ':
                    // Two sara e typed for sara ae (เเ for แ) look identical in print.
                    builder.Append('แ');
                    i++;
                    break;
                case '\u0E4D' when next == '\u0E32':
                    // Nikhahit + sara aa, as PDF text layers often give sara am.
                    builder.Append('\u0E33');
                    i++;
                    break;
                case '\u0E4D' when IsTone(next) && i + 2 < text.Length && text[i + 2] == '\u0E32':
                    builder.Append(next).Append('\u0E33');
                    i += 2;
                    break;
                default:
                    if (IsTone(c) && IsVowelMark(next))
                    {
                        // Tone typed before the vowel mark: same glyphs, different code points.
                        builder.Append(next).Append(c);
                        i++;
                    }
                    else if (IsCombining(c) && builder.Length > 0 && builder[^1] == c)
                    {
                        // A doubled mark (ที่่) prints as one.
                    }
                    else
                    {
                        builder.Append(c);
                    }

                    break;
            }
        }

        return builder.ToString();
    }

    [GeneratedRegex(@"^-\s*[0-9๐-๙]{1,3}\s*-$")]
    private static partial Regex PageNumber();

    private static bool IsTone(char c) => c is >= '\u0E48' and <= '\u0E4B';

    private static bool IsVowelMark(char c) => c is '\u0E31' or (>= '\u0E34' and <= '\u0E39') or '\u0E47';

    private static bool IsCombining(char c) => c is '\u0E31' or (>= '\u0E34' and <= '\u0E3A') or (>= '\u0E47' and <= '\u0E4E');
}
