using Saraban.Workflow.Files;
using Saraban.Workflow.Tests.EventStore;
using Saraban.Workflow.Tests.Letters;

namespace Saraban.Workflow.Tests.Files;

/// <summary>The example's offices with their file store: what the file tests start from.</summary>
internal static class Filing
{
    public static IFileStore Store(this Offices offices) => FileStores.For(offices.Store);

    public static LetterFiles Files(this Offices offices, FileLimits? limits = null) =>
        new(offices.Letters, offices.Store, offices.Types, offices.Access, offices.Store(), new FileIntake(offices.Store(), limits ?? new FileLimits()), offices.Clock, offices.Secrets);

    public static async Task<List<string>> StoredAsync(this Offices offices)
    {
        var all = new List<string>();
        await foreach (var (sha, _) in offices.Store().ListAsync()) all.Add(sha);
        return all;
    }

    public static async Task<byte[]> ReadAllAsync(this Stream s)
    {
        await using (s)
        {
            using var m = new MemoryStream();
            await s.CopyToAsync(m);
            return m.ToArray();
        }
    }

    /// <summary>Changes a stored file's bytes under the store, as someone with the disk or the database could.</summary>
    public static async Task TamperAsync(this Offices offices, Backend backend, string sha256)
    {
        switch (offices.Store())
        {
            case DiskFileStore disk:
                await File.WriteAllBytesAsync(disk.PathOf(sha256), SampleFiles.Pdf("swapped"));
                break;
            default:
                await backend.ExecuteRawAsync(offices.Store, $"UPDATE file_chunks SET data = '\\x255044462d'::bytea WHERE sha256 = '{sha256}'");
                break;
        }
    }
}
