using System;
using System.Collections.Generic;
using System.IO;

namespace Rlx.Optim;

/// <summary>
/// The data buffer after a header, read in order. A seekable stream's length was checked against the header, so
/// it is read straight into the new state. A stream that cannot seek is first read to its end in chunks: a header
/// that claims more data than the stream holds then fails before the state it describes is allocated.
/// </summary>
internal abstract class TensorBytes
{
    private const int Chunk = 1 << 20;

    /// <summary>Fills <paramref name="destination"/> with the next bytes of the data buffer.</summary>
    public abstract void Read(Span<byte> destination);

    public static TensorBytes From(Stream stream, SafetensorsHeader header, CheckpointSource source) =>
        stream.CanSeek ? new Direct(stream, source) : Buffered.ReadAll(stream, header.DataBytes, source);

    private sealed class Direct(Stream stream, CheckpointSource source) : TensorBytes
    {
        public override void Read(Span<byte> destination)
        {
            try
            {
                stream.ReadExactly(destination);
            }
            catch (EndOfStreamException error)
            {
                // The length was checked; the stream shrank since (a file truncated while it was read).
                throw source.Refuse("it is truncated: the data ended while it was read.", error);
            }
        }
    }

    private sealed class Buffered(List<byte[]> chunks) : TensorBytes
    {
        private int _chunk;
        private int _offset;

        public static Buffered ReadAll(Stream stream, long count, CheckpointSource source)
        {
            var chunks = new List<byte[]>();
            long read = 0;
            while (read < count)
            {
                byte[] chunk = new byte[(int)Math.Min(Chunk, count - read)];
                int filled = stream.ReadAtLeast(chunk, chunk.Length, throwOnEndOfStream: false);
                read += filled;
                if (filled < chunk.Length)
                {
                    throw source.Refuse($"it is truncated: its header describes {count} bytes of tensor data, but the stream ends after {read}.");
                }

                chunks.Add(chunk);
            }

            Span<byte> probe = stackalloc byte[1];
            if (stream.Read(probe) != 0)
            {
                throw source.Refuse($"it has bytes after the end of the last tensor (at byte {count} of the data); a safetensors file ends with its data.");
            }

            return new Buffered(chunks);
        }

        public override void Read(Span<byte> destination)
        {
            while (!destination.IsEmpty)
            {
                byte[] chunk = chunks[_chunk];
                int n = Math.Min(destination.Length, chunk.Length - _offset);
                chunk.AsSpan(_offset, n).CopyTo(destination);
                destination = destination[n..];
                _offset += n;
                if (_offset == chunk.Length)
                {
                    _chunk++;
                    _offset = 0;
                }
            }
        }
    }
}
