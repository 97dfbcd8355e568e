using System;
using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace Rlx.Optim.CompilerServices;

/// <summary>16-bit values widened to float, exactly: a master copy taken, a 16-bit gradient summed as floats.</summary>
internal static class Widening
{
    /// <summary><c>(float)source[i]</c> for every element, 32 or 16 lanes at a time: each value's bits moved up 16.</summary>
    public static void FromBFloat16(ReadOnlySpan<BFloat16> source, Span<float> destination)
    {
        if (destination.Length < source.Length)
        {
            throw new ArgumentException("The destination is shorter than the source.", nameof(destination));
        }

        ref ushort words = ref Unsafe.As<BFloat16, ushort>(ref MemoryMarshal.GetReference(source));
        ref uint bits = ref Unsafe.As<float, uint>(ref MemoryMarshal.GetReference(destination));
        nuint length = (nuint)source.Length, i = 0;
        if (Vector512.IsHardwareAccelerated)
        {
            for (; length - i >= 32; i += 32)
            {
                (Vector512<uint> lower, Vector512<uint> upper) = Vector512.Widen(Vector512.LoadUnsafe(ref words, i));
                (lower << 16).StoreUnsafe(ref bits, i);
                (upper << 16).StoreUnsafe(ref bits, i + 16);
            }
        }
        else if (Vector256.IsHardwareAccelerated)
        {
            for (; length - i >= 16; i += 16)
            {
                (Vector256<uint> lower, Vector256<uint> upper) = Vector256.Widen(Vector256.LoadUnsafe(ref words, i));
                (lower << 16).StoreUnsafe(ref bits, i);
                (upper << 16).StoreUnsafe(ref bits, i + 8);
            }
        }

        for (; i < length; i++)
        {
            Unsafe.Add(ref bits, i) = (uint)Unsafe.Add(ref words, i) << 16;
        }
    }

    /// <summary>
    /// <c>(float)source[i]</c> for every element, 16 lanes (or <see cref="Vector{T}"/>'s) at a time
    /// (<see cref="HalfStorage.Widen(Vector512{uint})"/>: subnormals, ±∞ and NaN payloads as the scalar conversion).
    /// </summary>
    public static void FromHalf(ReadOnlySpan<Half> source, Span<float> destination)
    {
        if (destination.Length < source.Length)
        {
            throw new ArgumentException("The destination is shorter than the source.", nameof(destination));
        }

        ref ushort words = ref Unsafe.As<Half, ushort>(ref MemoryMarshal.GetReference(source));
        ref float values = ref MemoryMarshal.GetReference(destination);
        nuint length = (nuint)source.Length, i = 0;
        if (Vector512.IsHardwareAccelerated)
        {
            for (; length - i >= 16; i += 16)
            {
                HalfStorage.Widen(SixteenBitLanes.Load(ref words, i)).StoreUnsafe(ref values, i);
            }
        }
        else if (Vector.IsHardwareAccelerated && Vector<float>.Count is 4 or 8 or 16)
        {
            for (; length - i >= (nuint)Vector<float>.Count; i += (nuint)Vector<float>.Count)
            {
                HalfStorage.Widen(SixteenBitLanes.LoadPreferred(ref words, i)).StoreUnsafe(ref values, i);
            }
        }

        for (; i < length; i++)
        {
            Unsafe.Add(ref values, i) = (float)Unsafe.As<ushort, Half>(ref Unsafe.Add(ref words, i));
        }
    }

    /// <summary>
    /// Widens the <paramref name="length"/> 16-bit values at the start of <paramref name="floats"/> into its first
    /// <paramref name="length"/> floats, in place, from the last value to the first: the floats of values
    /// <c>[i, i + n)</c> take bytes <c>[4i, 4i + 4n)</c>, at or above the bytes <c>[2i, 2i + 2n)</c> those values came
    /// from, so a block is loaded whole before its floats are stored and no value below it is overwritten.
    /// </summary>
    public static void InPlace<T>(Span<float> floats, int length)
        where T : unmanaged
    {
        ArgumentOutOfRangeException.ThrowIfGreaterThan((uint)length, (uint)floats.Length, nameof(length));
        ref ushort words = ref Unsafe.As<float, ushort>(ref MemoryMarshal.GetReference(floats));
        ref uint bits = ref Unsafe.As<float, uint>(ref MemoryMarshal.GetReference(floats));
        if (typeof(T) == typeof(Half))
        {
            HalfInPlace(ref words, ref Unsafe.As<uint, float>(ref bits), length);
        }
        else if (typeof(T) == typeof(BFloat16))
        {
            BFloat16InPlace(ref words, ref bits, length);
        }
        else
        {
            throw new NotSupportedException($"Only 16-bit values widen in place, not {typeof(T).Name}.");
        }
    }

    private static void BFloat16InPlace(ref ushort words, ref uint bits, int length)
    {
        int lanes = Vector512.IsHardwareAccelerated ? 32 : Vector256.IsHardwareAccelerated ? 16 : 1;
        nint i = length;
        for (; i % lanes != 0; i--)
        {
            Unsafe.Add(ref bits, i - 1) = (uint)Unsafe.Add(ref words, i - 1) << 16;
        }

        for (i -= lanes; i >= 0; i -= lanes)
        {
            if (Vector512.IsHardwareAccelerated)
            {
                (Vector512<uint> lower, Vector512<uint> upper) = Vector512.Widen(Vector512.LoadUnsafe(ref words, (nuint)i));
                (upper << 16).StoreUnsafe(ref bits, (nuint)i + 16);
                (lower << 16).StoreUnsafe(ref bits, (nuint)i);
            }
            else if (Vector256.IsHardwareAccelerated)
            {
                (Vector256<uint> lower, Vector256<uint> upper) = Vector256.Widen(Vector256.LoadUnsafe(ref words, (nuint)i));
                (upper << 16).StoreUnsafe(ref bits, (nuint)i + 8);
                (lower << 16).StoreUnsafe(ref bits, (nuint)i);
            }
            else
            {
                Unsafe.Add(ref bits, i) = (uint)Unsafe.Add(ref words, i) << 16;
            }
        }
    }

    private static void HalfInPlace(ref ushort words, ref float values, int length)
    {
        int lanes = Vector512.IsHardwareAccelerated ? 16
            : Vector.IsHardwareAccelerated && Vector<float>.Count is 4 or 8 or 16 ? Vector<float>.Count : 1;
        nint i = length;
        for (; i % lanes != 0; i--)
        {
            Unsafe.Add(ref values, i - 1) = (float)Unsafe.As<ushort, Half>(ref Unsafe.Add(ref words, i - 1));
        }

        for (i -= lanes; i >= 0; i -= lanes)
        {
            if (Vector512.IsHardwareAccelerated)
            {
                HalfStorage.Widen(SixteenBitLanes.Load(ref words, (nuint)i)).StoreUnsafe(ref values, (nuint)i);
            }
            else if (lanes > 1)
            {
                HalfStorage.Widen(SixteenBitLanes.LoadPreferred(ref words, (nuint)i)).StoreUnsafe(ref values, (nuint)i);
            }
            else
            {
                Unsafe.Add(ref values, i) = (float)Unsafe.As<ushort, Half>(ref Unsafe.Add(ref words, i));
            }
        }
    }
}
