using System.Runtime.CompilerServices;
using Npgsql;
using NpgsqlTypes;

namespace Saraban.Workflow.Files;

/// <summary>
/// PostgreSQL keeps files in the database, so every node serving it serves them: as chunked
/// bytea, one row per MiB (tables <c>files</c> and <c>file_chunks</c>, migration 2), not as large
/// objects. Chunks are ordinary rows: in the store's own schema, written in the upload's own
/// transaction, deleted by a DELETE, dumped and replicated like the events. Large objects live in
/// the database-wide <c>pg_largeobject</c> outside any schema, are left behind when the row naming
/// them goes (lo_unlink or vacuumlo must follow), and logical replication does not carry them. One
/// bytea per file would be simpler still, but a value is read and written whole, in the server's
/// and the client's memory: a 20 MB download would cost 20 MB at each end. A chunk at a time, each
/// its own short query, memory stays at a MiB and no transaction stays open while a client reads.
/// </summary>
public sealed class PostgresFileStore(NpgsqlDataSource db) : IFileStore
{
    public const int ChunkSize = 1 << 20;

    // A folder of this store's own: several stores in one process (the tests, each on its own
    // schema) shared one, so an upload spooled by one was counted as left behind by another.
    public string Scratch { get; } = Path.Combine(Path.GetTempPath(), "saraban-uploads", $"{Environment.ProcessId}-{Guid.NewGuid():N}"[..24]);

    public async Task PutAsync(string sha256, string path, CancellationToken ct = default)
    {
        await using var c = await db.OpenConnectionAsync(ct);
        await using var tx = await c.BeginTransactionAsync(ct);
        await using (var exists = new NpgsqlCommand("UPDATE files SET stored_at = now() WHERE sha256 = $1", c, tx) { Parameters = { new() { Value = sha256 } } })
            if (await exists.ExecuteNonQueryAsync(ct) > 0)
            {
                await tx.CommitAsync(ct);
                return;
            }
        await using var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, FileOptions.Asynchronous | FileOptions.SequentialScan);
        var buffer = new byte[ChunkSize];
        long length = 0;
        for (int seq = 0; ; seq++)
        {
            int n = await file.ReadAtLeastAsync(buffer, ChunkSize, throwOnEndOfStream: false, ct);
            if (n == 0) break;
            length += n;
            await using var insert = new NpgsqlCommand("INSERT INTO file_chunks (sha256, seq, data) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING", c, tx)
            {
                Parameters = { new() { Value = sha256 }, new() { Value = seq }, new() { Value = new ArraySegment<byte>(buffer, 0, n), NpgsqlDbType = NpgsqlDbType.Bytea } },
            };
            await insert.ExecuteNonQueryAsync(ct);
        }
        await using (var head = new NpgsqlCommand("INSERT INTO files (sha256, length) VALUES ($1, $2) ON CONFLICT DO NOTHING", c, tx)
                     { Parameters = { new() { Value = sha256 }, new() { Value = length } } })
            await head.ExecuteNonQueryAsync(ct);
        await tx.CommitAsync(ct);
    }

    public async Task<Stream?> OpenAsync(string sha256, CancellationToken ct = default)
    {
        await using var cmd = db.CreateCommand("SELECT length FROM files WHERE sha256 = $1");
        cmd.Parameters.Add(new() { Value = sha256 });
        return await cmd.ExecuteScalarAsync(ct) is long length ? new ChunkStream(db, sha256, length) : null;
    }

    public async Task<bool> DeleteAsync(string sha256, DateTimeOffset storedBefore, CancellationToken ct = default)
    {
        await using var c = await db.OpenConnectionAsync(ct);
        await using var tx = await c.BeginTransactionAsync(ct);
        await using (var head = new NpgsqlCommand("DELETE FROM files WHERE sha256 = $1 AND stored_at < $2", c, tx)
                     { Parameters = { new() { Value = sha256 }, new() { Value = storedBefore } } })
            if (await head.ExecuteNonQueryAsync(ct) == 0)
            {
                await tx.RollbackAsync(ct);
                return false;
            }
        await using (var chunks = new NpgsqlCommand("DELETE FROM file_chunks WHERE sha256 = $1", c, tx) { Parameters = { new() { Value = sha256 } } })
            await chunks.ExecuteNonQueryAsync(ct);
        await tx.CommitAsync(ct);
        return true;
    }

    public async IAsyncEnumerable<(string Sha256, DateTimeOffset StoredAt)> ListAsync([EnumeratorCancellation] CancellationToken ct = default)
    {
        await using var cmd = db.CreateCommand("SELECT sha256, stored_at FROM files ORDER BY sha256");
        await using var r = await cmd.ExecuteReaderAsync(ct);
        while (await r.ReadAsync(ct)) yield return (r.GetString(0), r.GetFieldValue<DateTimeOffset>(1));
    }

    /// <summary>Reads a stored file a chunk at a time, each chunk its own query.</summary>
    private sealed class ChunkStream(NpgsqlDataSource db, string sha256, long length) : Stream
    {
        private byte[] _chunk = [];
        private int _offset, _next;
        private long _position;

        public override bool CanRead => true;
        public override bool CanSeek => false;
        public override bool CanWrite => false;
        public override long Length => length;
        public override long Position { get => _position; set => throw new NotSupportedException(); }

        public override int Read(byte[] buffer, int offset, int count) => ReadAsync(buffer.AsMemory(offset, count)).AsTask().GetAwaiter().GetResult();

        public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken ct = default)
        {
            if (_offset == _chunk.Length)
            {
                if (_position >= length) return 0;
                await using var cmd = db.CreateCommand("SELECT data FROM file_chunks WHERE sha256 = $1 AND seq = $2");
                cmd.Parameters.Add(new() { Value = sha256 });
                cmd.Parameters.Add(new() { Value = _next++ });
                _chunk = await cmd.ExecuteScalarAsync(ct) as byte[] ?? throw new IOException($"file {sha256} lacks its chunk {_next - 1}");
                _offset = 0;
                if (_chunk.Length == 0) return 0;
            }
            int n = Math.Min(buffer.Length, _chunk.Length - _offset);
            _chunk.AsMemory(_offset, n).CopyTo(buffer);
            _offset += n;
            _position += n;
            return n;
        }

        public override void Flush() { }
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
