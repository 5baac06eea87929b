using System.Security.Cryptography;
using Saraban.Workflow.EventStore;

namespace Saraban.Workflow.Files;

/// <summary>
/// What <c>verify</c> adds to the hash chain: every file a live letter names is in the store and
/// its bytes still hash to the name in the letter's event. The chain proves the events unchanged,
/// so a file swapped, altered or lost is found here.
/// </summary>
public static class FileCheck
{
    public sealed record Problem(string Sha256, string StreamId, int Number, string FileName, string What);
    public sealed record Report(int FilesChecked, long BytesChecked, IReadOnlyList<Problem> Problems)
    {
        public bool Holds => Problems.Count == 0;
    }

    public static async Task<Report> RunAsync(IEventStore store, EventTypes types, IFileStore files, CancellationToken ct = default)
    {
        var live = (await FileReferences.ReadAsync(store, types, ct)).Live();
        var problems = new List<Problem>();
        long bytes = 0;
        var buffer = new byte[1 << 16];
        foreach (var (sha, (letter, number, file)) in live.OrderBy(x => x.Key, StringComparer.Ordinal))
        {
            await using var content = await files.OpenAsync(sha, ct);
            if (content is null)
            {
                problems.Add(new Problem(sha, letter.StreamId, number, file.FileName, "missing from the file store"));
                continue;
            }
            using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
            long length = 0;
            int n;
            try
            {
                while ((n = await content.ReadAsync(buffer, ct)) > 0)
                {
                    hash.AppendData(buffer, 0, n);
                    length += n;
                }
            }
            catch (IOException ex)
            {
                problems.Add(new Problem(sha, letter.StreamId, number, file.FileName, $"its bytes were changed: {ex.Message}"));
                continue;
            }
            bytes += length;
            var actual = FileStores.Hex(hash.GetHashAndReset());
            if (actual != sha || length != file.Length)
                problems.Add(new Problem(sha, letter.StreamId, number, file.FileName, $"its bytes were changed (they hash to {actual[..12]}…, {length:N0} bytes; the letter says {sha[..12]}…, {file.Length:N0} bytes)"));
        }
        return new Report(live.Count, bytes, problems);
    }
}
