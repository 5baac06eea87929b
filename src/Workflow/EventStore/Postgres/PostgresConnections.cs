using System.Net.Sockets;
using Npgsql;

namespace Saraban.Workflow.EventStore.Postgres;

internal static class PostgresConnections
{
    public static NpgsqlDataSource Create(string connectionString, bool genericPlans = false, int autoPrepare = 32, bool customPlans = false, int? maxPool = null)
    {
        NpgsqlConnectionStringBuilder b;
        try { b = new NpgsqlConnectionStringBuilder(connectionString); }
        catch (ArgumentException ex) { throw new EventStoreUnavailableException($"The PostgreSQL connection string is not valid: {ex.Message}", ex); }
        if (b.Timeout == 15) b.Timeout = 5; // fail fast when the server is not there; 15 s is Npgsql's default
        b.ApplicationName ??= "saraban";
        // A pool's own bound, unless the connection string sets one (Npgsql's default is 100).
        if (maxPool is { } max && b.MaxPoolSize == 100) b.MaxPoolSize = max;
        // The same few statements run thousands of times a second: prepared once per connection,
        // the server skips parsing and planning them (measured: a large share of append cost).
        if (b.MaxAutoPrepare == 0) b.MaxAutoPrepare = autoPrepare;
        // Npgsql resets a pooled connection's session (RESET ALL, CLOSE ALL, …: one more statement
        // on the server) each time it is taken again. The store keeps no session state (its locks
        // are transaction-scoped), so the reset is pure cost, paid on every append and read.
        b.NoResetOnClose = true;
        // Prepared statements are still planned afresh on each run ("custom plans") for as long as
        // the planner guesses that pays; with an array parameter it always does. Planning the
        // append's statement (a CTE, sublinks) and the read of a letter with its routing cost more
        // than running them (measured in the cascade). Such statements find rows by key, so their
        // pool takes the one generic plan. Not every statement: reads of the log by position keep
        // custom plans (a generic "position > $1 LIMIT $2" has no row count to go by).
        if ((genericPlans || customPlans) && b.Options?.Contains("plan_cache_mode") != true)
            b.Options = $"{b.Options} -c plan_cache_mode={(genericPlans ? "force_generic_plan" : "force_custom_plan")}".Trim();
        return new NpgsqlDataSourceBuilder(b.ConnectionString).Build();
    }

    /// <summary>Names the server the caller could not reach, in one line.</summary>
    public static Exception Translate(Exception ex, NpgsqlDataSource db)
    {
        var b = new NpgsqlConnectionStringBuilder(db.ConnectionString);
        var where = $"{b.Host}:{b.Port}/{b.Database}";
        return ex switch
        {
            EventStoreException => ex,
            PostgresException pg when pg.SqlState is "28P01" or "28000" =>
                new EventStoreUnavailableException($"PostgreSQL at {where} refused the login: {pg.MessageText}", ex),
            PostgresException pg when pg.SqlState == "3D000" =>
                new EventStoreUnavailableException($"PostgreSQL at {where}: {pg.MessageText}", ex),
            PostgresException => ex,
            NpgsqlException { InnerException: SocketException or TimeoutException or IOException } or NpgsqlException { IsTransient: true } =>
                new EventStoreUnavailableException($"Cannot reach PostgreSQL at {where}: {(ex.InnerException ?? ex).Message}", ex),
            TimeoutException => new EventStoreUnavailableException($"Cannot reach PostgreSQL at {where}: {ex.Message}", ex),
            _ => ex,
        };
    }
}
