using System.Globalization;

namespace Saraban.Workflow.Thai;

/// <summary>
/// Conversion between Western digits (0–9) and Thai digits (๐–๙, U+0E50–U+0E59).
/// </summary>
/// <remarks>
/// Official correspondence is printed with Thai digits, while keyboards, scanners and OCR
/// mostly produce Western ones; every reader in this library accepts both.
/// </remarks>
public static class ThaiDigits
{
    private const char ThaiZero = '\u0E50';
    private const char ThaiNine = '\u0E59';

    /// <summary>Replaces 0–9 with ๐–๙; every other character is kept as is.</summary>
    public static string ToThai(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return Shift(text, '0', '9', ThaiZero);
    }

    /// <summary>Replaces ๐–๙ with 0–9; every other character is kept as is.</summary>
    public static string ToWestern(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return Shift(text, ThaiZero, ThaiNine, '0');
    }

    /// <summary>Formats an integer without grouping separators, in Thai digits unless <paramref name="thai"/> is false.</summary>
    public static string Format(long number, bool thai = true)
    {
        // Invariant culture: the host's culture must never leak in native digits or separators.
        var western = number.ToString(CultureInfo.InvariantCulture);
        return thai ? ToThai(western) : western;
    }

    internal static bool IsDigit(char c) => char.IsAsciiDigit(c) || c is >= ThaiZero and <= ThaiNine;

    internal static int DigitValue(char c) => char.IsAsciiDigit(c) ? c - '0' : c - ThaiZero;

    private static string Shift(string text, char first, char last, char target)
    {
        // Most strings passed through here are already in the wanted form: don't allocate for them.
        if (text.AsSpan().IndexOfAnyInRange(first, last) < 0)
        {
            return text;
        }

        return string.Create(text.Length, (text, first, last, target), static (span, state) =>
        {
            for (var i = 0; i < span.Length; i++)
            {
                var c = state.text[i];
                span[i] = c >= state.first && c <= state.last ? (char)(c - state.first + state.target) : c;
            }
        });
    }
}
