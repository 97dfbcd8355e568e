using System;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace Rlx.Optim.CompilerServices;

/// <summary>Floats rounded to nearest, ties to even, into 16-bit storage: a master copy written to its parameter.</summary>
internal static class NearestRounding
{
    /// <summary>
    /// <c>(BFloat16)source[i]</c> for every element, 16 or 8 lanes at a time: the same bits as the scalar
    /// conversion (ties to even, overflow to ±∞, NaN made quiet).
    /// </summary>
    public static void ToBFloat16(ReadOnlySpan<float> source, Span<BFloat16> destination)
    {
        ref uint bits = ref Unsafe.As<float, uint>(ref MemoryMarshal.GetReference(source));
        ref ushort words = ref Unsafe.As<BFloat16, ushort>(ref MemoryMarshal.GetReference(destination));
        nuint length = (nuint)source.Length, i = 0;
        if (Vector512.IsHardwareAccelerated)
        {
            for (; length - i >= 16; i += 16)
            {
                Vector512<uint> rounded = Round(Vector512.LoadUnsafe(ref bits, i));
                Vector512.Narrow(rounded, rounded).GetLower().StoreUnsafe(ref words, i);
            }
        }
        else if (Vector256.IsHardwareAccelerated)
        {
            for (; length - i >= 8; i += 8)
            {
                Vector256<uint> rounded = Round(Vector256.LoadUnsafe(ref bits, i));
                Vector256.Narrow(rounded, rounded).GetLower().StoreUnsafe(ref words, i);
            }
        }

        for (; i < length; i++)
        {
            destination[(int)i] = (BFloat16)source[(int)i];
        }
    }

    /// <summary><c>(Half)source[i]</c> for every element (the runtime's conversion).</summary>
    public static void ToHalf(ReadOnlySpan<float> source, Span<Half> destination)
    {
        for (int i = 0; i < source.Length; i++)
        {
            destination[i] = (Half)source[i];
        }
    }

    /// <summary>Each lane's bfloat16 bits in its low half, as <c>explicit operator BFloat16(float)</c> computes them.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector512<uint> Round(Vector512<uint> bits)
    {
        Vector512<uint> nearest = (bits + Vector512.Create(0x7FFFu) + ((bits >>> 16) & Vector512<uint>.One)) >>> 16;
        Vector512<uint> quietNaN = (bits >>> 16) | Vector512.Create(0x40u);
        Vector512<uint> isNaN = Vector512.GreaterThan(bits & Vector512.Create(0x7FFF_FFFFu), Vector512.Create(0x7F80_0000u));
        return Vector512.ConditionalSelect(isNaN, quietNaN, nearest);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector256<uint> Round(Vector256<uint> bits)
    {
        Vector256<uint> nearest = (bits + Vector256.Create(0x7FFFu) + ((bits >>> 16) & Vector256<uint>.One)) >>> 16;
        Vector256<uint> quietNaN = (bits >>> 16) | Vector256.Create(0x40u);
        Vector256<uint> isNaN = Vector256.GreaterThan(bits & Vector256.Create(0x7FFF_FFFFu), Vector256.Create(0x7F80_0000u));
        return Vector256.ConditionalSelect(isNaN, quietNaN, nearest);
    }
}
