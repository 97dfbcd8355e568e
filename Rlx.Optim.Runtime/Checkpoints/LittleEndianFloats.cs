using System;
using System.Buffers.Binary;
using System.IO;
using System.Runtime.InteropServices;

namespace Rlx.Optim;

/// <summary>
/// Moves floats between memory and safetensors' little-endian bytes, every bit kept (NaN payloads included), in
/// slices whose byte length fits an <see cref="int"/>.
/// </summary>
internal static class LittleEndianFloats
{
    private const int SliceFloats = 1 << 20;

    public static void Write(Stream stream, ReadOnlySpan<float> values)
    {
        Span<int> swapped = BitConverter.IsLittleEndian ? default : new int[Math.Min(values.Length, SliceFloats)];
        while (!values.IsEmpty)
        {
            ReadOnlySpan<float> slice = values[..Math.Min(values.Length, SliceFloats)];
            if (BitConverter.IsLittleEndian)
            {
                stream.Write(MemoryMarshal.AsBytes(slice));
            }
            else
            {
                BinaryPrimitives.ReverseEndianness(MemoryMarshal.Cast<float, int>(slice), swapped);
                stream.Write(MemoryMarshal.AsBytes(swapped[..slice.Length]));
            }

            values = values[slice.Length..];
        }
    }

    public static void Read(TensorBytes source, Span<float> destination)
    {
        while (!destination.IsEmpty)
        {
            Span<float> slice = destination[..Math.Min(destination.Length, SliceFloats)];
            source.Read(MemoryMarshal.AsBytes(slice));
            if (!BitConverter.IsLittleEndian)
            {
                Span<int> bits = MemoryMarshal.Cast<float, int>(slice);
                BinaryPrimitives.ReverseEndianness(bits, bits);
            }

            destination = destination[slice.Length..];
        }
    }
}
