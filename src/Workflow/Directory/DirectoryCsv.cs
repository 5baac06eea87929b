using System.Reflection;

namespace Saraban.Workflow.Directory;

/// <summary>Reads the national directory shipped with the program (data/organizations.csv, see its README).</summary>
public static class DirectoryCsv
{
    private static readonly string[] Header = ["id", "type", "name", "parent_id", "province_code", "letter_prefix", "address", "head_title", "mailbox"];

    public static IReadOnlyList<Organization> LoadShipped()
    {
        using var stream = Assembly.GetExecutingAssembly().GetManifestResourceStream("Saraban.Workflow.Directory.organizations.csv")
            ?? throw new InvalidOperationException("The directory data is not embedded in the build.");
        using var reader = new StreamReader(stream);
        return Parse(reader, "organizations.csv");
    }

    public static IReadOnlyList<Organization> Parse(TextReader reader, string source)
    {
        var list = new List<Organization>();
        int line = 0;
        for (string? text; (text = reader.ReadLine()) is not null;)
        {
            line++;
            if (text.Length == 0) continue;
            var f = SplitCsv(text, source, line);
            if (line == 1)
            {
                if (!f.SequenceEqual(Header)) throw new DirectoryException($"{source}:1: หัวตารางไม่ตรง (expected header {string.Join(',', Header)}).");
                continue;
            }
            if (f.Count != Header.Length) throw new DirectoryException($"{source}:{line}: ต้องมี {Header.Length} ช่อง พบ {f.Count} (wrong number of fields).");
            try
            {
                list.Add(new Organization(f[0], OrganizationTypes.Parse(f[1]), f[2], Blank(f[3]), Blank(f[4]), f[5], f[6], f[7], Mailbox(f[8])));
            }
            catch (DirectoryException ex) { throw new DirectoryException($"{source}:{line}: {ex.Message}"); }
        }
        return list;
    }

    private static string? Blank(string s) => s.Length == 0 ? null : s;

    /// <summary>An address with one @ and no spaces, or none: MailKit refuses worse, and a reminder should not fail on it.</summary>
    private static string? Mailbox(string s) =>
        s.Length == 0 ? null
        : s.Count(c => c == '@') == 1 && !s.StartsWith('@') && !s.EndsWith('@') && !s.Any(char.IsWhiteSpace) && s.Length <= 254 ? s
        : throw new DirectoryException($"ที่อยู่อีเมล '{s}' ไม่ถูกต้อง (bad mailbox address).");

    /// <summary>RFC 4180 fields of one line (the data never breaks a field over lines).</summary>
    private static List<string> SplitCsv(string line, string source, int number)
    {
        var fields = new List<string>();
        var current = new System.Text.StringBuilder();
        bool quoted = false;
        for (int i = 0; i < line.Length; i++)
        {
            char c = line[i];
            if (quoted)
            {
                if (c == '"' && i + 1 < line.Length && line[i + 1] == '"') { current.Append('"'); i++; }
                else if (c == '"') quoted = false;
                else current.Append(c);
            }
            else if (c == '"' && current.Length == 0) quoted = true;
            else if (c == ',') { fields.Add(current.ToString()); current.Clear(); }
            else current.Append(c);
        }
        if (quoted) throw new DirectoryException($"{source}:{number}: เครื่องหมายคำพูดไม่ปิด (unclosed quote).");
        fields.Add(current.ToString());
        return fields;
    }
}
