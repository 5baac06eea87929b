namespace Saraban.Documents.Reading;

/// <summary>
/// Reads official letters from text: pasted, OCR'd, or taken out of a PDF's text layer. One text
/// may hold several letters (a province's letter with the ministry's behind it); they come back
/// in the order they stand. Registration, the API and <c>saraban intake</c> all read through here.
/// </summary>
public static class LetterReader
{
    /// <summary>Reads the letters in <paramref name="text"/>.</summary>
    /// <exception cref="LetterReadingException">The text is empty, or holds no letter.</exception>
    public static LetterReading Read(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (string.IsNullOrWhiteSpace(text))
        {
            throw new LetterReadingException(ReadingProblem.Empty, "ไม่มีข้อความให้อ่าน", "the text is empty");
        }

        var lines = TextLines.Split(text).Select(Keywords.Classify).ToList();
        var regions = LetterSplitter.Split(lines);
        if (regions.Count == 0)
        {
            throw new LetterReadingException(
                ReadingProblem.NotALetter,
                "ข้อความนี้ไม่ใช่หนังสือราชการ: ไม่พบ ที่ เรื่อง และ เรียน ของหนังสือ",
                "this text is not an official letter: no ที่/เรื่อง/เรียน header found");
        }

        return new LetterReading(regions.Select(LetterParser.Parse).ToList());
    }

    /// <summary>Reads the letters in a text file or a PDF with a text layer.</summary>
    /// <exception cref="LetterReadingException">The file cannot be read, or holds no letter.</exception>
    public static LetterReading ReadFile(string path, LetterSourceOptions? options = null) =>
        Read(LetterSource.ReadText(path, options ?? new LetterSourceOptions()));
}
