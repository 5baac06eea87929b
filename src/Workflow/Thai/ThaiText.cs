using System.Buffers;
using System.Text;

namespace Saraban.Workflow.Thai;

/// <summary>Small text helpers shared by the readers of dates, times and document numbers.</summary>
internal static class ThaiText
{
    private static readonly SearchValues<char> Invisible = SearchValues.Create("\u200B\u200C\u200D\u2060\uFEFF");

    // Every error message goes through here so that the bilingual shape stays uniform.
    internal static string Compose(string thai, string english) => $"{thai} ({english})";

    /// <summary>
    /// Removes invisible characters and trims. Thai is written without spaces between words, so word
    /// processors insert zero-width spaces that users can't see and therefore can't remove.
    /// </summary>
    internal static string Clean(string text)
    {
        if (text.AsSpan().IndexOfAny(Invisible) < 0)
        {
            return text.Trim();
        }

        var builder = new StringBuilder(text.Length);
        foreach (var c in text)
        {
            if (!Invisible.Contains(c))
            {
                builder.Append(c);
            }
        }

        return builder.ToString().Trim();
    }

    /// <summary>Drops the first of <paramref name="words"/> that starts <paramref name="text"/>; list longer words first.</summary>
    internal static string StripLeading(string text, params ReadOnlySpan<string> words)
    {
        foreach (var word in words)
        {
            // Ordinal on purpose: culture-aware comparison may ignore Thai tone marks and vowels.
            if (text.StartsWith(word, StringComparison.Ordinal))
            {
                return text[word.Length..].TrimStart();
            }
        }

        return text;
    }

    /// <summary>Removes whitespace and dots, so that "มี.ค.", "มี ค" and "มีค" compare equal.</summary>
    internal static string Compact(ReadOnlySpan<char> text)
    {
        var builder = new StringBuilder(text.Length);
        foreach (var c in text)
        {
            if (c != '.' && !char.IsWhiteSpace(c))
            {
                builder.Append(c);
            }
        }

        return builder.ToString();
    }

    internal static int LeadingDigits(ReadOnlySpan<char> text)
    {
        var count = 0;
        while (count < text.Length && ThaiDigits.IsDigit(text[count]))
        {
            count++;
        }

        return count;
    }

    internal static bool AllDigits(ReadOnlySpan<char> text) => text.Length > 0 && LeadingDigits(text) == text.Length;

    /// <summary>Reads a run of digits in either script; false when it doesn't fit in an int.</summary>
    internal static bool TryReadNumber(ReadOnlySpan<char> digits, out int value)
    {
        long total = 0;
        foreach (var c in digits)
        {
            total = (total * 10) + ThaiDigits.DigitValue(c);
            if (total > int.MaxValue)
            {
                value = 0;
                return false;
            }
        }

        value = (int)total;
        return true;
    }
}
