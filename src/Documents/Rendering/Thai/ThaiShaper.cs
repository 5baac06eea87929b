namespace Saraban.Documents.Rendering.Thai;

/// <summary>
/// Places Thai above/below vowels and tone marks without collisions, for PDF libraries that map
/// one character to one glyph and apply no OpenType shaping (PdfSharp). It swaps characters for
/// the legacy presentation forms at U+F700–U+F71A that Thai fonts such as Laksaman carry: lowered
/// tone marks, left-shifted marks over tall consonants, tail-less ญ and ฐ, lowered ุ ู under ฎ ฏ.
/// </summary>
/// <remarks>
/// The output has the same length as the input, character for character, so positions and the
/// mapping back to the real Thai text (<see cref="ToLogical"/>) stay trivial. Only the drawing
/// uses the shaped text; the PDF's text layer maps each substitute glyph back to its Thai letter.
/// </remarks>
public static class ThaiShaper
{
    private const char FirstVariant = '\uF700';
    private const char LastVariant = '\uF71A';

    // What each presentation form stands for, U+F700 onwards.
    private const string Logical =
        "\u0E10\u0E34\u0E35\u0E36\u0E37\u0E48\u0E49\u0E4A\u0E4B\u0E4C\u0E48\u0E49\u0E4A\u0E4B" +
        "\u0E4C\u0E0D\u0E31\u0E4D\u0E47\u0E48\u0E49\u0E4A\u0E4B\u0E4C\u0E38\u0E39\u0E3A";

    /// <summary>The Thai character a drawn character stands for (itself unless it is a presentation form).</summary>
    public static char ToLogical(char c) => c is >= FirstVariant and <= LastVariant ? Logical[c - FirstVariant] : c;

    /// <summary>Whether the text holds anything this shaper would change.</summary>
    public static bool NeedsShaping(ReadOnlySpan<char> text) => text.IndexOfAnyInRange('\u0E31', '\u0E4D') >= 0;

    /// <summary>The text to draw for <paramref name="text"/>; the same string when nothing changes.</summary>
    public static string Shape(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (!NeedsShaping(text))
        {
            return text;
        }

        return string.Create(text.Length, text, static (output, input) => Shape(input, output));
    }

    private static void Shape(ReadOnlySpan<char> input, Span<char> output)
    {
        input.CopyTo(output);
        var baseAt = -1;
        var upperSeen = false;
        for (var i = 0; i < input.Length; i++)
        {
            var c = input[i];
            if (IsConsonant(c))
            {
                baseAt = i;
                upperSeen = false;
                continue;
            }

            if (baseAt < 0 || !IsMark(c))
            {
                if (!IsMark(c))
                {
                    baseAt = -1;
                }

                continue;
            }

            var consonant = input[baseAt];
            var tall = IsTall(consonant);
            if (IsUpperVowel(c))
            {
                upperSeen = true;
                if (tall)
                {
                    output[i] = LeftUpper(c);
                }
            }
            else if (IsTone(c))
            {
                var high = upperSeen || (i + 1 < input.Length && input[i + 1] == '\u0E33');
                var offset = c - '\u0E48';
                output[i] = (high, tall) switch
                {
                    (true, true) => (char)('\uF713' + offset),
                    (true, false) => c,
                    (false, true) => (char)('\uF705' + offset),
                    (false, false) => (char)('\uF70A' + offset),
                };
            }
            else if (IsLowerVowel(c))
            {
                if (consonant == '\u0E0D')
                {
                    output[baseAt] = '\uF70F';
                }
                else if (consonant == '\u0E10')
                {
                    output[baseAt] = '\uF700';
                }
                else if (consonant is '\u0E0E' or '\u0E0F')
                {
                    output[i] = (char)('\uF718' + (c - '\u0E38'));
                }
            }
        }
    }

    private static char LeftUpper(char c) => c switch
    {
        '\u0E31' => '\uF710',
        '\u0E34' => '\uF701',
        '\u0E35' => '\uF702',
        '\u0E36' => '\uF703',
        '\u0E37' => '\uF704',
        '\u0E47' => '\uF712',
        '\u0E4D' => '\uF711',
        _ => c,
    };

    private static bool IsConsonant(char c) => c is >= '\u0E01' and <= '\u0E2E';

    // ป ฝ ฟ ฬ: their ascender reaches where marks normally sit.
    private static bool IsTall(char c) => c is '\u0E1B' or '\u0E1D' or '\u0E1F' or '\u0E2C';

    private static bool IsUpperVowel(char c) => c is '\u0E31' or (>= '\u0E34' and <= '\u0E37') or '\u0E47' or '\u0E4D';

    private static bool IsLowerVowel(char c) => c is >= '\u0E38' and <= '\u0E3A';

    private static bool IsTone(char c) => c is >= '\u0E48' and <= '\u0E4C';

    private static bool IsMark(char c) => IsUpperVowel(c) || IsLowerVowel(c) || IsTone(c);
}
