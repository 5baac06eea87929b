using System.Diagnostics;
using Npgsql;

namespace Saraban.Web.Tests;

/// <summary>Runs the real program as a user would, in its own process: exit code, stdout, stderr.</summary>
internal static class Saraban
{
    public sealed record Run(int ExitCode, string Out, string Err)
    {
        public string[] OutLines => Out.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        public string[] ErrLines => Err.Split('\n', StringSplitOptions.RemoveEmptyEntries);
    }

    public static async Task<Run> RunAsync(params string[] args)
    {
        var dll = Path.Combine(AppContext.BaseDirectory, "saraban.dll");
        var psi = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true };
        psi.ArgumentList.Add(dll);
        foreach (var a in args) psi.ArgumentList.Add(a);
        psi.Environment.Remove("SARABAN_POSTGRES");
        using var p = Process.Start(psi)!;
        var stdout = p.StandardOutput.ReadToEndAsync();
        var stderr = p.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        await p.WaitForExitAsync(timeout.Token);
        return new Run(p.ExitCode, await stdout, await stderr);
    }

    /// <summary>A schema of its own in the database SARABAN_POSTGRES names, as a connection string; no server fails the test.</summary>
    public static async Task<string> NewPostgresSchemaAsync()
    {
        var cs = Environment.GetEnvironmentVariable("SARABAN_POSTGRES") is { Length: > 0 } s
            ? s : throw new InvalidOperationException("SARABAN_POSTGRES is not set: PostgreSQL tests need a server (./saraban test starts one).");
        var schema = global::Saraban.Tests.Shared.LeftoverSchemas.NewName();
        await using var c = new NpgsqlConnection(cs);
        await c.OpenAsync();
        await using var cmd = new NpgsqlCommand($"CREATE SCHEMA {schema}", c);
        await cmd.ExecuteNonQueryAsync();
        return new NpgsqlConnectionStringBuilder(cs) { SearchPath = schema }.ConnectionString;
    }

    public static string TempDb() => Path.Combine(global::Saraban.Tests.Shared.Scratch.Folder, Guid.NewGuid().ToString("N") + ".db");
}
