using System;
using System.Buffers.Binary;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.Json;
using System.Text.Unicode;

namespace Rlx.Optim;

/// <summary>
/// Reads a safetensors header and checks its structure before anything is allocated for the data: the length
/// prefix against the bound and the stream, the JSON, every tensor entry, and that the tensors tile the data buffer.
/// </summary>
/// <remarks>
/// The format: an 8-byte little-endian length N, N bytes of UTF-8 JSON (an object mapping each tensor's name to its
/// <c>dtype</c>, <c>shape</c> and <c>data_offsets</c>, plus an optional <c>__metadata__</c> object of strings), then
/// the data buffer, to which the offsets are relative.
/// </remarks>
internal static class SafetensorsReader
{
    private const int LengthPrefixBytes = sizeof(ulong);

    /// <summary>
    /// Reads the header from the stream's position. A seekable stream must hold exactly the header and the data it
    /// describes; a stream that cannot seek is checked while its data is read.
    /// </summary>
    /// <exception cref="CheckpointException">The header is malformed, or the stream's length does not match it.</exception>
    public static SafetensorsHeader ReadHeader(Stream stream, CheckpointSource source)
    {
        long? available = stream.CanSeek ? Math.Max(0, stream.Length - stream.Position) : null;
        Span<byte> prefix = stackalloc byte[LengthPrefixBytes];
        if (stream.ReadAtLeast(prefix, LengthPrefixBytes, throwOnEndOfStream: false) < LengthPrefixBytes)
        {
            throw source.Refuse($"it is truncated: it ends within the {LengthPrefixBytes}-byte header length.");
        }

        ulong jsonBytes = BinaryPrimitives.ReadUInt64LittleEndian(prefix);
        if (jsonBytes > CheckpointFormat.MaxHeaderBytes)
        {
            throw source.Refuse($"the header length says {jsonBytes} bytes, more than the {CheckpointFormat.MaxHeaderBytes} a safetensors header may have; the length is corrupted.");
        }

        if (available is long total && LengthPrefixBytes + (long)jsonBytes > total)
        {
            throw source.Refuse($"it is truncated: the header length says {jsonBytes} bytes of JSON, but only {total - LengthPrefixBytes} bytes follow it.");
        }

        byte[] json = ReadJson(stream, (int)jsonBytes, source);
        SafetensorsHeader header = Parse(json, source);
        if (available is long length)
        {
            CheckLength(header, length, source);
        }

        return header;
    }

    /// <summary>The stream must hold the data buffer and nothing more.</summary>
    private static void CheckLength(SafetensorsHeader header, long available, CheckpointSource source)
    {
        long expected = header.HeaderBytes + header.DataBytes;
        if (available < expected)
        {
            throw source.Refuse($"it is truncated: it has {available} bytes, but its header describes {expected} ({header.HeaderBytes} of header and {header.DataBytes} of tensor data).");
        }

        if (available > expected)
        {
            throw source.Refuse($"it has {available - expected} bytes after the end of the last tensor (at byte {expected}); a safetensors file ends with its data.");
        }
    }

    /// <summary>Reads the JSON in chunks, so a corrupted length makes a short stream fail before a large allocation.</summary>
    private static byte[] ReadJson(Stream stream, int count, CheckpointSource source)
    {
        const int Chunk = 1 << 20;
        byte[] json = new byte[Math.Min(count, Chunk)];
        int read = 0;
        while (read < count)
        {
            if (read == json.Length)
            {
                Array.Resize(ref json, (int)Math.Min(count, 2L * json.Length));
            }

            int n = stream.Read(json, read, json.Length - read);
            if (n == 0)
            {
                throw source.Refuse($"it is truncated: the header length says {count} bytes of JSON, but the stream ends after {read}.");
            }

            read += n;
        }

        return json;
    }

    private static SafetensorsHeader Parse(byte[] json, CheckpointSource source)
    {
        if (json.Length == 0 || json[0] != (byte)'{')
        {
            throw source.Refuse("the header does not start with '{', so it is not a safetensors JSON header.");
        }

        if (!Utf8.IsValid(json))
        {
            throw source.Refuse("the header is not valid UTF-8.");
        }

        JsonDocument document;
        try
        {
            // The deepest valid entry is root → tensor → shape; anything much deeper is not a header.
            document = JsonDocument.Parse(json, new JsonDocumentOptions { MaxDepth = 8 });
        }
        catch (JsonException error)
        {
            throw source.Refuse($"the header is not valid JSON ({error.Message}).", error);
        }

        using (document)
        {
            var names = new HashSet<string>(StringComparer.Ordinal);
            var tensors = new List<SafetensorsTensor>();
            Dictionary<string, string>? metadata = null;
            foreach (JsonProperty property in document.RootElement.EnumerateObject())
            {
                string name = JsonText.Name(property, source);
                if (!names.Add(name))
                {
                    throw source.Refuse($"the header names '{name}' twice.");
                }

                if (name == CheckpointFormat.MetadataKey)
                {
                    metadata = ReadMetadata(property.Value, source);
                }
                else
                {
                    tensors.Add(ReadTensor(name, property.Value, source));
                }
            }

            long dataBytes = CheckTiling(tensors, source);
            return new SafetensorsHeader(tensors, metadata, LengthPrefixBytes + json.Length, dataBytes);
        }
    }

