using System.Globalization;

namespace Saraban.Documents.Reading;

/// <summary>
/// How sure the reader is of one field: a score from 0 to 1, or not found. A field that is not
/// found is null or empty in <see cref="LetterFields"/>; the reader never fills in a guess.
/// </summary>
/// <remarks>
/// Scores are coarse and comparable only among themselves: 1 when the field stood under its
/// keyword exactly as the regulation writes it; lower for each repair the reader had to make
/// (a misspelt keyword, a fuzzy month name, a field found by its position rather than its keyword).
/// </remarks>
public readonly record struct FieldConfidence
{
    private FieldConfidence(double? score) => Score = score;

    /// <summary>The field is absent from the letter, or could not be read.</summary>
    public static FieldConfidence NotFound => default;

    /// <summary>Null when not found.</summary>
    public double? Score { get; }

    public bool Found => Score is not null;

    /// <summary>A found field, its score clamped to 0..1.</summary>
    public static FieldConfidence Of(double score) => new(Math.Clamp(Math.Round(score, 2), 0, 1));

    public override string ToString() =>
        Score is { } s ? s.ToString("0.00", CultureInfo.InvariantCulture) : "not found";
}
