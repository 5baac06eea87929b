using Saraban.Workflow.Access;

namespace Saraban.Workflow.Routing;

/// <summary>One step of a routing: who may act on it, where it leads, and how long it may wait.</summary>
/// <param name="Next">The following step; null for the last step.</param>
public sealed record RoutingStep(string Name, IReadOnlyList<Role> Roles, string? Next, TimeSpan? Due, int Line);

/// <summary>
/// A routing (เส้นทางหนังสือ) as an admin writes it in a <c>.flow</c> file: steps in order, who acts
/// at each. A running instance keeps the version it started with, so editing a file never changes
/// letters already on their way.
/// </summary>
public sealed record RoutingDefinition(string Name, int Version, string Title, string File, IReadOnlyList<RoutingStep> Steps)
{
    public RoutingStep First => Steps[0];

    public RoutingStep Step(string name) =>
        Steps.FirstOrDefault(s => s.Name == name) ?? throw new DomainException($"เส้นทาง {Name} ฉบับ {Version} ไม่มีขั้นตอน '{name}' (no such step).");
}

public sealed class RoutingFileException(string file, int line, string message)
    : DomainException($"{file}:{line}: {message}")
{
    public string File { get; } = file;
    public int Line { get; } = line;
}