    private static Dictionary<string, string> ReadMetadata(JsonElement element, CheckpointSource source)
    {
        if (element.ValueKind != JsonValueKind.Object)
        {
            throw source.Refuse($"'{CheckpointFormat.MetadataKey}' is a JSON {element.ValueKind}, not an object of strings.");
        }

        var metadata = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (JsonProperty entry in element.EnumerateObject())
        {
            string key = JsonText.Name(entry, source);
            if (entry.Value.ValueKind != JsonValueKind.String)
            {
                throw source.Refuse($"metadata entry '{key}' is a JSON {entry.Value.ValueKind}; safetensors metadata values are strings.");
            }

            if (!metadata.TryAdd(key, JsonText.String(entry.Value, source)))
            {
                throw source.Refuse($"metadata entry '{key}' appears twice.");
            }
        }

        return metadata;
    }

    private static SafetensorsTensor ReadTensor(string name, JsonElement element, CheckpointSource source)
    {
        if (element.ValueKind != JsonValueKind.Object)
        {
            throw source.Refuse($"the entry of tensor '{name}' is a JSON {element.ValueKind}, not an object.");
        }

        JsonElement? dtype = null, shape = null, offsets = null;
        foreach (JsonProperty field in element.EnumerateObject())
        {
            string fieldName = JsonText.Name(field, source);
            bool first = fieldName switch
            {
                "dtype" => TrySet(ref dtype, field.Value),
                "shape" => TrySet(ref shape, field.Value),
                "data_offsets" => TrySet(ref offsets, field.Value),
                _ => throw source.Refuse($"tensor '{name}' has an unknown field '{fieldName}' (expected dtype, shape and data_offsets)."),
            };
            if (!first)
            {
                throw source.Refuse($"tensor '{name}' has two '{fieldName}' fields.");
            }
        }

        string type = dtype is { ValueKind: JsonValueKind.String } d
            ? JsonText.String(d, source)
            : throw source.Refuse($"tensor '{name}' has no dtype string.");
        int elementSize = CheckpointFormat.ElementSize(type);
        if (elementSize == 0)
        {
            throw source.Refuse($"tensor '{name}' has dtype '{type}'; optimizer state is {CheckpointFormat.Dtype} or {CheckpointFormat.BFloat16Dtype}.");
        }

        int[] dimensions = ReadShape(name, shape, out long elements, source);
        (long begin, long end) = ReadOffsets(name, offsets, source);
        if (end - begin != elements * elementSize)
        {
            throw source.Refuse($"tensor '{name}' has offsets [{begin}, {end}), {end - begin} bytes, but its shape [{string.Join(", ", dimensions)}] of {type} needs {elements * elementSize}.");
        }

        return new SafetensorsTensor(name, dimensions, begin, end, type);
    }

    private static int[] ReadShape(string name, JsonElement? shape, out long elements, CheckpointSource source)
    {
        if (shape is not { ValueKind: JsonValueKind.Array } array)
        {
            throw source.Refuse($"tensor '{name}' has no shape array.");
        }

        var dimensions = new int[array.GetArrayLength()];
        elements = 1;
        int i = 0;
        foreach (JsonElement dimension in array.EnumerateArray())
        {
            if (dimension.ValueKind != JsonValueKind.Number || !dimension.TryGetInt32(out int value) || value < 0)
            {
                throw source.Refuse($"tensor '{name}' has a dimension {dimension.GetRawText()} that is not an integer from 0 to {int.MaxValue}.");
            }

            dimensions[i++] = value;
            elements *= value;
            if (elements > int.MaxValue)
            {
                throw source.Refuse($"tensor '{name}' has a shape of more than {int.MaxValue} elements.");
            }
        }

        return dimensions;
    }

    private static (long Begin, long End) ReadOffsets(string name, JsonElement? offsets, CheckpointSource source)
    {
        if (offsets is not { ValueKind: JsonValueKind.Array } array || array.GetArrayLength() != 2)
        {
            throw source.Refuse($"tensor '{name}' has no data_offsets pair [begin, end].");
        }

        long begin = ReadOffset(name, array[0], source);
        long end = ReadOffset(name, array[1], source);
        if (end < begin)
        {
            throw source.Refuse($"tensor '{name}' ends (byte {end}) before it begins (byte {begin}).");
        }

        return (begin, end);
    }

    private static long ReadOffset(string name, JsonElement offset, CheckpointSource source) =>
        offset.ValueKind == JsonValueKind.Number && offset.TryGetInt64(out long value) && value >= 0
            ? value
            : throw source.Refuse($"tensor '{name}' has an offset {offset.GetRawText()} that is not an integer from 0 to {long.MaxValue}.");

    private static bool TrySet(ref JsonElement? slot, JsonElement value)
    {
        if (slot is not null)
        {
            return false;
        }

        slot = value;
        return true;
    }

    /// <summary>Sorts the tensors by offset and checks they cover the data buffer from 0 with no gap or overlap; returns its size.</summary>
    private static long CheckTiling(List<SafetensorsTensor> tensors, CheckpointSource source)
    {
        // OrderBy is stable: zero-length tensors that share an offset keep the header's order.
        SafetensorsTensor[] byOffset = [.. tensors.OrderBy(t => t.Begin).ThenBy(t => t.End)];
        tensors.Clear();
        long expected = 0;
        SafetensorsTensor? previous = null;
        foreach (SafetensorsTensor tensor in byOffset)
        {
            if (tensor.Begin < expected)
            {
                throw source.Refuse($"tensor '{tensor.Name}' (bytes [{tensor.Begin}, {tensor.End})) overlaps tensor '{previous!.Name}' (bytes [{previous.Begin}, {previous.End})).");
            }

            if (tensor.Begin > expected)
            {
                throw source.Refuse($"the data buffer has a gap: no tensor covers bytes [{expected}, {tensor.Begin}), before tensor '{tensor.Name}'.");
            }

            tensors.Add(tensor);
            expected = tensor.End;
            previous = tensor;
        }

        return expected;
    }
}
