using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;

namespace Saraban.Workflow.Secrets;

/// <summary>
/// A secret letter's file as stored: AES-GCM a 64 KiB chunk at a time, so it is sealed and opened
/// as it streams (memory stays flat). Each chunk's nonce is the file's random prefix and the chunk's
/// number; its authenticated data names the letter, the number and whether it is the last, so
/// chunks can be neither moved between files, reordered, nor cut off at the end.
/// Layout: "SBX1", 8-byte prefix, then per chunk: length (4 bytes, the top bit marking the last),
/// ciphertext, tag (16). The mark is authenticated too: a file cut short does not open.
/// </summary>
public static class SealedFile
{
    public const int ChunkSize = 64 * 1024;
    private static readonly byte[] Magic = "SBX1"u8.ToArray();

    public static async Task SealAsync(Stream plain, Stream sealedOut, byte[] key, string keyOf, CancellationToken ct = default)
    {
        using var gcm = new AesGcm(key, 16);
        var prefix = RandomNumberGenerator.GetBytes(8);
        await sealedOut.WriteAsync(Magic, ct);
        await sealedOut.WriteAsync(prefix, ct);
        var current = new byte[ChunkSize];
        var next = new byte[ChunkSize];
        int n = await plain.ReadAtLeastAsync(current, ChunkSize, throwOnEndOfStream: false, ct);
        var cipher = new byte[ChunkSize];
        var tag = new byte[16];
        var length = new byte[4];
        for (uint index = 0; ; index++)
        {
            int m = n == ChunkSize ? await plain.ReadAtLeastAsync(next, ChunkSize, throwOnEndOfStream: false, ct) : 0;
            bool last = m == 0;
            gcm.Encrypt(Nonce(prefix, index), current.AsSpan(0, n), cipher.AsSpan(0, n), tag, Aad(keyOf, index, last));
            BinaryPrimitives.WriteUInt32BigEndian(length, (uint)n | (last ? 0x8000_0000u : 0));
            await sealedOut.WriteAsync(length, ct);
            await sealedOut.WriteAsync(cipher.AsMemory(0, n), ct);
            await sealedOut.WriteAsync(tag, ct);
            if (last) return;
            (current, next, n) = (next, current, m);
        }
    }

    /// <summary>The plain bytes, opened a chunk at a time as the caller reads.</summary>
    public static Stream Open(Stream sealedIn, byte[] key, string keyOf) => new OpeningStream(sealedIn, key, keyOf);

    private static byte[] Nonce(byte[] prefix, uint index)
    {
        var nonce = new byte[12];
        prefix.CopyTo(nonce, 0);
        BinaryPrimitives.WriteUInt32BigEndian(nonce.AsSpan(8), index);
        return nonce;
    }

    private static byte[] Aad(string keyOf, uint index, bool last) => Encoding.UTF8.GetBytes($"{keyOf}:{index}:{(last ? 1 : 0)}");

    private sealed class OpeningStream(Stream inner, byte[] key, string keyOf) : Stream
    {
        private readonly AesGcm _gcm = new(key, 16);
        private byte[]? _prefix;
        private byte[] _plain = [];
        private int _offset;
        private uint _index;
        private bool _done;

        public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken ct = default)
        {
            while (_offset == _plain.Length)
            {
                if (_done) return 0;
                await NextChunkAsync(ct);
            }
            int n = Math.Min(buffer.Length, _plain.Length - _offset);
            _plain.AsMemory(_offset, n).CopyTo(buffer);
            _offset += n;
            return n;
        }

        private async Task NextChunkAsync(CancellationToken ct)
        {
            if (_prefix is null)
            {
                var head = new byte[12];
                await inner.ReadExactlyAsync(head, ct);
                if (!head.AsSpan(0, 4).SequenceEqual(Magic)) throw new IOException("not a sealed file");
                _prefix = head[4..];
            }
            var length = new byte[4];
            await inner.ReadExactlyAsync(length, ct);
            uint header = BinaryPrimitives.ReadUInt32BigEndian(length);
            bool last = (header & 0x8000_0000u) != 0;
            int n = (int)(header & 0x7FFF_FFFFu);
            if (n > ChunkSize) throw new IOException("a sealed file's chunk is damaged");
            var cipher = new byte[n];
            var tag = new byte[16];
            await inner.ReadExactlyAsync(cipher, ct);
            await inner.ReadExactlyAsync(tag, ct);
            var plain = new byte[n];
            try { _gcm.Decrypt(Nonce(_prefix, _index), cipher, tag, plain, Aad(keyOf, _index, last)); }
            catch (AuthenticationTagMismatchException ex) { throw new IOException("a sealed file's chunk does not open with its key: altered or cut off", ex); }
            _index++;
            _plain = plain;
            _offset = 0;
            _done = last;
        }

        public override int Read(byte[] buffer, int offset, int count) => ReadAsync(buffer.AsMemory(offset, count)).AsTask().GetAwaiter().GetResult();
        public override bool CanRead => true;
        public override bool CanSeek => false;
        public override bool CanWrite => false;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }
        public override void Flush() { }
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        protected override void Dispose(bool disposing)
        {
            if (disposing)
            {
                _gcm.Dispose();
                inner.Dispose();
            }
            base.Dispose(disposing);
        }
    }
}
