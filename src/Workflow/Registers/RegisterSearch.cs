using System.Text;
using Saraban.Workflow.Thai;

namespace Saraban.Workflow.Registers;

/// <summary>
/// What a clerk searches a register by: words of the subject, the sender, the document number in
/// either digit set, a date range, the year's book. Thai has no spaces between words, so text is
/// matched as a substring (trigrams: FTS5 on SQLite, pg_trgm on PostgreSQL), never as words.
/// </summary>
public sealed record RegisterQuery(string? Text = null, DateOnly? From = null, DateOnly? To = null, string? Sender = null, int? Year = null,
    int Limit = 200, long? Before = null)
{
    public const int MaxLimit = 1000;
    public static readonly RegisterQuery Newest = new();

    /// <summary>The text as it is matched, or null when there is none; a text of one character is refused with a message.</summary>
    public string? Needle => Text is null || Text.Trim().Length == 0 ? null : RegisterSearch.Normalize(Text) switch
    {
        { Length: < 2 } => throw new DomainException("คำค้นต้องยาวอย่างน้อย ๒ ตัวอักษร (a search needs at least 2 characters)."),
        var n => n,
    };

    public string? SenderNeedle => Sender is null || Sender.Trim().Length == 0 ? null : RegisterSearch.Normalize(Sender) switch
    {
        { Length: < 2 } => throw new DomainException("ชื่อผู้ส่งที่ค้นต้องยาวอย่างน้อย ๒ ตัวอักษร (a sender search needs at least 2 characters)."),
        var n => n,
    };
}

public static class RegisterSearch
{
    /// <summary>Western digits, no white space, lower case: "ที่ นร ๐๑๐๗/ว ๑" and "นร 0107/ว1" meet as "ที่นร0107/ว1".</summary>
    public static string Normalize(string text)
    {
        var western = ThaiDigits.ToWestern(text);
        var b = new StringBuilder(western.Length);
        foreach (var c in western)
            if (!char.IsWhiteSpace(c) && !char.IsControl(c)) b.Append(char.ToLowerInvariant(c));
        return b.ToString();
    }

    /// <summary>A LIKE pattern that matches the needle anywhere, its % _ and \ taken literally (with ESCAPE '\').</summary>
    public static string Contains(string needle) =>
        "%" + needle.Replace(@"\", @"\\").Replace("%", @"\%").Replace("_", @"\_") + "%";

    /// <summary>An FTS5 query for the needle as one phrase: quotes doubled, so nothing in it is syntax.</summary>
    public static string Phrase(string needle) => "\"" + needle.Replace("\"", "\"\"") + "\"";
}
