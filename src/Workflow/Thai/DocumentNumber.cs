using System.Diagnostics.CodeAnalysis;

namespace Saraban.Workflow.Thai;

/// <summary>
/// The number of an official letter (เลขที่หนังสือ), e.g. <c>ที่ อต ๐๐๒๓.๓/ว ๑๓๖๗</c>:
/// office prefix (รหัสตัวพยัญชนะและเลขประจำของเจ้าของเรื่อง), an optional <c>ว</c> marking a
/// circular (หนังสือเวียน), and the running number of the sending office's register.
/// </summary>
/// <remarks>
/// Values are normalized on construction, so two numbers typed differently
/// (<c>ที่อต๐๐๒๓.๓/ว๑๓๖๗</c>, <c>อต 0023.3 / ว. 1367</c>) are equal and can be compared or
/// used as keys to detect duplicate registrations.
/// </remarks>
public sealed record DocumentNumber
{
    /// <param name="prefix">Office prefix in any accepted spelling, e.g. <c>อต 0023.3</c>; see <see cref="Prefix"/>.</param>
    /// <param name="isCircular">Whether this is a circular letter (ว).</param>
    /// <param name="runningNumber">Register running number, 1 or more.</param>
    /// <exception cref="ThaiFormatException">The prefix is malformed.</exception>
    /// <exception cref="ArgumentOutOfRangeException">The running number is below 1.</exception>
    public DocumentNumber(string prefix, bool isCircular, int runningNumber)
    {
        ArgumentNullException.ThrowIfNull(prefix);
        ArgumentOutOfRangeException.ThrowIfLessThan(runningNumber, 1);
        var error = DocumentNumberReader.TryReadPrefix(ThaiText.Clean(prefix), out var normalized);
        Prefix = error is null ? normalized : throw new ThaiFormatException(error);
        IsCircular = isCircular;
        RunningNumber = runningNumber;
    }

    /// <summary>
    /// Normalized office prefix: the ministry letters (2–3 Thai consonants), one space, then the
    /// office code in Thai digits (4–5 digits, then optional <c>.sub-unit</c> levels),
    /// e.g. <c>นร ๐๑๐๗</c>, <c>อต ๐๐๒๓.๓</c>, <c>ศธ ๐๔๐๐๒.๓</c>.
    /// </summary>
    public string Prefix { get; }

    /// <summary>True for a circular letter (หนังสือเวียน), written with <c>ว</c> before the running number.</summary>
    public bool IsCircular { get; }

    /// <summary>Running number in the sending office's register.</summary>
    public int RunningNumber { get; }

    /// <summary>The form printed on letters: <c>ที่ อต ๐๐๒๓.๓/ว ๑๓๖๗</c>, or <c>ที่ นร ๐๑๐๗/๒๑๔๙</c> when not circular.</summary>
    public string Format(bool thaiDigits = true)
    {
        var prefix = thaiDigits ? Prefix : ThaiDigits.ToWestern(Prefix);
        var circular = IsCircular ? "ว " : string.Empty;
        return $"ที่ {prefix}/{circular}{ThaiDigits.Format(RunningNumber, thaiDigits)}";
    }

    /// <inheritdoc cref="Format"/>
    public override string ToString() => Format();

    /// <summary>
    /// Reads a document number as typed or scanned.
    /// </summary>
    /// <remarks>
    /// Tolerates a missing <c>ที่</c> (or <c>เลขที่</c>), missing or extra spaces anywhere,
    /// Western digits, <c>ว.</c> with a dot, and zero-width spaces pasted from word processors.
    /// </remarks>
    /// <exception cref="ThaiFormatException">The text is not a document number; the message names the bad part.</exception>
    public static DocumentNumber Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var error = DocumentNumberReader.TryRead(text, out var number);
        return error is null ? number! : throw new ThaiFormatException(error);
    }

    /// <summary>Like <see cref="Parse"/>, without throwing.</summary>
    public static bool TryParse(string? text, [NotNullWhen(true)] out DocumentNumber? number)
    {
        number = null;
        return text is not null && DocumentNumberReader.TryRead(text, out number) is null;
    }
}
