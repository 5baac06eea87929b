using System.Collections.Concurrent;

namespace Saraban.Web.Accounts;

/// <summary>
/// Lock-out of an account (ระงับการเข้าสู่ระบบชั่วคราว) after repeated wrong passwords, whatever
/// address they come from: five failures within 15 minutes lock the user id for 15 minutes; a
/// right password before that clears the count. Held by each node (a cluster of N nodes allows
/// N × 5 tries a quarter-hour), beside the limit per address. A user id that does not exist is
/// counted the same, so the answer never tells which ids exist.
/// </summary>
internal sealed class SignInGuard(TimeProvider clock)
{
    public const int MaxFailures = 5;
    public static readonly TimeSpan Window = TimeSpan.FromMinutes(15);
    private const int MaxTracked = 100_000;

    private readonly ConcurrentDictionary<string, Failures> _failures = new(StringComparer.OrdinalIgnoreCase);

    private sealed record Failures(int Count, DateTimeOffset First, DateTimeOffset? LockedUntil);

    /// <summary>Until when the account is locked, or null.</summary>
    public DateTimeOffset? LockedUntil(string userId) =>
        _failures.TryGetValue(userId.Trim(), out var f) && f.LockedUntil is { } until && until > clock.GetUtcNow() ? until : null;

    public void Failed(string userId)
    {
        var now = clock.GetUtcNow();
        if (_failures.Count > MaxTracked)
            foreach (var (key, f) in _failures)
                if (f.First + Window < now && (f.LockedUntil ?? now) <= now) _failures.TryRemove(key, out _);
        _failures.AddOrUpdate(userId.Trim(), _ => new Failures(1, now, null), (_, f) =>
        {
            if (f.LockedUntil is { } until && until > now) return f;
            var count = f.First + Window < now ? 1 : f.Count + 1;
            var first = count == 1 ? now : f.First;
            return new Failures(count, first, count >= MaxFailures ? now + Window : null);
        });
    }

    public void Succeeded(string userId) => _failures.TryRemove(userId.Trim(), out _);
}
