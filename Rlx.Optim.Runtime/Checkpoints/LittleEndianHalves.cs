using System;
using System.Buffers.Binary;
using System.IO;
using System.Runtime.InteropServices;

namespace Rlx.Optim;

/// <summary>
/// Moves 16-bit elements (bfloat16 bits) between memory and safetensors' little-endian bytes, in slices whose byte
/// length fits an <see cref="int"/>.
/// </summary>
internal static class LittleEndianHalves
{
    private const int SliceElements = 1 << 20;

    public static void Write(Stream stream, ReadOnlySpan<ushort> values)
    {
        Span<ushort> swapped = BitConverter.IsLittleEndian ? default : new ushort[Math.Min(values.Length, SliceElements)];
        while (!values.IsEmpty)
        {
            ReadOnlySpan<ushort> slice = values[..Math.Min(values.Length, SliceElements)];
            if (BitConverter.IsLittleEndian)
            {
                stream.Write(MemoryMarshal.AsBytes(slice));
            }
            else
            {
                BinaryPrimitives.ReverseEndianness(slice, swapped);
                stream.Write(MemoryMarshal.AsBytes(swapped[..slice.Length]));
            }

            values = values[slice.Length..];
        }
    }

    public static void Read(TensorBytes source, Span<ushort> destination)
    {
        while (!destination.IsEmpty)
        {
            Span<ushort> slice = destination[..Math.Min(destination.Length, SliceElements)];
            source.Read(MemoryMarshal.AsBytes(slice));
            if (!BitConverter.IsLittleEndian)
            {
                BinaryPrimitives.ReverseEndianness(slice, slice);
            }

            destination = destination[slice.Length..];
        }
    }
}
