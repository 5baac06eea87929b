using Saraban.Workflow.Views;

namespace Saraban.Workflow.Access;

/// <summary>
/// Wrong passwords counted per account, and the lock-out after <see cref="MaxFailures"/> of them
/// within <see cref="Window"/>, kept in the views' database that every node shares: a guesser who
/// spreads attempts over the nodes, or waits for a restart, meets the same count. Not events: a
/// guessing attack must not be able to grow the log, and a count that expires is not a record.
/// </summary>
public sealed class SignInLockout(StoredViews views, TimeProvider clock)
{
    public const int MaxFailures = 5;
    public static readonly TimeSpan Window = TimeSpan.FromMinutes(15);

    private const string Table = """
        CREATE TABLE IF NOT EXISTS sign_in_failures (
            user_id TEXT PRIMARY KEY, failures INTEGER NOT NULL, first_at BIGINT NOT NULL, locked_until BIGINT)
        """;

    /// <summary>Until when the account is locked, or null.</summary>
    public async Task<DateTimeOffset?> LockedUntilAsync(string userId, CancellationToken ct = default)
    {
        await EnsureTableAsync(ct);
        var until = await views.Database.QueryAsync("SELECT locked_until FROM sign_in_failures WHERE user_id = $1 AND locked_until > $2",
            r => r.GetInt64(0), [Key(userId), Now], ct);
        return until.Count == 0 ? null : DateTimeOffset.FromUnixTimeMilliseconds(until[0]);
    }

    /// <summary>Counts a wrong password, in one statement so that two nodes counting at once lose neither; returns until when the account is now locked, or null.</summary>
    public async Task<DateTimeOffset?> FailedAsync(string userId, CancellationToken ct = default)
    {
        await EnsureTableAsync(ct);
        long now = Now, window = (long)Window.TotalMilliseconds;
        const string f = "sign_in_failures";
        // Within a lock nothing changes; after the window the count starts again at one.
        var count = $"CASE WHEN {f}.locked_until > $2 THEN {f}.failures WHEN {f}.first_at + $3 < $2 THEN 1 ELSE {f}.failures + 1 END";
        await using var tx = await views.Database.BeginAsync(ct);
        var locked = await tx.QueryAsync($"""
            INSERT INTO {f} (user_id, failures, first_at, locked_until) VALUES ($1, 1, $2, CASE WHEN $4 <= 1 THEN $2 + $3 END)
            ON CONFLICT (user_id) DO UPDATE SET
                failures = {count},
                first_at = CASE WHEN {f}.locked_until > $2 THEN {f}.first_at WHEN {f}.first_at + $3 < $2 THEN $2 ELSE {f}.first_at END,
                locked_until = CASE WHEN {f}.locked_until > $2 THEN {f}.locked_until WHEN {count} >= $4 THEN $2 + $3 END
            RETURNING locked_until
            """, r => r.IsDBNull(0) ? (long?)null : r.GetInt64(0), [Key(userId), now, window, (long)MaxFailures], ct);
        await tx.CommitAsync(ct);
        return locked is [{ } until] && until > now ? DateTimeOffset.FromUnixTimeMilliseconds(until) : null;
    }

    /// <summary>A right password clears the count (never a lock: <see cref="LockedUntilAsync"/> is asked first).</summary>
    public async Task SucceededAsync(string userId, CancellationToken ct = default)
    {
        await EnsureTableAsync(ct);
        await using var tx = await views.Database.BeginAsync(ct);
        tx.Execute("DELETE FROM sign_in_failures WHERE user_id = $1 AND (locked_until IS NULL OR locked_until <= $2)", [Key(userId), Now]);
        await tx.CommitAsync(ct);
    }

    private static string Key(string userId) => userId.Trim().ToLowerInvariant();

    private long Now => clock.GetUtcNow().ToUnixTimeMilliseconds();

    private Task EnsureTableAsync(CancellationToken ct) => views.Database.EnsureTableAsync(Table, ct);
}
