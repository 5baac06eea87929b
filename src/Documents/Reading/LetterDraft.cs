namespace Saraban.Documents.Reading;

/// <summary>One letter's fields and confidences while its readers fill them in.</summary>
internal sealed class LetterDraft
{
    private readonly Dictionary<string, FieldConfidence> _confidence = FieldNames.All.ToDictionary(n => n, _ => FieldConfidence.NotFound);

    public LetterFields Fields { get; private set; } = new();

    public void Set(Func<LetterFields, LetterFields> update, string field, FieldConfidence confidence)
    {
        Fields = update(Fields);
        _confidence[field] = confidence;
    }

    public ReadLetter ToReadLetter() => new(Fields, _confidence.AsReadOnly());
}
