using System.Text;
using Npgsql;
using Saraban.Workflow.EventStore.Sqlite;
using Saraban.Workflow.Tests.Letters;

namespace Saraban.Workflow.Tests.Secrets;

/// <summary>What a stolen disk or a dump would show: the tests of secret letters and of destruction search it.</summary>
internal static class RawStorage
{
    /// <summary>Where the text occurs in the database's own storage: SQLite's files (log, WAL, views, the file folder) byte for byte; PostgreSQL's tables as text.</summary>
    public static async Task<List<string>> FindAsync(Offices offices, string text)
    {
        var found = new List<string>();
        var needle = Encoding.UTF8.GetBytes(text);
        if (offices.Store is SqliteEventStore sqlite)
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            var dir = Path.GetDirectoryName(sqlite.Path)!;
            var stem = Path.GetFileNameWithoutExtension(sqlite.Path);
            var candidates = System.IO.Directory.EnumerateFiles(dir, stem + "*")
                .Concat(System.IO.Directory.Exists(Path.Combine(dir, stem + ".files")) ? System.IO.Directory.EnumerateFiles(Path.Combine(dir, stem + ".files"), "*", SearchOption.AllDirectories) : []);
            foreach (var f in candidates)
            {
                var bytes = await File.ReadAllBytesAsync(f);
                if (bytes.AsSpan().IndexOf(needle) >= 0) found.Add(f);
            }
            Assert.NotEmpty(candidates);
            return found;
        }
        await using var c = await ((Saraban.Workflow.EventStore.Postgres.PostgresEventStore)offices.Store).DataSource.OpenConnectionAsync();
        var tables = new List<string>();
        await using (var q = new NpgsqlCommand("SELECT table_schema || '.' || table_name FROM information_schema.tables WHERE table_schema = current_schema() OR table_schema LIKE current_schema() || '%'", c))
        await using (var r = await q.ExecuteReaderAsync())
            while (await r.ReadAsync()) tables.Add(r.GetString(0));
        Assert.Contains(tables, t => t.EndsWith(".events"));
        foreach (var t in tables)
        {
            // Every row as text: text columns as they are, bytea (the file chunks) as its hex.
            await using var q = new NpgsqlCommand($"SELECT count(*) FROM {t} x WHERE strpos(x::text, $1) > 0 OR strpos(x::text, $2) > 0", c);
            q.Parameters.Add(new() { Value = text });
            q.Parameters.Add(new() { Value = Convert.ToHexStringLower(needle) });
            if (Convert.ToInt64(await q.ExecuteScalarAsync()) > 0) found.Add(t);
        }
        return found;
    }
}
