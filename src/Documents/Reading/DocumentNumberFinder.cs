using System.Text.RegularExpressions;
using Saraban.Workflow.Thai;

namespace Saraban.Documents.Reading;

/// <summary>A document number found in text, where it stands.</summary>
internal sealed record FoundNumber(DocumentNumber Number, int Index, int Length)
{
    public int End => Index + Length;

    public LetterNumber ToFields() => new(Number.Prefix, Number.IsCircular, Number.RunningNumber, Number.Format());
}

/// <summary>
/// Finds document numbers (ที่ อต ๐๐๒๓.๓/ว ๑๓๖๗) inside running text. The pattern only locates a
/// candidate; <see cref="DocumentNumber.TryParse"/> decides, so the rules stay in one place.
/// </summary>
internal static partial class DocumentNumberFinder
{
    public static IEnumerable<FoundNumber> FindAll(string text)
    {
        var start = 0;
        while (start < text.Length)
        {
            var match = Candidate().Match(text, start);
            if (!match.Success)
            {
                yield break;
            }

            if (DocumentNumber.TryParse(match.Value, out var number))
            {
                yield return new FoundNumber(number, match.Index, match.Length);
                start = match.Index + match.Length;
            }
            else
            {
                start = match.Index + 1;
            }
        }
    }

    /// <summary>
    /// A line that starts with a document number, as the <c>ที่</c> line of a letter does. The
    /// keyword itself may be missing or misspelt (ที); <paramref name="keyword"/> says whether it was there.
    /// </summary>
    public static FoundNumber? AtLineStart(string text, out bool keyword)
    {
        keyword = false;
        var match = LineStart().Match(text);
        if (!match.Success || !DocumentNumber.TryParse(match.Groups["num"].Value, out var number))
        {
            return null;
        }

        keyword = match.Groups["thi"].Value is "ที่" or "เลขที่";
        var num = match.Groups["num"];
        return new FoundNumber(number, num.Index, num.Length);
    }

    // Ministry letters not glued to a preceding consonant (so the end of a word is not taken for
    // a prefix), office code digits possibly broken by single spaces, '/', optional ว, running number.
    [GeneratedRegex(@"(?<![ก-ฮ])[ก-ฮ]{2,3}\s*[0-9๐-๙](?:\s?[0-9๐-๙.])*?\s*/\s*(?:ว\s*\.?\s*)?[0-9๐-๙]{1,7}(?![0-9๐-๙])")]
    private static partial Regex Candidate();

    [GeneratedRegex(@"^\s*(?:(?<thi>เลขที่|ที่|ที)\s*)?(?<num>[ก-ฮ]{2,3}\s*[0-9๐-๙](?:\s?[0-9๐-๙.])*?\s*/\s*(?:ว\s*\.?\s*)?[0-9๐-๙]{1,7})(?![0-9๐-๙])")]
    private static partial Regex LineStart();
}
