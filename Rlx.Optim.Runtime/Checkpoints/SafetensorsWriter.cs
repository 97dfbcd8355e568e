using System;
using System.Buffers;
using System.Buffers.Binary;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Runtime.InteropServices;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace Rlx.Optim;

/// <summary>
/// Writes a safetensors file: the 8-byte little-endian header length, the JSON header (padded with spaces so the
/// data starts on an 8-byte boundary, as the reference writer does), then every tensor's F32 bytes in order.
/// </summary>
internal static class SafetensorsWriter
{
    private const int Alignment = 8;

    /// <summary>Writes <paramref name="tensors"/>, contiguous in the given order, with <paramref name="metadata"/> as <c>__metadata__</c>.</summary>
    /// <remarks>The header is built completely before the first byte is written, so a failure there writes nothing.</remarks>
    public static void Write(
        Stream stream,
        IReadOnlyList<KeyValuePair<string, string>> metadata,
        IReadOnlyList<(string Name, IReadOnlyList<int> Shape, StateBuffer Data)> tensors)
    {
        byte[] header = Header(metadata, tensors.Select(t => (t.Name, t.Shape, CheckpointFormat.DtypeOf(t.Data.Precision), Bytes(t.Data))).ToList());
        Span<byte> length = stackalloc byte[sizeof(ulong)];
        BinaryPrimitives.WriteUInt64LittleEndian(length, (ulong)header.Length);
        stream.Write(length);
        stream.Write(header);
        foreach ((_, _, StateBuffer data) in tensors)
        {
            if (data.Precision == StatePrecision.Single)
            {
                LittleEndianFloats.Write(stream, data.Span);
            }
            else
            {
                LittleEndianHalves.Write(stream, MemoryMarshal.Cast<BFloat16, ushort>(data.BFloat16Span));
            }
        }

        stream.Flush();
    }

    /// <summary>A buffer's bytes in a checkpoint.</summary>
    private static long Bytes(StateBuffer data) => (long)data.Length * StateBuffer.ElementSize(data.Precision);

    /// <summary>
    /// The JSON header, padded so that after its 8-byte length the data starts on an 8-byte boundary: tensors
    /// contiguous in the given order, each of <c>Bytes</c> bytes.
    /// </summary>
    internal static byte[] Header(
        IReadOnlyList<KeyValuePair<string, string>> metadata,
        IReadOnlyList<(string Name, IReadOnlyList<int> Shape, string Dtype, long Bytes)> tensors)
    {
        var json = new ArrayBufferWriter<byte>();

        // Relaxed escaping: the header is not HTML, and names such as "norm+gain" stay readable.
        using (var writer = new Utf8JsonWriter(json, new JsonWriterOptions { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            writer.WriteStartObject();
            writer.WriteStartObject(CheckpointFormat.MetadataKey);
            foreach ((string key, string value) in metadata)
            {
                writer.WriteString(key, value);
            }

            writer.WriteEndObject();
            long offset = 0;
            foreach ((string name, IReadOnlyList<int> shape, string dtype, long bytes) in tensors)
            {
                long end = offset + bytes;
                writer.WriteStartObject(name);
                writer.WriteString("dtype", dtype);
                writer.WriteStartArray("shape");
                foreach (int dimension in shape)
                {
                    writer.WriteNumberValue(dimension);
                }

                writer.WriteEndArray();
                writer.WriteStartArray("data_offsets");
                writer.WriteNumberValue(offset);
                writer.WriteNumberValue(end);
                writer.WriteEndArray();
                writer.WriteEndObject();
                offset = end;
            }

            writer.WriteEndObject();
        }

        int padded = ((sizeof(ulong) + json.WrittenCount + Alignment - 1) / Alignment * Alignment) - sizeof(ulong);
        byte[] header = new byte[padded];
        json.WrittenSpan.CopyTo(header);
        header.AsSpan(json.WrittenCount).Fill((byte)' ');
        return header;
    }
}
