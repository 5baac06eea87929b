using System.Diagnostics;
using System.Globalization;
using System.Text.RegularExpressions;
using Npgsql;

namespace Saraban.Web.Benchmarks;

/// <summary>
/// The yardstick for PostgreSQL appends: pgbench, on the same server at the same client count,
/// one-row INSERT per transaction into a bare table. Measured beside our run, because this
/// machine's disk and neighbours make absolute figures drift by a third from minute to minute.
/// </summary>
internal static partial class Pgbench
{
    public static string? Find() =>
        new[] { "/usr/bin/pgbench" }
            .Concat(Directory.Exists("/usr/lib/postgresql")
                ? Directory.GetDirectories("/usr/lib/postgresql").OrderDescending().Select(d => Path.Combine(d, "bin", "pgbench"))
                : [])
            .FirstOrDefault(File.Exists);

    /// <returns>Transactions per second, or null when pgbench is not installed.</returns>
    public static async Task<double?> RunAsync(string connectionString, string schema, int clients, int seconds)
    {
        if (Find() is not { } pgbench) return null;
        var b = new NpgsqlConnectionStringBuilder(connectionString);
        var table = $"{schema}.pgbench_one_row";
        await using (var c = new NpgsqlConnection(connectionString))
        {
            await c.OpenAsync();
            await using var cmd = new NpgsqlCommand($"CREATE TABLE {table} (id BIGSERIAL PRIMARY KEY, stream TEXT NOT NULL, data TEXT NOT NULL)", c);
            await cmd.ExecuteNonQueryAsync();
        }
        var script = Path.GetTempFileName();
        await File.WriteAllTextAsync(script, $"INSERT INTO {table} (stream, data) VALUES ('s' || (random() * 1000)::int, '{{\"n\":1}}');\n");
        try
        {
            var psi = new ProcessStartInfo(pgbench) { RedirectStandardOutput = true, RedirectStandardError = true };
            foreach (var a in new[] { "-n", "-c", clients.ToString(CultureInfo.InvariantCulture), "-j", Math.Min(clients, Environment.ProcessorCount).ToString(CultureInfo.InvariantCulture),
                         "-T", seconds.ToString(CultureInfo.InvariantCulture), "-f", script, "-h", b.Host ?? "127.0.0.1", "-p", b.Port.ToString(CultureInfo.InvariantCulture),
                         "-U", b.Username ?? "postgres", b.Database ?? "postgres" })
                psi.ArgumentList.Add(a);
            psi.Environment["PGPASSWORD"] = b.Password ?? "";
            using var p = Process.Start(psi)!;
            var output = await p.StandardOutput.ReadToEndAsync() + await p.StandardError.ReadToEndAsync();
            await p.WaitForExitAsync();
            var m = Tps().Match(output);
            return m.Success ? double.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture)
                : throw new InvalidOperationException($"pgbench gave no tps: {output.Trim().Split('\n').LastOrDefault()}");
        }
        finally { File.Delete(script); }
    }

    [GeneratedRegex(@"tps = ([0-9.]+)")]
    private static partial Regex Tps();
}
