using System.Text.Json;
using Saraban.Workflow.Backup;
using Saraban.Workflow.EventStore;

namespace Saraban.Web.Cli;

/// <summary><c>backup</c> and <c>restore</c>: an online backup of the log and its files, and its restore into an empty database.</summary>
public static class BackupCommand
{
    private const string BackupHelp =
        $"""
        Usage: ./saraban backup --out FILE [--db PATH | --postgres "CONN"] [--json]

        Writes a backup of the event log (every event with its chain hash), the files letters carry,
        and the projections' checkpoints and snapshots, while the database keeps serving. The same
        format comes from either backend and restores into either. The views are not in it (a
        restore rebuilds them), nor is the master key of secret letters: keep that apart.

          --out FILE             the backup to write (a zip); refused if FILE exists
        {StoreArguments.Help}
        """;

    private const string RestoreHelp =
        $"""
        Usage: ./saraban restore FILE [--db PATH | --postgres "CONN"] [--json]

        Restores a backup into an empty database (a new SQLite file, or an empty PostgreSQL
        database or schema). Each event's chain hash and each file's SHA-256 are checked as they
        are read; nothing is written unless all of it holds. A database that is not empty is refused.
        {StoreArguments.Help}
        """;

    public static async Task<int> BackupAsync(string[] argv)
    {
        var args = new Arguments(argv);
        if (args.Has("help")) return Verbs.Print(BackupHelp, 0);
        var options = StoreArguments.Read(args);
        var output = args.Get("out") ?? throw new UsageException("--out FILE is required");
        bool json = args.Has("json");
        args.RejectUnknown();
        if (options.PostgresConnectionString is null && !File.Exists(options.SqlitePath ?? StoreOptions.DefaultSqlitePath))
            throw new EventStoreUnavailableException($"No database at {Path.GetFullPath(options.SqlitePath ?? StoreOptions.DefaultSqlitePath)}.");
        if (File.Exists(output)) throw new UsageException($"{output} exists: a backup is never written over another");

        await using var store = options.CreateEventStore();
        await store.InitializeAsync();
        var started = System.Diagnostics.Stopwatch.StartNew();
        var partial = output + ".partial";
        BackupManifest manifest;
        try
        {
            await using (var file = new FileStream(partial, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1 << 16, useAsync: true))
                manifest = await BackupWriter.WriteAsync(store, file, Progress("events written"));
            File.Move(partial, output); // a backup cut short is never taken for a whole one
        }
        finally { File.Delete(partial); }
        Clear();
        var size = new FileInfo(output).Length;
        if (json) Console.WriteLine(JsonSerializer.Serialize(new { output, manifest.Head, manifest.Events, manifest.Files, bytes = size, seconds = Math.Round(started.Elapsed.TotalSeconds, 2) }));
        else Console.WriteLine($"Backed up {manifest.Events:N0} events and {manifest.Files:N0} files to {output} ({size / 1048576.0:N1} MB) in {started.Elapsed.TotalSeconds:0.0} s.");
        return 0;
    }

    public static async Task<int> RestoreAsync(string[] argv)
    {
        var args = new Arguments(argv);
        if (args.Has("help")) return Verbs.Print(RestoreHelp, 0);
        var options = StoreArguments.Read(args);
        bool json = args.Has("json");
        var file = args.Positional.SingleOrDefault() ?? throw new UsageException("name the backup: ./saraban restore FILE --db PATH | --postgres CONN");
        args.RejectUnknown();

        var started = System.Diagnostics.Stopwatch.StartNew();
        BackupManifest manifest;
        try { manifest = await BackupRestore.RestoreAsync(file, options, Progress("events restored")); }
        finally { Clear(); }
        if (json) Console.WriteLine(JsonSerializer.Serialize(new { manifest.Head, manifest.Events, manifest.Files, from = manifest.Source, takenAt = manifest.TakenAt, seconds = Math.Round(started.Elapsed.TotalSeconds, 2) }));
        else Console.WriteLine($"Restored {manifest.Events:N0} events and {manifest.Files:N0} files (a {manifest.Source} backup of {manifest.TakenAt:yyyy-MM-dd HH:mm} UTC) in {started.Elapsed.TotalSeconds:0.0} s; the views are rebuilt when the database is next opened.");
        var key = Saraban.Workflow.Secrets.MasterKeys.DefaultFileFor(options.PostgresConnectionString is null ? options.SqlitePath ?? StoreOptions.DefaultSqlitePath : null);
        if (Environment.GetEnvironmentVariable("SARABAN_MASTER_KEY") is not { Length: > 0 } && Environment.GetEnvironmentVariable("SARABAN_MASTER_KEY_FILE") is not { Length: > 0 } && !File.Exists(key))
            Console.Error.WriteLine($"saraban restore: secret letters open only with the master key they were sealed under: put it at {key} (or set SARABAN_MASTER_KEY) before serving.");
        return 0;
    }

    private static IProgress<long>? Progress(string what) => Console.IsErrorRedirected ? null : new Progress<long>(n => Console.Error.Write($"\r{n:N0} {what}…"));

    private static void Clear()
    {
        if (!Console.IsErrorRedirected) Console.Error.Write("\r\x1b[K");
    }
}
