using System.Data.Common;
using Npgsql;
using Saraban.Workflow.EventStore;
using Saraban.Workflow.EventStore.Postgres;

namespace Saraban.Workflow.Views;

/// <summary>
/// The views on PostgreSQL, in the log's database: every node reads the same tables. A batch is one
/// transaction whose statements go to the server together (one round trip per query the batch
/// makes, and one for the rest).
/// </summary>
internal sealed class PostgresViewDatabase(string connectionString) : ViewDatabase
{
    // Views keep their own pool: their reads are custom-planned (IN lists, ranges), unlike the log's by-key statements.
    // Custom plans always: a view's tables start empty and grow by the million, and a generic plan
    // made while one was small scanned it whole for each row's update (measured: 40-60 ms an UPDATE
    // by key on 8,804 rows, 0.1 ms with its own plan).
    private readonly NpgsqlDataSource _db = PostgresConnections.Create(connectionString, autoPrepare: 256, customPlans: true);
    // Pages read tables that are already large, a few rows by key, hundreds of times a second: there
    // a custom plan costs more than the query (0.3-0.6 ms to plan, 0.01-0.5 ms to run, seen in the
    // server's log), so reads leave the choice to the planner, which settles on the generic plan.
    // A node works on 32 requests at once (serve's admission): 24 connections keep them busy
    // without taking the server's last connection slots from the other nodes and writers (a
    // cascade beside a node was refused connections when this pool could grow to 100).
    private readonly NpgsqlDataSource _reads = PostgresConnections.Create(connectionString, autoPrepare: 256, maxPool: 24);
    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, NpgsqlTypes.NpgsqlDbType[]> _types = new(StringComparer.Ordinal);
    private const long SchemaLock = 0x5341524156494557; // "SARAVIEW"

    public override SqlDialect Dialect => SqlDialect.Postgres;

    public override string Where
    {
        get
        {
            var b = new NpgsqlConnectionStringBuilder(_db.ConnectionString);
            return $"PostgreSQL {b.Host}:{b.Port}/{b.Database}";
        }
    }

    public override async Task InitializeAsync(CancellationToken ct)
    {
        await using var tx = await BeginExclusiveAsync(ct);
        try
        {
            // Trigram search of Thai subjects (no spaces between words). pg_trgm is a trusted
            // extension: a database owner may create it without being a superuser.
            // Once per database, in public: a schema of its own (search_path) would hide it from every other.
            tx.Execute("CREATE EXTENSION IF NOT EXISTS pg_trgm SCHEMA public", []);
            tx.Execute(StateTable, []);
            tx.Execute(ErrorTable, []);
            _trigramSchema = (await tx.QueryAsync("SELECT extnamespace::regnamespace::text FROM pg_extension WHERE extname = 'pg_trgm'", r => r.GetString(0), [], ct)).Single();
            await tx.CommitAsync(ct);
        }
        catch (PostgresException ex) when (ex.SqlState is "42501" or "58P01" or "0A000")
        {
            throw new EventStoreUnavailableException($"{Where}: the views need the extension pg_trgm (Debian's postgresql ships it; the database's owner may create it): {ex.MessageText}", ex);
        }
    }

    internal override async Task<ViewTransaction> BeginAsync(CancellationToken ct)
    {
        try
        {
            var c = await _db.OpenConnectionAsync(ct);
            return new Transaction(c, await c.BeginTransactionAsync(ct), this);
        }
        catch (Exception ex) when (ex is not OperationCanceledException) { throw PostgresConnections.Translate(ex, _db); }
    }

    internal override async Task<ViewTransaction> BeginExclusiveAsync(CancellationToken ct)
    {
        var tx = await BeginAsync(ct);
        try
        {
            await tx.QueryAsync("SELECT pg_advisory_xact_lock($1)", r => 0, [SchemaLock], ct);
            return tx;
        }
        catch
        {
            await tx.DisposeAsync();
            throw;
        }
    }

