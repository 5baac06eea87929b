using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace Saraban.Workflow.Access;

/// <summary>
/// ASP.NET Core's PasswordHasher (PBKDF2-HMAC-SHA256, salted, versioned format), at its default
/// 100,000 iterations: never a plain or home-made hash.
/// </summary>
public sealed class Passwords(int iterations = 100_000)
{
    public const int MinimumLength = 8;

    private readonly PasswordHasher<UserAccount> _hasher = new(Options.Create(new PasswordHasherOptions { IterationCount = iterations }));

    public string Hash(string password)
    {
        if (string.IsNullOrEmpty(password) || password.Length < MinimumLength)
            throw new DomainException($"รหัสผ่านต้องยาวอย่างน้อย {MinimumLength} ตัวอักษร (a password needs at least {MinimumLength} characters).");
        return _hasher.HashPassword(null!, password);
    }

    public bool Verify(UserAccount user, string password) =>
        !string.IsNullOrEmpty(password) && _hasher.VerifyHashedPassword(user, user.PasswordHash, password) != PasswordVerificationResult.Failed;
}
