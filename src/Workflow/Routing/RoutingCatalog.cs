namespace Saraban.Workflow.Routing;

/// <summary>
/// Every routing version found in a folder of <c>.flow</c> files. All versions stay loaded: an
/// instance started under version 1 finishes under version 1 after an admin adds version 2.
/// </summary>
public sealed class RoutingCatalog
{
    private readonly Dictionary<(string Name, int Version), RoutingDefinition> _all;

    private RoutingCatalog(Dictionary<(string, int), RoutingDefinition> all)
    {
        _all = all;
        Assignments = RoutingAssignments.None;
    }

    /// <summary>Which routing each office's received letters follow; none when the folder has no assignments file.</summary>
    public RoutingAssignments Assignments { get; private set; }

    public IReadOnlyCollection<RoutingDefinition> All => _all.Values;

    /// <summary>Loads every file, refusing the whole folder at the first broken one (with its file and line).</summary>
    public static RoutingCatalog Load(string folder)
    {
        if (!System.IO.Directory.Exists(folder)) throw new DomainException($"ไม่พบโฟลเดอร์เส้นทาง {folder} (no routing folder).");
        var all = new Dictionary<(string, int), RoutingDefinition>();
        foreach (var path in System.IO.Directory.GetFiles(folder, "*.flow").Order(StringComparer.Ordinal))
        {
            var d = RoutingFile.Parse(File.ReadAllText(path), Path.GetFileName(path));
            if (!all.TryAdd((d.Name, d.Version), d))
                throw new RoutingFileException(d.File, 1, $"เส้นทาง {d.Name} ฉบับ {d.Version} มีอยู่แล้วใน {all[(d.Name, d.Version)].File} (defined twice).");
        }
        var catalog = new RoutingCatalog(all);
        var assignments = Path.Combine(folder, RoutingAssignments.FileName);
        if (File.Exists(assignments))
            catalog.Assignments = RoutingAssignments.Parse(File.ReadAllText(assignments), RoutingAssignments.FileName, catalog);
        return catalog;
    }

    /// <summary>SARABAN_WORKFLOWS when set; else <c>workflows/</c> in the working folder (the repository, for ./saraban); else the copy beside the program.</summary>
    public static string DefaultFolder() =>
        Environment.GetEnvironmentVariable("SARABAN_WORKFLOWS") is { Length: > 0 } configured ? configured
        : System.IO.Directory.Exists("workflows") ? Path.GetFullPath("workflows")
        : Path.Combine(AppContext.BaseDirectory, "workflows");

    public RoutingDefinition Latest(string name) =>
        _all.Values.Where(d => d.Name == name).MaxBy(d => d.Version) ?? throw new DomainException($"ไม่มีเส้นทางชื่อ '{name}' (no such workflow).");

    public RoutingDefinition Get(string name, int version) =>
        _all.GetValueOrDefault((name, version)) ?? throw new DomainException($"ไม่มีเส้นทาง '{name}' ฉบับ {version} (that version is not loaded).");
}
