namespace Saraban.Workflow.Views;

/// <summary>
/// Leases for work only one node may do at a time (the reminder job mails: a mail sent twice cannot
/// be taken back), kept in the views' database, which every node of a deployment shares, the way
/// each view's own lease is: a node holds it by renewing it, and another takes it once it runs out.
/// </summary>
public sealed partial class StoredViews
{
    private const string LeaseTable = """
        CREATE TABLE IF NOT EXISTS work_leases (name TEXT PRIMARY KEY, owner TEXT NOT NULL, lease_until BIGINT NOT NULL)
        """;

    /// <summary>Takes the lease <paramref name="name"/> for this node, or renews it; false while another node holds it.</summary>
    public async Task<bool> HoldLeaseAsync(string name, TimeSpan length, CancellationToken ct = default)
    {
        await _db.EnsureTableAsync(LeaseTable, ct);
        var now = Now;
        await using var tx = await _db.BeginAsync(ct);
        var held = await tx.QueryAsync("""
            INSERT INTO work_leases (name, owner, lease_until) VALUES ($1, $2, $3)
            ON CONFLICT (name) DO UPDATE SET owner = excluded.owner, lease_until = excluded.lease_until
            WHERE work_leases.owner = excluded.owner OR work_leases.lease_until < $4
            RETURNING owner
            """, r => r.GetString(0), [name, Node, now + (long)length.TotalMilliseconds, now], ct);
        await tx.CommitAsync(ct);
        return held.Count == 1;
    }

    /// <summary>Gives the lease up (a node that stops), so another need not wait for it to run out.</summary>
    public async Task ReleaseLeaseAsync(string name, CancellationToken ct = default)
    {
        if (!_db.Ensured(LeaseTable)) return;
        await using var tx = await _db.BeginAsync(ct);
        tx.Execute("UPDATE work_leases SET lease_until = 0 WHERE name = $1 AND owner = $2", [name, Node]);
        await tx.CommitAsync(ct);
    }

    /// <summary>
    /// Gives up the leases this node holds on the views (a node or a command that stops), once any batch
    /// in flight has committed, so the next process applies them at once instead of waiting out the lease.
    /// </summary>
    public async Task ReleaseViewLeasesAsync(CancellationToken ct = default)
    {
        await _applying.WaitAsync(ct);
        try
        {
            await using var tx = await _db.BeginAsync(ct);
            tx.Execute("UPDATE view_state SET owner = NULL, lease_until = 0 WHERE owner = $1", [Node]);
            await tx.CommitAsync(ct);
        }
        finally { _applying.Release(); }
    }
}