    internal override async Task<List<T>> QueryAsync<T>(string sql, Func<DbDataReader, T> map, object?[] args, CancellationToken ct)
    {
        try
        {
            await using var cmd = _reads.CreateCommand(sql);
            Bind(cmd.Parameters, sql, args);
            await using var r = await cmd.ExecuteReaderAsync(ct);
            var list = new List<T>();
            while (await r.ReadAsync(ct)) list.Add(map(r));
            return list;
        }
        catch (Exception ex) when (ex is not OperationCanceledException && !IsMissingTable(ex)) { throw PostgresConnections.Translate(ex, _reads); }
    }

    internal override bool IsMissingTable(Exception ex) => ex is PostgresException { SqlState: "42P01" };

    private string _trigramSchema = "public";

    internal override string SchemaStatement(string sql) => sql.Replace(" gin_trgm_ops", $" {_trigramSchema}.gin_trgm_ops", StringComparison.Ordinal);

    public override async ValueTask DisposeAsync()
    {
        await _reads.DisposeAsync();
        await _db.DisposeAsync();
    }

    /// <summary>
    /// Binds with the same types every time a statement runs: a null goes with the type that place
    /// had when it last held a value, since a statement prepared with other parameter types is
    /// prepared again (a column that is sometimes null would have every batch re-plan it).
    /// </summary>
    private void Bind(NpgsqlParameterCollection parameters, string sql, object?[] args)
    {
        var types = _types.GetOrAdd(sql, _ => new NpgsqlTypes.NpgsqlDbType[args.Length]);
        for (int i = 0; i < args.Length; i++)
        {
            var p = new NpgsqlParameter { Value = args[i] ?? DBNull.Value };
            if (args[i] is null) { if (i < types.Length && types[i] != 0) p.NpgsqlDbType = types[i]; }
            else if (i < types.Length) types[i] = p.NpgsqlDbType;
            parameters.Add(p);
        }
    }

    private sealed class Transaction(NpgsqlConnection c, NpgsqlTransaction tx, PostgresViewDatabase db) : ViewTransaction
    {
        private NpgsqlBatch _pending = new(c, tx);
        private bool _done;

        public override void Execute(string sql, object?[] args)
        {
            var cmd = new NpgsqlBatchCommand(sql);
            db.Bind(cmd.Parameters, sql, args);
            _pending.BatchCommands.Add(cmd);
        }

        private async ValueTask FlushAsync(CancellationToken ct)
        {
            if (_pending.BatchCommands.Count == 0) return;
            var batch = _pending;
            _pending = new NpgsqlBatch(c, tx);
            await using (batch) await batch.ExecuteNonQueryAsync(ct);
        }

        public override async ValueTask<List<T>> QueryAsync<T>(string sql, Func<DbDataReader, T> map, object?[] args, CancellationToken ct)
        {
            try
            {
                await FlushAsync(ct);
                await using var cmd = new NpgsqlCommand(sql, c, tx);
                db.Bind(cmd.Parameters, sql, args);
                await using var r = await cmd.ExecuteReaderAsync(ct);
                var list = new List<T>();
                while (await r.ReadAsync(ct)) list.Add(map(r));
                return list;
            }
            catch (Exception ex) when (ex is not OperationCanceledException and not PostgresException) { throw PostgresConnections.Translate(ex, db._db); }
        }

        public override async ValueTask CommitAsync(CancellationToken ct)
        {
            try
            {
                await FlushAsync(ct);
                await tx.CommitAsync(ct);
                _done = true;
            }
            catch (Exception ex) when (ex is not OperationCanceledException and not PostgresException) { throw PostgresConnections.Translate(ex, db._db); }
        }

        public override async ValueTask DisposeAsync()
        {
            await _pending.DisposeAsync();
            if (!_done) { try { await tx.RollbackAsync(); } catch (Exception) { /* the connection is gone; so is the transaction */ } }
            await tx.DisposeAsync();
            await c.DisposeAsync();
        }
    }
}
