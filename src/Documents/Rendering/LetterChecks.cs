using Saraban.Documents.Rendering.Templates;

namespace Saraban.Documents.Rendering;

/// <summary>
/// Refuses a letter its template cannot print — a required field missing, a field longer than the
/// template allows — before anything is drawn or written, so a refused letter leaves no file.
/// </summary>
public static class LetterChecks
{
    public static void Check(LetterDocument letter, LetterTemplate template)
    {
        var f = letter.Fields;
        foreach (var field in template.Required)
        {
            var present = field switch
            {
                "documentNumber" => !string.IsNullOrWhiteSpace(f.DocumentNumber?.Text),
                "date" => f.Date is not null,
                "subject" => !string.IsNullOrWhiteSpace(f.Subject),
                "addressee" => !string.IsNullOrWhiteSpace(f.Addressee),
                "sender" => !string.IsNullOrWhiteSpace(f.Sender),
                "senderAddress" => !string.IsNullOrWhiteSpace(letter.SenderAddress),
                "signer" => !string.IsNullOrWhiteSpace(f.Signer?.Name) && !string.IsNullOrWhiteSpace(f.Signer?.Position),
                "body" => f.Body.Any(p => !string.IsNullOrWhiteSpace(p)),
                "owningUnit" => !string.IsNullOrWhiteSpace(f.OwningUnit?.Name),
                _ => true,
            };
            if (!present)
            {
                throw new RenderingException(RenderingProblem.MissingField,
                    $"หนังสือชนิด {template.Kind} ต้องมี {field}", $"a {template.Kind} needs {field}");
            }
        }

        foreach (var (field, limit) in template.Limits)
        {
            foreach (var text in TextsOf(letter, field))
            {
                if (text is not null && text.Length > limit)
                {
                    throw new RenderingException(RenderingProblem.FieldTooLong,
                        $"{field} ยาว {text.Length} ตัวอักษร เกินที่แม่แบบกำหนด {limit}",
                        $"{field} is {text.Length} characters, over the template's limit of {limit}");
                }
            }
        }
    }

    private static IEnumerable<string?> TextsOf(LetterDocument letter, string field)
    {
        var f = letter.Fields;
        return field switch
        {
            "documentNumber" => [f.DocumentNumber?.Text],
            "subject" => [f.Subject],
            "addressee" => [f.Addressee],
            "sender" => [f.Sender],
            "senderAddress" => [letter.SenderAddress],
            "bodyParagraph" => f.Body,
            "enclosure" => f.Enclosures,
            "reference" => f.References.Select(r => r.DocumentNumber),
            "signerLine" => [f.Signer?.Name, f.Signer?.Position, f.Signer?.ActingFor, f.Signer?.ActingIn],
            "owningUnit" => [f.OwningUnit?.Name, f.OwningUnit?.Telephone, f.OwningUnit?.Fax, f.OwningUnit?.Email],
            _ => [],
        };
    }
}
