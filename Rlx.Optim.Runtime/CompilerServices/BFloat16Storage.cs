using System.ComponentModel;
using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace Rlx.Optim.CompilerServices;

/// <summary>
/// bfloat16s, widened exactly to floats on load and rounded stochastically on store, lane for lane as
/// <see cref="StochasticRounding.ToBFloat16(Vector512{float}, Vector512{uint})"/> rounds them with the high 16 of the
/// random bits the driver draws for each element: unbiased, reproducible, NaN kept a NaN (quiet), ±∞ kept.
/// </summary>
/// <remarks>
/// The <see cref="Vector{T}"/> members handle a <see cref="Vector{T}"/> of 4, 8 or 16 floats and throw
/// <see cref="System.PlatformNotSupportedException"/> for any other. With AVX-512BW a pair of vectors is loaded with
/// one 512-bit load and stored with one 512-bit store, each vector through one <c>vpermt2w</c> (measured in
/// benchmarks/Rlx.Optim.Benchmarks/DriverStudy); elsewhere a pair is two single vectors.
/// </remarks>
[EditorBrowsable(EditorBrowsableState.Never)]
public readonly struct BFloat16Storage : IStorage<BFloat16>
{
    /// <summary>A float NaN's bit that becomes bfloat16's quiet bit (the top of its significand).</summary>
    private const uint QuietBitInFloat = 0x0040_0000;

    /// <inheritdoc/>
    public static bool RoundsStochastically => true;

    /// <inheritdoc/>
    public static bool RoundsWithHighHalf => true;

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<float> Load(ref BFloat16 origin, nuint i) =>
        (SixteenBitLanes.Load(ref Bits(ref origin), i) << 16).AsSingle();

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Store(Vector512<float> x, ref BFloat16 origin, nuint i, Vector512<uint> randomBits) =>
        SixteenBitLanes.Store(StochasticRounding.ToBFloat16(x, randomBits), ref Bits(ref origin), i);

    /// <inheritdoc/>
    /// <remarks>
    /// With AVX-512BW: 32 elements with one 512-bit load, each vector widened with one <c>vpermt2w</c> against zero,
    /// which puts element k's bits in the high half of lane k and zero below it (a bfloat16's float, exactly).
    /// </remarks>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void LoadPair(ref BFloat16 origin, nuint i, out Vector512<float> lower, out Vector512<float> upper)
    {
        if (Avx512BW.IsSupported)
        {
            Vector512<ushort> bits = Vector512.LoadUnsafe(ref Bits(ref origin), i);
            lower = Avx512BW.PermuteVar32x16x2(bits, WidenLowerIndices(), Vector512<ushort>.Zero).AsSingle();
            upper = Avx512BW.PermuteVar32x16x2(bits, WidenUpperIndices(), Vector512<ushort>.Zero).AsSingle();
            return;
        }

        lower = Load(ref origin, i);
        upper = Load(ref origin, i + (nuint)Vector512<float>.Count);
    }

    /// <inheritdoc/>
    /// <remarks>
    /// With AVX-512BW: each lane's bfloat16 formed in the high half of its lane (<see cref="RoundedHigh"/>, no
    /// shift), then the high halves of both vectors gathered, in order, with one <c>vpermt2w</c> and stored with
    /// one 512-bit store.
    /// </remarks>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void StorePair(
        Vector512<float> lower, Vector512<float> upper, ref BFloat16 origin, nuint i, Vector512<uint> lowerBits,
        Vector512<uint> upperBits)
    {
        if (Avx512BW.IsSupported)
        {
            Vector512<ushort> words = Avx512BW.PermuteVar32x16x2(
                RoundedHigh(lower, lowerBits).AsUInt16(), NarrowIndices(), RoundedHigh(upper, upperBits).AsUInt16());
            words.StoreUnsafe(ref Bits(ref origin), i);
            return;
        }

        Store(lower, ref origin, i, lowerBits);
        Store(upper, ref origin, i + (nuint)Vector512<float>.Count, upperBits);
    }

    /// <inheritdoc/>
    /// <exception cref="System.PlatformNotSupportedException">
    /// <see cref="Vector{T}"/> holds another number of floats than 4, 8 or 16.
    /// </exception>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector<float> LoadPreferred(ref BFloat16 origin, nuint i) =>
        Vector.AsVectorSingle(Vector.ShiftLeft(SixteenBitLanes.LoadPreferred(ref Bits(ref origin), i), 16));

    /// <inheritdoc/>
    /// <exception cref="System.PlatformNotSupportedException">
    /// <see cref="Vector{T}"/> holds another number of floats than 4, 8 or 16.
    /// </exception>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void StorePreferred(Vector<float> x, ref BFloat16 origin, nuint i, Vector<uint> randomBits) =>
        SixteenBitLanes.StorePreferred(StochasticRounding.ToBFloat16(x, randomBits), ref Bits(ref origin), i);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static ref ushort Bits(ref BFloat16 origin) => ref Unsafe.As<BFloat16, ushort>(ref origin);

    /// <summary>
    /// Each lane's bfloat16 in the high half of the lane (the low half is left over), the high half being exactly
    /// <see cref="StochasticRounding.ToBFloat16(Vector512{float}, Vector512{uint})"/>'s lane: the float bits plus the
    /// high 16 random bits, whose high half is <c>(bits + (r &gt;&gt; 16)) &gt;&gt; 16</c>; for a NaN its bits with
    /// the quiet bit set, whose high half is <c>(bits &gt;&gt; 16) | 0x40</c>.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector512<uint> RoundedHigh(Vector512<float> x, Vector512<uint> randomBits)
    {
        Vector512<uint> bits = x.AsUInt32();
        return Vector512.ConditionalSelect(
            Vector512.Equals(x, x).AsUInt32(), bits + (randomBits >>> 16), bits | Vector512.Create(QuietBitInFloat));
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

    /// <summary>Word k of the result is word 2k + 1 of the two tables end to end: each lane's high half, in order.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector512<ushort> NarrowIndices() => Vector512.Create(
        (ushort)1, 3, 5, 7, 9, 11, 13, 15, 17, 19, 21, 23, 25, 27, 29, 31,
        33, 35, 37, 39, 41, 43, 45, 47, 49, 51, 53, 55, 57, 59, 61, 63);
}
