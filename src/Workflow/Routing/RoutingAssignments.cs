using Saraban.Workflow.Directory;

namespace Saraban.Workflow.Routing;

/// <summary>
/// Which routing a received letter follows at an office (the <c>assignments</c> file beside the
/// <c>.flow</c> files): by office id first, then by its type, so routing can differ by office.
/// </summary>
public sealed class RoutingAssignments
{
    public const string FileName = "assignments";
    private readonly List<(string Match, string Workflow)> _rules;

    private RoutingAssignments(List<(string, string)> rules) => _rules = rules;

    public static readonly RoutingAssignments None = new([]);

    public static RoutingAssignments Parse(string text, string file, RoutingCatalog catalog)
    {
        var rules = new List<(string, string)>();
        var lines = text.Split('\n');
        for (int i = 0; i < lines.Length; i++)
        {
            var line = lines[i].Trim();
            if (line.Length == 0 || line.StartsWith('#')) continue;
            var parts = line.Split([' ', '\t'], StringSplitOptions.RemoveEmptyEntries);
            if (parts.Length != 2) throw new RoutingFileException(file, i + 1, "บรรทัดต้องมีหน่วยงานหรือประเภท แล้วตามด้วยชื่อเส้นทาง (expected: OFFICE-OR-TYPE WORKFLOW).");
            try { catalog.Latest(parts[1]); }
            catch (DomainException) { throw new RoutingFileException(file, i + 1, $"ไม่มีเส้นทางชื่อ '{parts[1]}' (no such workflow)."); }
            rules.Add((parts[0], parts[1]));
        }
        return new RoutingAssignments(rules);
    }

    /// <summary>The routing for letters received by <paramref name="office"/>, or null when it has none.</summary>
    public string? For(Organization office)
    {
        foreach (var (match, workflow) in _rules)
            if (match == office.Id
                || (match == "local" && office.Type.IsLocal())
                || match == office.Type switch { OrganizationType.Province => "province", OrganizationType.District => "district", _ => "" })
                return workflow;
        return null;
    }
}
