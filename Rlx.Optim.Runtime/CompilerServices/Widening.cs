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
    public static void FromBFloat16(ReadOnlySpan<BFloat16> source, Span<float> destination) =>
        Forward<BFloat16Words>(MemoryMarshal.Cast<BFloat16, ushort>(source), destination);

    /// <summary>
    /// <c>(float)source[i]</c> for every element, 16 lanes (or <see cref="Vector{T}"/>'s) at a time
    /// (<see cref="HalfStorage.Widen(Vector512{uint})"/>: subnormals, ±∞ and NaN payloads as the scalar conversion).
    /// </summary>
    public static void FromHalf(ReadOnlySpan<Half> source, Span<float> destination) =>
        Forward<HalfWords>(MemoryMarshal.Cast<Half, ushort>(source), destination);

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
        ref float values = ref MemoryMarshal.GetReference(floats);
        ref ushort words = ref Unsafe.As<float, ushort>(ref values);
        if (typeof(T) == typeof(Half))
        {
            Backward<HalfWords>(ref words, ref values, length);
        }
        else if (typeof(T) == typeof(BFloat16))
        {
            Backward<BFloat16Words>(ref words, ref values, length);
        }
        else
        {
            throw new NotSupportedException($"Only 16-bit values widen in place, not {typeof(T).Name}.");
        }
    }

    /// <summary>Whole blocks from the first, then the rest one by one.</summary>
    private static void Forward<TWords>(ReadOnlySpan<ushort> source, Span<float> destination)
        where TWords : struct, IWords
    {
        if (destination.Length < source.Length)
        {
            throw new ArgumentException("The destination is shorter than the source.", nameof(destination));
        }

        ref ushort words = ref MemoryMarshal.GetReference(source);
        ref float values = ref MemoryMarshal.GetReference(destination);
        nuint length = (nuint)source.Length, lanes = (nuint)TWords.Lanes, i = 0;
        if (lanes > 1)
        {
            for (; length - i >= lanes; i += lanes)
            {
                TWords.Block(ref words, ref values, i);
            }
        }

        for (; i < length; i++)
        {
            Unsafe.Add(ref values, i) = TWords.One(Unsafe.Add(ref words, i));
        }
    }

    /// <summary>The values past the last whole block one by one from the end, then whole blocks from the last.</summary>
    private static void Backward<TWords>(ref ushort words, ref float values, int length)
        where TWords : struct, IWords
    {
        int lanes = TWords.Lanes;
        nint i = length;
        for (; i % lanes != 0; i--)
        {
            Unsafe.Add(ref values, i - 1) = TWords.One(Unsafe.Add(ref words, i - 1));
        }

        for (i -= lanes; i >= 0; i -= lanes)
        {
            if (lanes > 1)
            {
                TWords.Block(ref words, ref values, (nuint)i);
            }
            else
            {
                Unsafe.Add(ref values, i) = TWords.One(Unsafe.Add(ref words, i));
            }
        }
    }

    /// <summary>One 16-bit format's widening: a block of <see cref="Lanes"/> values (all loaded before any is stored), or one.</summary>
    private interface IWords
    {
        /// <summary>Values per block, a constant to the JIT; 1 where no vector is accelerated.</summary>
        static abstract int Lanes { get; }

        static abstract void Block(ref ushort words, ref float values, nuint i);

        static abstract float One(ushort word);
    }

    private readonly struct BFloat16Words : IWords
    {
        public static int Lanes => Vector512.IsHardwareAccelerated ? 32 : Vector256.IsHardwareAccelerated ? 16 : 1;

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static void Block(ref ushort words, ref float values, nuint i)
        {
            ref uint bits = ref Unsafe.As<float, uint>(ref values);
            if (Vector512.IsHardwareAccelerated)
            {
                (Vector512<uint> lower, Vector512<uint> upper) = Vector512.Widen(Vector512.LoadUnsafe(ref words, i));
                (upper << 16).StoreUnsafe(ref bits, i + 16);
                (lower << 16).StoreUnsafe(ref bits, i);
            }
            else
            {
                (Vector256<uint> lower, Vector256<uint> upper) = Vector256.Widen(Vector256.LoadUnsafe(ref words, i));
                (upper << 16).StoreUnsafe(ref bits, i + 8);
                (lower << 16).StoreUnsafe(ref bits, i);
            }
        }

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static float One(ushort word) => BitConverter.UInt32BitsToSingle((uint)word << 16);
    }

    private readonly struct HalfWords : IWords
    {
        public static int Lanes => Vector512.IsHardwareAccelerated ? 16
            : Vector.IsHardwareAccelerated && Vector<float>.Count is 4 or 8 or 16 ? Vector<float>.Count : 1;

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static void Block(ref ushort words, ref float values, nuint i)
        {
            if (Vector512.IsHardwareAccelerated)
            {
                HalfStorage.Widen(SixteenBitLanes.Load(ref words, i)).StoreUnsafe(ref values, i);
            }
            else
            {
                HalfStorage.Widen(SixteenBitLanes.LoadPreferred(ref words, i)).StoreUnsafe(ref values, i);
            }
        }

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static float One(ushort word) => (float)BitConverter.UInt16BitsToHalf(word);
    }
}
