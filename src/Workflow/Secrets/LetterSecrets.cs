using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Saraban.Workflow.EventStore;
using Saraban.Workflow.Letters;

namespace Saraban.Workflow.Secrets;

/// <summary>A letter's own key, wrapped by a master key (stream <c>keys-{letter}</c>); a rotation adds a wrap under the new master key.</summary>
public sealed record LetterKeyWrapped(string KeyOf, string MasterKeyId, string Wrapped);

/// <summary>What a ลับ or ลับมาก letter says, as stored: AES-GCM under the key of <see cref="KeyOf"/> (the letter that sealed it).</summary>
public sealed record SealedText(string KeyOf, string Box);

/// <summary>
/// Secret letters at rest (ชั้นความลับ ลับ and ลับมาก): the subject, the body and the enclosure lines
/// of each are sealed with AES-GCM under a key of the letter's own, which is stored wrapped by the
/// master key; what is left in the clear is the register's placeholder, "(หนังสือลับ)". Only
/// Correspondence's reads, after checking the reader, open it. ลับที่สุด never gets here: the 2564
/// amendment keeps such letters off electronic systems, so they are registered without content.
/// </summary>
public sealed class LetterSecrets(IEventStore store, EventTypes types, MasterKeys masterKeys)
{
    public const string Placeholder = "(หนังสือลับ)";

    public MasterKeys Keys => masterKeys;

    public static EventTypes Register(EventTypes t) => t.Register<LetterKeyWrapped>("letter-key-wrapped");

    public static string StreamOf(string keyOf) => $"keys-{keyOf}";

    public static bool IsSealable(Secrecy s) => s is Secrecy.Confidential or Secrecy.Secret;

    private sealed record Plain(string Subject, string AddresseeLine, IReadOnlyList<string> Body, IReadOnlyList<string> Enclosures);

    /// <summary>The content sealed under a new key for <paramref name="keyOf"/>, and the wrapped key's append, to go in the same transaction.</summary>
    public (LetterContent Sealed, StreamAppend Key) Seal(string keyOf, LetterContent plain, EventMetadata meta)
    {
        var key = RandomNumberGenerator.GetBytes(32);
        var box = Box(key, keyOf, JsonSerializer.SerializeToUtf8Bytes(new Plain(plain.Subject, plain.AddresseeLine, plain.Body, plain.Enclosures), EventTypes.Json));
        var sealedContent = plain with { Subject = Placeholder, AddresseeLine = "", Body = [],
            // As many lines as there were: the files' labels are numbered after them.
            Enclosures = [.. plain.Enclosures.Select(_ => Placeholder)], Sealed = new SealedText(keyOf, box) };
        return (sealedContent, KeyAppend(keyOf, key, meta, ExpectedVersion.NoStream));
    }

    public async Task<LetterContent> OpenAsync(LetterContent content, CancellationToken ct = default)
    {
        if (content.Sealed is not { } s) return content;
        var plain = JsonSerializer.Deserialize<Plain>(Unbox(await KeyAsync(s.KeyOf, ct), s.KeyOf, s.Box), EventTypes.Json)!;
        return content with { Subject = plain.Subject, AddresseeLine = plain.AddresseeLine, Body = plain.Body, Enclosures = plain.Enclosures, Sealed = null };
    }

    /// <summary>The letter's own key, unwrapped with whichever master key wrapped it last.</summary>
    public async Task<byte[]> KeyAsync(string keyOf, CancellationToken ct = default)
    {
        var wraps = await store.ReadStreamAsync(StreamOf(keyOf), ct: ct);
        foreach (var e in wraps.Reverse())
            if (types.Deserialize(e) is LetterKeyWrapped w && masterKeys.Find(w.MasterKeyId) is { } master)
                return Unbox(master.Bytes, keyOf, w.Wrapped);
        throw new DomainException(wraps.Count == 0
            ? $"ไม่พบกุญแจของหนังสือลับ {keyOf} (no key for this secret letter)."
            : $"กุญแจหลักที่ห่อกุญแจของหนังสือ {keyOf} ไม่อยู่ในการตั้งค่า (the master key that wrapped this letter's key is not configured).");
    }

    /// <summary>
    /// Wraps every letter's key under the current master key, where its last wrap is under another;
    /// after it the older master keys may be dropped from the configuration. Returns how many were rewrapped.
    /// </summary>
    public async Task<int> RotateAsync(CancellationToken ct = default)
    {
        var latest = new Dictionary<string, (LetterKeyWrapped Wrap, long Version)>(StringComparer.Ordinal);
        long position = 0;
        while (await store.ReadAllAsync(position, 5000, ct) is { Count: > 0 } batch)
        {
            foreach (var e in batch.Where(e => e.Type == "letter-key-wrapped"))
                latest[e.StreamId] = ((LetterKeyWrapped)types.Deserialize(e), e.Version);
            position = batch[^1].Position;
        }
        int rewrapped = 0;
        foreach (var (stream, (wrap, version)) in latest)
        {
            if (wrap.MasterKeyId == masterKeys.Current.Id) continue;
            var old = masterKeys.Find(wrap.MasterKeyId)
                ?? throw new DomainException($"กุญแจหลัก {wrap.MasterKeyId} ไม่อยู่ในการตั้งค่า หมุนกุญแจไม่ได้ (the old master key is needed to rotate).");
            var key = Unbox(old.Bytes, wrap.KeyOf, wrap.Wrapped);
            await store.AppendAsync([KeyAppend(wrap.KeyOf, key, EventMetadata.System(Guid.CreateVersion7()), ExpectedVersion.Exactly(version))], ct);
            rewrapped++;
        }
        return rewrapped;
    }

    private StreamAppend KeyAppend(string keyOf, byte[] key, EventMetadata meta, ExpectedVersion expected) =>
        new(StreamOf(keyOf), expected,
            [types.ToEventData(new LetterKeyWrapped(keyOf, masterKeys.Current.Id, Box(masterKeys.Current.Bytes, keyOf, key)), meta)]);

    /// <summary>nonce (12) | tag (16) | ciphertext, base64; the letter's id is authenticated with it, so a box cannot be moved to another letter.</summary>
    private static string Box(byte[] key, string keyOf, byte[] plain)
    {
        using var gcm = new AesGcm(key, 16);
        var output = new byte[12 + 16 + plain.Length];
        RandomNumberGenerator.Fill(output.AsSpan(0, 12));
        gcm.Encrypt(output.AsSpan(0, 12), plain, output.AsSpan(28), output.AsSpan(12, 16), Encoding.UTF8.GetBytes(keyOf));
        return Convert.ToBase64String(output);
    }

    private static byte[] Unbox(byte[] key, string keyOf, string box)
    {
        var bytes = Convert.FromBase64String(box);
        using var gcm = new AesGcm(key, 16);
        var plain = new byte[bytes.Length - 28];
        try { gcm.Decrypt(bytes.AsSpan(0, 12), bytes.AsSpan(28), bytes.AsSpan(12, 16), plain, Encoding.UTF8.GetBytes(keyOf)); }
        catch (AuthenticationTagMismatchException) { throw new DomainException("เปิดหนังสือลับไม่ได้: กุญแจไม่ตรง (a secret letter does not open with its key)."); }
        return plain;
    }
}
