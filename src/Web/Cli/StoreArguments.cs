using Saraban.Workflow.EventStore;

namespace Saraban.Web.Cli;

/// <summary>The options every verb that touches the database shares.</summary>
public static class StoreArguments
{
    public const string Help =
        """
          --db PATH              SQLite file (default data/saraban.db)
          --postgres "CONN"      use PostgreSQL instead (or set SARABAN_POSTGRES)
        """;

    public static StoreOptions Read(Arguments args, string? backend = null)
    {
        var db = args.Get("db");
        var pg = args.Get("postgres") ?? NullIfEmpty(Environment.GetEnvironmentVariable("SARABAN_POSTGRES"));
        return backend switch
        {
            null => db is not null ? new StoreOptions(db, null) : new StoreOptions(null, pg),
            "sqlite" => new StoreOptions(db, null),
            "postgres" => pg is not null
                ? new StoreOptions(null, pg)
                : throw new UsageException("--backend postgres needs --postgres \"Host=…;Username=…;Password=…;Database=…\" or SARABAN_POSTGRES"),
            _ => throw new UsageException($"--backend must be sqlite or postgres, not '{backend}'"),
        };
    }

    private static string? NullIfEmpty(string? s) => string.IsNullOrWhiteSpace(s) ? null : s;
}
