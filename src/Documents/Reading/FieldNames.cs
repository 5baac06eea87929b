namespace Saraban.Documents.Reading;

/// <summary>The JSON names of <see cref="LetterFields"/>, which also key <see cref="ReadLetter.Confidence"/>.</summary>
public static class FieldNames
{
    public const string Kind = "kind";
    public const string Urgency = "urgency";
    public const string Secrecy = "secrecy";
    public const string DocumentNumber = "documentNumber";
    public const string Date = "date";
    public const string Subject = "subject";
    public const string Addressee = "addressee";
    public const string References = "references";
    public const string Enclosures = "enclosures";
    public const string EnclosedLetters = "enclosedLetters";
    public const string Sender = "sender";
    public const string Signer = "signer";
    public const string Deadline = "deadline";
    public const string ReceiveStamps = "receiveStamps";
    public const string OwningUnit = "owningUnit";

    /// <summary>Every field the reader reports on, in the order of the JSON.</summary>
    public static IReadOnlyList<string> All { get; } =
    [
        Kind, Urgency, Secrecy, DocumentNumber, Date, Subject, Addressee, References, Enclosures,
        EnclosedLetters, Sender, Signer, Deadline, ReceiveStamps, OwningUnit,
    ];
}
