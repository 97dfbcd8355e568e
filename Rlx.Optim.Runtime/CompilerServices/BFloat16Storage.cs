using System;
using System.ComponentModel;
using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace Rlx.Optim.CompilerServices;

// Provisional: the study's storage, until the tested one lands.
/// <summary>
/// bfloat16, widened exactly to float on load and rounded stochastically on store
/// (<see cref="StochasticRounding"/>: reproducible bits from the stream's step key and the element index).
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public readonly struct BFloat16Storage : IStorage<BFloat16>
{
    /// <inheritdoc/>
    public static bool RoundsStochastically => true;

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<float> Load(ref BFloat16 origin, nuint i)
    {
        Vector256<ushort> bits = Vector256.LoadUnsafe(ref Unsafe.As<BFloat16, ushort>(ref origin), i);
        Vector512<uint> wide = Avx512F.IsSupported
            ? Avx512F.ConvertToVector512UInt32(bits)
            : Vector512.WidenLower(bits.ToVector512Unsafe());
        return (wide << 16).AsSingle();
    }

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Store(Vector512<float> x, ref BFloat16 origin, nuint i, Vector512<uint> randomBits)
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
    /// <inheritdoc/>
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
    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void StorePair(
        Vector512<float> lower, Vector512<float> upper, ref BFloat16 origin, nuint i, Vector512<uint> lowerBits, Vector512<uint> upperBits)
    {
        if (Avx512BW.IsSupported)
        {
            Vector512<ushort> words = Avx512BW.PermuteVar32x16x2(
                RoundedHigh(lower, lowerBits).AsUInt16(), NarrowIndices(), RoundedHigh(upper, upperBits).AsUInt16());
            words.StoreUnsafe(ref Unsafe.As<BFloat16, ushort>(ref origin), i);
            return;
        }

        Store(lower, ref origin, i, lowerBits);
        Store(upper, ref origin, i + (nuint)Vector512<float>.Count, upperBits);
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

    /// <inheritdoc/>
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

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void StorePreferred(Vector<float> x, ref BFloat16 origin, nuint i, Vector<uint> randomBits)
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

