namespace Saraban.Documents.Reading;

/// <summary>One letter read from a text, with a confidence for each of its fields.</summary>
/// <param name="Fields">The fields, null or empty where not found.</param>
/// <param name="Confidence">
/// Keyed by the JSON name of each field (<c>urgency</c>, <c>documentNumber</c>, …); every field of
/// <see cref="LetterFields"/> but <c>body</c> has an entry.
/// </param>
public sealed record ReadLetter(LetterFields Fields, IReadOnlyDictionary<string, FieldConfidence> Confidence)
{
    public FieldConfidence this[string field] => Confidence.GetValueOrDefault(field);
}

/// <summary>The letters found in one text or file, in the order they stand in it.</summary>
public sealed record LetterReading(IReadOnlyList<ReadLetter> Letters);
