using System;
using System.Numerics;
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

    /// <summary>
    /// <c>(Half)source[i]</c> for every element, 16 lanes (or <see cref="Vector{T}"/>'s) at a time: the same bits as
    /// the scalar conversion (ties to even, overflow to ±∞ from 65520 on, subnormals, NaN made quiet).
    /// </summary>
    public static void ToHalf(ReadOnlySpan<float> source, Span<Half> destination)
    {
        ref float values = ref MemoryMarshal.GetReference(source);
        ref ushort words = ref Unsafe.As<Half, ushort>(ref MemoryMarshal.GetReference(destination));
        nuint length = (nuint)source.Length, i = 0;
        if (Vector512.IsHardwareAccelerated)
        {
            for (; length - i >= 16; i += 16)
            {
                SixteenBitLanes.Store(HalfBits(Vector512.LoadUnsafe(ref values, i)), ref words, i);
            }
        }
        else if (Vector.IsHardwareAccelerated && Vector<float>.Count is 4 or 8 or 16)
        {
            for (; length - i >= (nuint)Vector<float>.Count; i += (nuint)Vector<float>.Count)
            {
                SixteenBitLanes.StorePreferred(HalfBits(Vector.LoadUnsafe(ref values, i)), ref words, i);
            }
        }

        for (; i < length; i++)
        {
            destination[(int)i] = (Half)source[(int)i];
        }
    }

    /// <summary>
    /// Each lane's half bits in its low half, as <c>(Half)x</c> computes them: the magnitude counted in units of
    /// half's gap at its exponent (a power-of-two scale, so exact), rounded to even, and added to the exponent's
    /// field, where a carry moves into the next exponent and 65520's into ∞.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static Vector512<uint> HalfBits(Vector512<float> x)
    {
        Vector512<float> units = HalfLayout.Units(x.AsUInt32(), out Vector512<uint> exponentBits);
        return HalfLayout.Compose(x.AsUInt32(), exponentBits + Vector512.ConvertToUInt32(Vector512.Round(units)));
    }

    /// <inheritdoc cref="HalfBits(Vector512{float})"/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static Vector<uint> HalfBits(Vector<float> x)
    {
        Vector<float> units = HalfLayout.Units(Vector.AsVectorUInt32(x), out Vector<uint> exponentBits);

        // At most 2048 units: a signed conversion, which AVX2 has.
        return HalfLayout.Compose(Vector.AsVectorUInt32(x), exponentBits + Vector.AsVectorUInt32(Vector.ConvertToInt32(Vector.Round(units))));
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
