using System.Runtime.CompilerServices;
using Npgsql;

namespace Saraban.Tests.Shared;

/// <summary>
/// Each PostgreSQL test makes a schema named after its test process (<c>t_{pid}_…</c>). A run that
/// ends drops nothing, so at the next run's start the schemas of processes no longer alive go: the
/// test database grew to 12 GB of them on a developer's machine. A run beside this one keeps its own.
/// One file, linked into each test project: the process id tells the runs apart.
/// </summary>
internal static class LeftoverSchemas
{
    public const string Prefix = "t_";

    public static string NewName() => $"{Prefix}{Environment.ProcessId:x}_{Guid.NewGuid():N}"[..30];

    [ModuleInitializer]
    internal static void DropThoseOfEndedRuns()
    {
        if (Environment.GetEnvironmentVariable("SARABAN_POSTGRES") is not { Length: > 0 } cs) return; // the tests say so, loudly
        try
        {
            using var c = new NpgsqlConnection(cs);
            c.Open();
            var ended = new List<string>();
            using (var list = new NpgsqlCommand($"SELECT nspname FROM pg_namespace WHERE nspname LIKE '{Prefix}%'", c))
            using (var r = list.ExecuteReader())
                while (r.Read())
                    if (r.GetString(0).Split('_') is [_, var pid, _] && int.TryParse(pid, System.Globalization.NumberStyles.HexNumber, null, out var p) && !Alive(p))
                        ended.Add(r.GetString(0));
            foreach (var schema in ended)
                using (var drop = new NpgsqlCommand($"DROP SCHEMA IF EXISTS {schema} CASCADE", c)) drop.ExecuteNonQuery();
        }
        catch (NpgsqlException) { } // no server: every PostgreSQL test fails and says why
    }

    private static bool Alive(int pid) => File.Exists($"/proc/{pid}/status");
}
