namespace Saraban.Documents.Reading;

/// <summary>Why a file or text could not be read as letters. Nothing is registered from it.</summary>
public enum ReadingProblem
{
    FileNotFound,
    TooLarge,
    Empty,
    Binary,
    NotUtf8,
    PdfWithoutText,
    PdfUnreadable,
    PdfToolMissing,
    PdfTimeout,
    NotALetter,
    OcrToolMissing,
    OcrTimeout,
    ScanUnreadable,
    ScanWithoutText,
    ScanTooManyPages,
}

/// <summary>
/// The one error of letter intake. Its message is one line, Thai first then English in brackets,
/// the same shape as the Thai helpers' <c>ThaiFormatException</c>: clerks read the Thai, logs the English.
/// </summary>
public sealed class LetterReadingException : Saraban.Workflow.DomainException
{
    public LetterReadingException(ReadingProblem problem, string thai, string english, Exception? inner = null)
        : base($"{thai} ({english})", inner)
    {
        Problem = problem;
    }

    public ReadingProblem Problem { get; }
}
