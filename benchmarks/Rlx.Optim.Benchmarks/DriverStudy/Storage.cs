using System;
using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;
using Rlx.Optim.CompilerServices;

namespace Rlx.Optim.Benchmarks.DriverStudy;

/// <summary>
/// How one stream's elements of type <typeparamref name="T"/> become float lanes and back: the loads and stores of a
/// storage type, written once for every rule. The rule only ever sees float vectors.
/// </summary>
/// <remarks>
/// A store takes each lane's random bits, drawn by the driver from the stream's key for this step and the element's
/// index counter (<see cref="StochasticRounding.RandomBits(Vector512{uint}, Vector512{uint}, Vector512{uint})"/>), so
/// a storage that rounds stochastically draws the same bits for an element whatever the chunk, the width or the tail
/// it is stored from. Storages that round to nearest (or not at all) ignore them, and the JIT drops their hash.
/// </remarks>
public interface IStorage<T>
    where T : unmanaged
{
    static abstract Vector512<float> Load(ref T origin, nuint i);

    /// <summary>Stores with <paramref name="randomBits"/> (its high 16 bits) drawn by the driver.</summary>
    static abstract void StoreBits(Vector512<float> x, ref T origin, nuint i, Vector512<uint> randomBits);

    /// <summary>
    /// Two consecutive vectors, elements <c>[i, i + 16)</c> in <paramref name="lower"/> and <c>[i + 16, i + 32)</c>
    /// in <paramref name="upper"/>, lane k holding element k of its vector (the order <see cref="Load"/> gives).
    /// </summary>
    static abstract void LoadPair(ref T origin, nuint i, out Vector512<float> lower, out Vector512<float> upper);

    /// <summary>Stores two consecutive vectors, each with its own random bits (as two <see cref="StoreBits"/> would).</summary>
    static abstract void StoreBitsPair(
        Vector512<float> lower, Vector512<float> upper, ref T origin, nuint i, Vector512<uint> lowerBits, Vector512<uint> upperBits);

    static abstract Vector<float> LoadPreferred(ref T origin, nuint i);

    static abstract void StoreBitsPreferred(Vector<float> x, ref T origin, nuint i, Vector<uint> randomBits);
}

