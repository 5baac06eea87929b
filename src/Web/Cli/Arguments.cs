namespace Saraban.Web.Cli;

/// <summary>A command line's options, <c>--name value</c> or <c>--flag</c>; what was never asked for is an error.</summary>
public sealed class Arguments
{
    private readonly Dictionary<string, string?> _options = new(StringComparer.Ordinal);
    private readonly HashSet<string> _used = new(StringComparer.Ordinal);
    private readonly HashSet<string> _flags;
    private readonly HashSet<string> _missingValue = new(StringComparer.Ordinal);

    public IReadOnlyList<string> Positional { get; }

    /// <param name="flags">Options that take no value.</param>
    public Arguments(IEnumerable<string> args, params string[] flags)
    {
        _flags = new HashSet<string>(flags.Append("help").Append("json").Append("log-json"), StringComparer.Ordinal);
        var positional = new List<string>();
        var list = args.ToList();
        for (int i = 0; i < list.Count; i++)
        {
            var a = list[i];
            if (a is "-h") a = "--help";
            if (!a.StartsWith("--", StringComparison.Ordinal)) { positional.Add(a); continue; }
            var name = a[2..];
            string? value = null;
            var eq = name.IndexOf('=');
            if (eq >= 0) (name, value) = (name[..eq], name[(eq + 1)..]);
            else if (!_flags.Contains(name))
            {
                if (i + 1 >= list.Count || list[i + 1].StartsWith("--", StringComparison.Ordinal)) _missingValue.Add(name);
                else value = list[++i];
            }
            _options[name] = value;
        }
        Positional = positional;
    }

    public bool Has(string name) { _used.Add(name); return _options.ContainsKey(name); }

    public string? Get(string name)
    {
        _used.Add(name);
        return _missingValue.Contains(name) ? throw new UsageException($"--{name} needs a value") : _options.GetValueOrDefault(name);
    }

    public int GetInt(string name, int fallback, int min = 1, int max = int.MaxValue)
    {
        var raw = Get(name);
        if (raw is null) return fallback;
        if (!int.TryParse(raw, out var v) || v < min || v > max)
            throw new UsageException($"--{name} must be a whole number from {min} to {max}, not '{raw}'");
        return v;
    }

    /// <summary>Call after reading every option the verb knows: a typo must not be silently ignored.</summary>
    public void RejectUnknown()
    {
        foreach (var name in _options.Keys)
            if (!_used.Contains(name) && name is not "log-json")
                throw new UsageException($"unknown option --{name}");
    }
}

/// <summary>The user typed something the verb does not take; printed as one line, exit code 2.</summary>
public sealed class UsageException(string message) : Exception(message);
