namespace Saraban.Workflow.Thai;

/// <summary>
/// Thrown when Thai text (a date, a time, a document number) cannot be read.
/// </summary>
/// <remarks>
/// The message is bilingual, Thai first then English in parentheses, and quotes the offending
/// part as the user typed it: clerks read the Thai, logs and developers read the English.
/// Deriving from <see cref="FormatException"/> keeps existing <c>catch (FormatException)</c> handlers working.
/// </remarks>
public sealed class ThaiFormatException : FormatException
{
    public ThaiFormatException(string message)
        : base(message)
    {
    }

    public ThaiFormatException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