/// <summary>Floats, loaded and stored as they are.</summary>
public readonly struct FloatStorage : IStorage<float>
{
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<float> Load(ref float origin, nuint i) => Vector512.LoadUnsafe(ref origin, i);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void StoreBits(Vector512<float> x, ref float origin, nuint i, Vector512<uint> randomBits) =>
        Vector512.StoreUnsafe(x, ref origin, i);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void LoadPair(ref float origin, nuint i, out Vector512<float> lower, out Vector512<float> upper)
    {
        lower = Vector512.LoadUnsafe(ref origin, i);
        upper = Vector512.LoadUnsafe(ref origin, i + (nuint)Vector512<float>.Count);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void StoreBitsPair(
        Vector512<float> lower, Vector512<float> upper, ref float origin, nuint i, Vector512<uint> lowerBits, Vector512<uint> upperBits)
    {
        Vector512.StoreUnsafe(lower, ref origin, i);
        Vector512.StoreUnsafe(upper, ref origin, i + (nuint)Vector512<float>.Count);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector<float> LoadPreferred(ref float origin, nuint i) => Vector.LoadUnsafe(ref origin, i);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void StoreBitsPreferred(Vector<float> x, ref float origin, nuint i, Vector<uint> randomBits) =>
        Vector.StoreUnsafe(x, ref origin, i);

}

/// <summary>
/// bfloat16, widened exactly to float on load and rounded stochastically on store
/// (<see cref="StochasticRounding"/>: reproducible bits from the stream's step key and the element index).
/// </summary>
public readonly struct BFloat16Storage : IStorage<BFloat16>
{
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<float> Load(ref BFloat16 origin, nuint i)
    {
        Vector256<ushort> bits = Vector256.LoadUnsafe(ref Unsafe.As<BFloat16, ushort>(ref origin), i);
        Vector512<uint> wide = Avx512F.IsSupported
            ? Avx512F.ConvertToVector512UInt32(bits)
            : Vector512.WidenLower(bits.ToVector512Unsafe());
        return (wide << 16).AsSingle();
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void StoreBits(Vector512<float> x, ref BFloat16 origin, nuint i, Vector512<uint> randomBits)
    {
        Vector512<uint> rounded = StochasticRounding.ToBFloat16(x, randomBits);
        Vector256<ushort> narrow = Avx512F.IsSupported
            ? Avx512F.ConvertToVector256UInt16(rounded)
            : Vector512.Narrow(rounded, rounded).GetLower();
        narrow.StoreUnsafe(ref Unsafe.As<BFloat16, ushort>(ref origin), i);
    }

    /// <summary>
    /// 32 elements with one 512-bit load, widened with one <c>vpermt2w</c> per vector against zero: each element's
    /// bits to the high half of its lane, zero below (exact, the shift included), in element order.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void LoadPair(ref BFloat16 origin, nuint i, out Vector512<float> lower, out Vector512<float> upper)
    {
        if (Avx512BW.IsSupported)
        {
            Vector512<ushort> bits = Vector512.LoadUnsafe(ref Unsafe.As<BFloat16, ushort>(ref origin), i);
            lower = Avx512BW.PermuteVar32x16x2(bits, WidenLowerIndices(), Vector512<ushort>.Zero).AsSingle();
            upper = Avx512BW.PermuteVar32x16x2(bits, WidenUpperIndices(), Vector512<ushort>.Zero).AsSingle();
            return;
        }

        lower = Load(ref origin, i);
        upper = Load(ref origin, i + (nuint)Vector512<float>.Count);
    }

    /// <summary>
    /// Two vectors rounded as <see cref="StochasticRounding.ToBFloat16(Vector512{float}, Vector512{uint})"/> rounds
    /// them, bit for bit, and stored with one <c>vpermt2w</c> that takes the high word of each lane of both: the
    /// lane's float bits plus its 16 random bits (a NaN's bits with the quiet bit set instead), so no shift.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void StoreBitsPair(
        Vector512<float> lower, Vector512<float> upper, ref BFloat16 origin, nuint i, Vector512<uint> lowerBits, Vector512<uint> upperBits)
    {
        if (Avx512BW.IsSupported)
        {
            Vector512<ushort> words = Avx512BW.PermuteVar32x16x2(
                RoundedHigh(lower, lowerBits).AsUInt16(), NarrowIndices(), RoundedHigh(upper, upperBits).AsUInt16());
            words.StoreUnsafe(ref Unsafe.As<BFloat16, ushort>(ref origin), i);
            return;
        }

        StoreBits(lower, ref origin, i, lowerBits);
        StoreBits(upper, ref origin, i + (nuint)Vector512<float>.Count, upperBits);
    }

    /// <summary>
    /// Each lane's bfloat16 bits in its high half (the low half is left over): the float bits plus the high 16 random
    /// bits, whose high half is <c>(bits + (r &gt;&gt; 16)) &gt;&gt; 16</c>; a NaN's bits with bfloat16's quiet bit
    /// set, whose high half is <c>(bits &gt;&gt; 16) | 0x40</c>.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector512<uint> RoundedHigh(Vector512<float> x, Vector512<uint> randomBits)
    {
        Vector512<uint> bits = x.AsUInt32();
        return Vector512.ConditionalSelect(
            Vector512.Equals(x, x).AsUInt32(), bits + (randomBits >>> 16), bits | Vector512.Create(0x0040_0000u));
    }

    /// <summary>Word 2k + 1 of the result is word k of the first table; even words are word 0 of the zero table.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector512<ushort> WidenLowerIndices() => Vector512.Create(
        (ushort)32, 0, 32, 1, 32, 2, 32, 3, 32, 4, 32, 5, 32, 6, 32, 7,
        32, 8, 32, 9, 32, 10, 32, 11, 32, 12, 32, 13, 32, 14, 32, 15);

    /// <summary>Word 2k + 1 of the result is word 16 + k of the first table; even words are zero.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector512<ushort> WidenUpperIndices() => Vector512.Create(
        (ushort)32, 16, 32, 17, 32, 18, 32, 19, 32, 20, 32, 21, 32, 22, 32, 23,
        32, 24, 32, 25, 32, 26, 32, 27, 32, 28, 32, 29, 32, 30, 32, 31);

    /// <summary>Word k of the result is word 2k + 1 of the concatenated tables: the high half of each lane, in order.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector512<ushort> NarrowIndices() => Vector512.Create(
        (ushort)1, 3, 5, 7, 9, 11, 13, 15, 17, 19, 21, 23, 25, 27, 29, 31,
        33, 35, 37, 39, 41, 43, 45, 47, 49, 51, 53, 55, 57, 59, 61, 63);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector<float> LoadPreferred(ref BFloat16 origin, nuint i)
    {
        ref ushort bits = ref Unsafe.As<BFloat16, ushort>(ref origin);
        if (Vector<float>.Count == 8)
        {
            Vector256<uint> wide = Vector256.WidenLower(Vector128.LoadUnsafe(ref bits, i).ToVector256Unsafe());
            return (wide << 16).AsSingle().AsVector();
        }

        if (Vector<float>.Count == 16)
        {
            Vector512<uint> wide = Vector512.WidenLower(Vector256.LoadUnsafe(ref bits, i).ToVector512Unsafe());
            return (wide << 16).AsSingle().AsVector();
        }

        throw new PlatformNotSupportedException("The study's bfloat16 storage handles 256- and 512-bit Vector<T>.");
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void StoreBitsPreferred(Vector<float> x, ref BFloat16 origin, nuint i, Vector<uint> randomBits)
    {
        ref ushort bits = ref Unsafe.As<BFloat16, ushort>(ref origin);
        Vector<uint> rounded = StochasticRounding.ToBFloat16(x, randomBits);
        if (Vector<float>.Count == 8)
        {
            Vector256<uint> r = rounded.AsVector256();
            Vector256.Narrow(r, r).GetLower().StoreUnsafe(ref bits, i);
            return;
        }

        if (Vector<float>.Count == 16)
        {
            Vector512<uint> r = rounded.AsVector512();
            Vector512.Narrow(r, r).GetLower().StoreUnsafe(ref bits, i);
            return;
        }

        throw new PlatformNotSupportedException("The study's bfloat16 storage handles 256- and 512-bit Vector<T>.");
    }
}

/// <summary>How the driver draws random bits for the streams it rounds.</summary>
public interface IRandomBits
{
    /// <summary>
    /// False: one word per stream and element, under the stream's own key.
    /// True: one 32-bit word per element for two streams (m uses its high 16 bits, v its low 16), under m's key; θ
    /// takes the high half of a second word, under θ's key, and a third state buffer its low half.
    /// </summary>
    static abstract bool Shared { get; }

    /// <summary>A probe, not a rounding: every lane gets the constant word 0x8000_0000 (no hash), to time the rest.</summary>
    static abstract bool Constant { get; }
}

/// <summary>A hash per stream and element.</summary>
public readonly struct HashPerStream : IRandomBits
{
    public static bool Shared => false;

    public static bool Constant => false;
}

/// <summary>One hash per element for every two streams.</summary>
public readonly struct HashShared : IRandomBits
{
    public static bool Shared => true;

    public static bool Constant => false;
}

/// <summary>The probe: constant bits, no hash (what the bfloat16 loads, roundings and stores cost without it).</summary>
public readonly struct ConstantBits : IRandomBits
{
    public static bool Shared => true;

    public static bool Constant => true;
}
