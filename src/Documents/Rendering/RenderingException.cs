namespace Saraban.Documents.Rendering;

/// <summary>Why a letter could not be rendered or stamped.</summary>
public enum RenderingProblem
{
    MissingField,
    FieldTooLong,
    UnknownTemplate,
    BrokenTemplate,
    BadLetterJson,
    NotAnImage,
    NotAPdf,
    FontMissing,
    TooManyPages,
}

/// <summary>
/// The one error of rendering: one line, Thai first then English in brackets, like the intake's
/// errors, so a clerk reads the Thai and the log the English. No output file exists when it is thrown.
/// </summary>
public sealed class RenderingException : Saraban.Workflow.DomainException
{
    public RenderingException(RenderingProblem problem, string thai, string english, Exception? inner = null)
        : base($"{thai} ({english})", inner)
    {
        Problem = problem;
    }

    public RenderingProblem Problem { get; }
}
