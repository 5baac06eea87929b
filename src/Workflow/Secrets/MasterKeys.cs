using System.Security.Cryptography;

namespace Saraban.Workflow.Secrets;

/// <summary>
/// The master keys that wrap each secret letter's own key, read from configuration, never from the
/// database: the environment (SARABAN_MASTER_KEY) or a key file (SARABAN_MASTER_KEY_FILE, else
/// the default beside the program's data). One base64 key of 32 bytes a line, the current first;
/// older ones follow while letters are still wrapped under them (see <see cref="LetterSecrets.RotateAsync"/>).
/// </summary>
public sealed class MasterKeys
{
    public sealed record Key(string Id, byte[] Bytes);

    public IReadOnlyList<Key> Keys { get; }
    /// <summary>The key file these came from; null when they came from the environment.</summary>
    public string? File { get; }
    public Key Current => Keys[0];

    private MasterKeys(IReadOnlyList<Key> keys, string? file) => (Keys, File) = (keys, file);

    public static string IdOf(byte[] key) => Convert.ToHexStringLower(SHA256.HashData(key))[..12];

    public Key? Find(string id) => Keys.FirstOrDefault(k => k.Id == id);

    public static MasterKeys Parse(string text, string? file)
    {
        var keys = new List<Key>();
        foreach (var raw in text.Split('\n', ',', ';'))
        {
            var line = raw.Trim();
            if (line.Length == 0 || line.StartsWith('#')) continue;
            byte[] bytes;
            try { bytes = Convert.FromBase64String(line); }
            catch (FormatException) { throw new DomainException($"กุญแจหลักไม่ใช่ base64 ({file ?? "SARABAN_MASTER_KEY"}) (a master key is not base64)."); }
            if (bytes.Length != 32) throw new DomainException($"กุญแจหลักต้องยาว 32 ไบต์ ({file ?? "SARABAN_MASTER_KEY"}) (a master key must be 32 bytes).");
            keys.Add(new Key(IdOf(bytes), bytes));
        }
        if (keys.Count == 0) throw new DomainException($"ไม่พบกุญแจหลักใน {file ?? "SARABAN_MASTER_KEY"} (no master key).");
        return new MasterKeys(keys, file);
    }

    /// <summary>
    /// From SARABAN_MASTER_KEY, else the file SARABAN_MASTER_KEY_FILE names, else <paramref name="defaultFile"/>,
    /// which is made (readable by this user only) when it does not exist yet.
    /// </summary>
    public static MasterKeys Load(string defaultFile)
    {
        if (Environment.GetEnvironmentVariable("SARABAN_MASTER_KEY") is { Length: > 0 } env) return Parse(env, null);
        var file = Environment.GetEnvironmentVariable("SARABAN_MASTER_KEY_FILE") is { Length: > 0 } f ? f : defaultFile;
        // Several nodes may start at once on a new database: the first file made wins, the others read it.
        if (!System.IO.File.Exists(file)) Write(file, [RandomNumberGenerator.GetBytes(32)], replace: false);
        return Parse(System.IO.File.ReadAllText(file), file);
    }

    /// <summary>The default key file for a store: beside the SQLite file, or in data/ for PostgreSQL (every node needs the same one).</summary>
    public static string DefaultFileFor(string? sqlitePath) =>
        sqlitePath is null ? Path.GetFullPath("data/master.key") : Path.ChangeExtension(Path.GetFullPath(sqlitePath), null) + ".master-key";

    /// <summary>Writes the keys, newest first, replacing the file in one move; only this user may read it.</summary>
    public static void Write(string file, IEnumerable<byte[]> keys, bool replace = true)
    {
        System.IO.Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(file))!);
        var temp = $"{file}.{Guid.NewGuid():N}.new";
        var text = "# Saraban master keys: the current first. Keep this file apart from the database and its backups.\n"
            + string.Concat(keys.Select(k => Convert.ToBase64String(k) + "\n"));
        using (var s = new FileStream(temp, FileMode.Create, FileAccess.Write, FileShare.None, 4096, FileOptions.None))
        {
            if (!OperatingSystem.IsWindows()) System.IO.File.SetUnixFileMode(temp, UnixFileMode.UserRead | UnixFileMode.UserWrite);
            s.Write(System.Text.Encoding.ASCII.GetBytes(text));
            s.Flush(flushToDisk: true);
        }
        try { System.IO.File.Move(temp, file, overwrite: replace); }
        catch (IOException) when (!replace && System.IO.File.Exists(file)) { System.IO.File.Delete(temp); }
    }

    public static MasterKeys Of(params byte[][] keys) => new(keys.Select(k => new Key(IdOf(k), k)).ToList(), null);
}
