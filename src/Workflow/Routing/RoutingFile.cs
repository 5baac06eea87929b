using System.Text.RegularExpressions;
using Saraban.Workflow.Access;

namespace Saraban.Workflow.Routing;

/// <summary>
/// Reads a <c>.flow</c> file. A line format rather than JSON, so that every mistake is reported
/// with its file and line, and an admin can read and edit it without tools:
/// <code>
/// workflow province-forward
/// version 1
/// title จังหวัดแจ้งเวียนหนังสือถึงอำเภอและ อปท.
/// step register  by clerk         then minute  due 1d
/// step decide    by head, deputy  then draft   due 2d
/// step dispatch  by clerk         end
/// </code>
/// </summary>
public static partial class RoutingFile
{
    public static RoutingDefinition Parse(string text, string file)
    {
        string? name = null, title = null;
        int version = 0;
        var steps = new List<RoutingStep>();
        var lines = text.Split('\n');
        for (int i = 0; i < lines.Length; i++)
        {
            int n = i + 1;
            var line = lines[i].Trim();
            if (line.Length == 0 || line.StartsWith('#')) continue;
            var (keyword, rest) = Split(line);
            switch (keyword)
            {
                case "workflow":
                    if (!NameShape().IsMatch(rest)) throw new RoutingFileException(file, n, $"ชื่อเส้นทาง '{rest}' ไม่ถูกรูปแบบ (a workflow name is a-z, 0-9 and -).");
                    name = rest;
                    break;
                case "version":
                    if (!int.TryParse(rest, out version) || version < 1) throw new RoutingFileException(file, n, $"ฉบับต้องเป็นเลข ๑ ขึ้นไป (version must be a whole number from 1, not '{rest}').");
                    break;
                case "title":
                    title = rest;
                    break;
                case "step":
                    steps.Add(ParseStep(rest, file, n, steps));
                    break;
                default:
                    throw new RoutingFileException(file, n, $"ไม่รู้จักคำว่า '{keyword}' (expected workflow, version, title or step).");
            }
        }
        int last = lines.Length;
        if (name is null) throw new RoutingFileException(file, 1, "ไม่มีบรรทัด workflow (no 'workflow NAME' line).");
        if (version == 0) throw new RoutingFileException(file, 1, "ไม่มีบรรทัด version (no 'version N' line).");
        if (steps.Count == 0) throw new RoutingFileException(file, last, "เส้นทางต้องมีอย่างน้อยหนึ่งขั้นตอน (a workflow needs at least one step).");
        Check(steps, file);
        return new RoutingDefinition(name, version, title ?? name, file, steps);
    }

    private static RoutingStep ParseStep(string text, string file, int line, List<RoutingStep> earlier)
    {
        var m = StepShape().Match(text);
        if (!m.Success)
            throw new RoutingFileException(file, line, "ขั้นตอนเขียนว่า step NAME by ROLE[, ROLE] (then NEXT | end) [due 2d|12h] (expected that shape).");
        var stepName = m.Groups["name"].Value;
        if (earlier.Any(s => s.Name == stepName)) throw new RoutingFileException(file, line, $"ขั้นตอน '{stepName}' ซ้ำ (step '{stepName}' appears twice).");
        var roles = new List<Role>();
        foreach (var r in m.Groups["roles"].Value.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
            roles.Add(Enum.TryParse<Role>(r, ignoreCase: true, out var role) && char.IsLower(r[0])
                ? role
                : throw new RoutingFileException(file, line, $"ไม่รู้จักบทบาท '{r}' (unknown role; use clerk, head, deputy, tracker or admin)."));
        TimeSpan? due = null;
        if (m.Groups["due"].Success)
        {
            var amount = int.Parse(m.Groups["amount"].Value);
            due = m.Groups["unit"].Value == "d" ? TimeSpan.FromDays(amount) : TimeSpan.FromHours(amount);
            if (amount == 0) throw new RoutingFileException(file, line, "กำหนดเวลาต้องมากกว่าศูนย์ (a due time must be more than zero).");
        }
        return new RoutingStep(stepName, roles, m.Groups["next"].Success ? m.Groups["next"].Value : null, due, line);
    }

    /// <summary>Every 'then' names a step; following them from the first step ends; no step is left out.</summary>
    private static void Check(List<RoutingStep> steps, string file)
    {
        var byName = steps.ToDictionary(s => s.Name);
        foreach (var s in steps.Where(s => s.Next is not null && !byName.ContainsKey(s.Next)))
            throw new RoutingFileException(file, s.Line, $"ขั้นตอน '{s.Next}' ไม่มีในเส้นทางนี้ (step '{s.Name}' leads to an unknown step '{s.Next}').");
        var visited = new HashSet<string> { steps[0].Name };
        for (var step = steps[0]; step.Next is { } next; step = byName[next])
            if (!visited.Add(next))
                throw new RoutingFileException(file, step.Line, $"เส้นทางวนกลับไปที่ '{next}' และไม่มีวันจบ (the route loops back to '{next}' and never ends).");
        if (steps.FirstOrDefault(s => !visited.Contains(s.Name)) is { } orphan)
            throw new RoutingFileException(file, orphan.Line, $"ขั้นตอน '{orphan.Name}' ไม่มีทางไปถึง (step '{orphan.Name}' cannot be reached from '{steps[0].Name}').");
    }

    private static (string Keyword, string Remainder) Split(string line)
    {
        var space = line.IndexOfAny([' ', '\t']);
        return space < 0 ? (line, "") : (line[..space], line[(space + 1)..].Trim());
    }

    [GeneratedRegex("^[a-z0-9-]{1,64}$")]
    private static partial Regex NameShape();

    [GeneratedRegex(@"^(?<name>[a-z0-9-]{1,64})\s+by\s+(?<roles>[A-Za-z, ]+?)\s+(?:then\s+(?<next>[a-z0-9-]{1,64})|end)(?:\s+due\s+(?<due>(?<amount>\d{1,3})(?<unit>[dh])))?$")]
    private static partial Regex StepShape();
}
