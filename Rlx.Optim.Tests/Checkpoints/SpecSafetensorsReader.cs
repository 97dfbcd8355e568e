using System;
using System.Buffers.Binary;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;
using System.Text.Json;

namespace Rlx.Optim.Tests.Checkpoints;

/// <summary>One tensor as <see cref="SpecSafetensorsReader"/> reads it: its entry and its raw bytes.</summary>
internal sealed record SpecTensor(string Name, string Dtype, long[] Shape, long Begin, long End, byte[] Bytes)
{
    /// <summary>The bytes as little-endian F32 values.</summary>
    public float[] Floats()
    {
        Assert.Equal("F32", Dtype);
        float[] values = new float[Bytes.Length / 4];
        for (int i = 0; i < values.Length; i++)
        {
            values[i] = BinaryPrimitives.ReadSingleLittleEndian(Bytes.AsSpan(4 * i, 4));
        }

        return values;
    }
}

/// <summary>
/// A safetensors reader written from the format's specification alone (the "Format" section of
/// huggingface/safetensors' README), sharing no code with the runtime, so a checkpoint it reads is readable by
/// safetensors tools rather than only by its own writer. No public .NET safetensors reader restores from the
/// package source used here. It throws <see cref="InvalidDataException"/> on anything the specification forbids.
/// </summary>
/// <remarks>
/// The specification: 8 bytes, an unsigned little-endian 64-bit integer N, the size of the header; N bytes, a UTF-8
/// JSON object that starts with '{' and may be padded with trailing spaces, mapping each tensor name to
/// <c>{"dtype", "shape", "data_offsets": [BEGIN, END]}</c> (offsets relative to the start of the byte buffer), with an
/// optional special key <c>__metadata__</c> holding a string-to-string map; then the byte buffer. Duplicate keys are
/// not allowed, the header is at most 100 MB, and the byte buffer must be entirely indexed, without holes.
/// </remarks>
internal sealed class SpecSafetensorsReader
{
    private const long MaxHeaderSize = 100_000_000;

    private static readonly Dictionary<string, int> s_dtypeSizes = new()
    {
        ["BOOL"] = 1, ["U8"] = 1, ["I8"] = 1, ["F8_E5M2"] = 1, ["F8_E4M3"] = 1,
        ["I16"] = 2, ["U16"] = 2, ["F16"] = 2, ["BF16"] = 2,
        ["I32"] = 4, ["U32"] = 4, ["F32"] = 4,
        ["I64"] = 8, ["U64"] = 8, ["F64"] = 8,
    };

    private SpecSafetensorsReader(long headerSize, Dictionary<string, string> metadata, List<SpecTensor> tensors)
    {
        HeaderSize = headerSize;
        Metadata = metadata;
        Tensors = tensors;
    }

    /// <summary>N, the size of the JSON header.</summary>
    public long HeaderSize { get; }

    public IReadOnlyDictionary<string, string> Metadata { get; }

    /// <summary>The tensors, in the order of their bytes.</summary>
    public IReadOnlyList<SpecTensor> Tensors { get; }

    public SpecTensor this[string name] => Tensors.Single(t => t.Name == name);

    public static SpecSafetensorsReader Read(byte[] file)
    {
        Require(file.Length >= 8, "shorter than the 8-byte header size");
        ulong n = BinaryPrimitives.ReadUInt64LittleEndian(file);
        Require(n <= MaxHeaderSize, "header larger than 100 MB");
        Require(8 + (long)n <= file.Length, "header runs past the end of the file");
        byte[] header = file[8..(8 + (int)n)];
        Require(header.Length > 0 && header[0] == (byte)'{', "header does not start with '{'");

        string json;
        try
        {
            json = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true).GetString(header);
        }
        catch (DecoderFallbackException error)
        {
            throw new InvalidDataException("header is not UTF-8", error);
        }

        Require(json[(json.LastIndexOf('}') + 1)..].All(c => c == ' '), "the header is padded with something other than spaces");
        byte[] buffer = file[(8 + (int)n)..];
        var metadata = new Dictionary<string, string>();
        var tensors = new List<SpecTensor>();
        var keys = new HashSet<string>();
        try
        {
            using JsonDocument document = JsonDocument.Parse(json);
            Require(document.RootElement.ValueKind == JsonValueKind.Object, "header is not an object");
            foreach (JsonProperty entry in document.RootElement.EnumerateObject())
            {
                Require(keys.Add(entry.Name), $"duplicate key '{entry.Name}'");
                if (entry.Name == "__metadata__")
                {
                    foreach (JsonProperty pair in entry.Value.EnumerateObject())
                    {
                        Require(pair.Value.ValueKind == JsonValueKind.String, "metadata value is not a string");
                        Require(metadata.TryAdd(pair.Name, pair.Value.GetString()!), "duplicate metadata key");
                    }
                }
                else
                {
                    tensors.Add(Tensor(entry.Name, entry.Value, buffer));
                }
            }
        }
        catch (Exception error) when (error is JsonException or InvalidOperationException or FormatException)
        {
            throw new InvalidDataException("header is not a valid safetensors header", error);
        }

        tensors.Sort((a, b) => a.Begin != b.Begin ? a.Begin.CompareTo(b.Begin) : a.End.CompareTo(b.End));
        long covered = 0;
        foreach (SpecTensor tensor in tensors)
        {
            Require(tensor.Begin == covered, $"tensor '{tensor.Name}' does not start where the previous one ends");
            covered = tensor.End;
        }

        Require(covered == buffer.Length, "the byte buffer is not entirely indexed");
        return new SpecSafetensorsReader((long)n, metadata, tensors);
    }

    private static SpecTensor Tensor(string name, JsonElement entry, byte[] buffer)
    {
        string dtype = entry.GetProperty("dtype").GetString()!;
        Require(s_dtypeSizes.TryGetValue(dtype, out int size), $"unknown dtype '{dtype}'");
        long[] shape = [.. entry.GetProperty("shape").EnumerateArray().Select(d => d.GetInt64())];
        Require(shape.All(d => d >= 0), "negative dimension");
        long[] offsets = [.. entry.GetProperty("data_offsets").EnumerateArray().Select(o => o.GetInt64())];
        Require(offsets.Length == 2 && offsets[0] >= 0 && offsets[0] <= offsets[1] && offsets[1] <= buffer.Length, $"bad data_offsets for '{name}'");
        Require(offsets[1] - offsets[0] == shape.Aggregate(1L, (a, d) => checked(a * d)) * size, $"'{name}' has offsets that do not match its shape");
        return new SpecTensor(name, dtype, shape, offsets[0], offsets[1], buffer[(int)offsets[0]..(int)offsets[1]]);
    }

    private static void Require(bool condition, string problem)
    {
        if (!condition)
        {
            throw new InvalidDataException(problem);
        }
    }
}
