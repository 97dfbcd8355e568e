using System;
using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using static Rlx.Optim.CompilerServices.HalfLayout;

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
        Vector512<uint> bits = x.AsUInt32();
        Vector512<uint> sign = (bits >>> 16) & Vector512.Create(0x8000u);
        Vector512<uint> magnitude = bits & Vector512.Create(0x7FFF_FFFFu);
        Vector512<uint> nan = sign | Vector512.Create(HalfQuietNaNBits) | ((bits >>> 13) & Vector512.Create(0x3FFu));

        Vector512<uint> clamped = Vector512.Min(magnitude, Vector512.Create(HalfOverflowBits));
        Vector512<uint> exponentField = Vector512.Max(clamped & Vector512.Create(0x7F80_0000u), Vector512.Create(HalfMinExponentField));
        Vector512<float> units = clamped.AsSingle() * (Vector512.Create(HalfScaleFieldBase) - exponentField).AsSingle();
        Vector512<uint> half = (((exponentField >>> 23) - Vector512.Create(113u)) << 10) + Vector512.ConvertToUInt32(Vector512.Round(units));
        Vector512<uint> rounded = sign | Vector512.Min(half, Vector512.Create(HalfPositiveInfinityBits));

        return Vector512.ConditionalSelect(Vector512.GreaterThan(magnitude, Vector512.Create(0x7F80_0000u)), nan, rounded);
    }

    /// <inheritdoc cref="HalfBits(Vector512{float})"/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static Vector<uint> HalfBits(Vector<float> x)
    {
        Vector<uint> bits = Vector.AsVectorUInt32(x);
        Vector<uint> sign = Vector.ShiftRightLogical(bits, 16) & new Vector<uint>(0x8000u);
        Vector<uint> magnitude = bits & new Vector<uint>(0x7FFF_FFFFu);
        Vector<uint> nan = sign | new Vector<uint>(HalfQuietNaNBits) | (Vector.ShiftRightLogical(bits, 13) & new Vector<uint>(0x3FFu));

        Vector<uint> clamped = Vector.Min(magnitude, new Vector<uint>(HalfOverflowBits));
        Vector<uint> exponentField = Vector.Max(clamped & new Vector<uint>(0x7F80_0000u), new Vector<uint>(HalfMinExponentField));
        Vector<float> units = Vector.AsVectorSingle(clamped) * Vector.AsVectorSingle(new Vector<uint>(HalfScaleFieldBase) - exponentField);
        Vector<uint> half = Vector.ShiftLeft(Vector.ShiftRightLogical(exponentField, 23) - new Vector<uint>(113u), 10)
            + Vector.AsVectorUInt32(Vector.ConvertToInt32(Vector.Round(units))); // at most 2048: a signed conversion, which AVX2 has
        Vector<uint> rounded = sign | Vector.Min(half, new Vector<uint>(HalfPositiveInfinityBits));

        return Vector.ConditionalSelect(Vector.GreaterThan(magnitude, new Vector<uint>(0x7F80_0000u)), nan, rounded);
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
