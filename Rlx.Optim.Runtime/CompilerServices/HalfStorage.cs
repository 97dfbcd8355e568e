using System;
using System.ComponentModel;
using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace Rlx.Optim.CompilerServices;

/// <summary>
/// <see cref="Half"/>s, widened exactly to floats on load and rounded stochastically on store, lane for lane as
/// <see cref="StochasticRounding.ToHalf(Vector512{float}, Vector512{uint})"/> rounds them with the random bits the
/// driver draws for each element: unbiased, reproducible, NaN kept a NaN (quiet), ±∞ kept, and from 65536 on ∞.
/// </summary>
/// <remarks>
/// <para>
/// A load gives, bit for bit, what <c>(float)half</c> gives: subnormals become normal floats, ±0 and ±∞ stay, and a
/// NaN keeps its sign and payload (shifted into the float's top significand bits) and is made quiet, as
/// <see cref="Half"/>'s conversion (and the hardware's <c>vcvtph2ps</c>) make it. .NET 10 exposes no intrinsic for
/// <c>vcvtph2ps</c> (no F16C class; dotnet/runtime#62416 proposes one), so the widening is integer arithmetic and
/// one float subtraction, on normal floats only: the result does not depend on denormals-are-zero or flush-to-zero.
/// </para>
/// <para>
/// The <see cref="Vector{T}"/> members handle a <see cref="Vector{T}"/> of 4, 8 or 16 floats and throw
/// <see cref="PlatformNotSupportedException"/> for any other. With AVX-512BW a pair of vectors is stored with one
/// 512-bit store through one <c>vpermt2w</c>.
/// </para>
/// </remarks>
[EditorBrowsable(EditorBrowsableState.Never)]
public readonly struct HalfStorage : IStorage<Half>
{
    private const uint HalfMagnitudeMask = 0x7FFF;
    private const uint HalfExponentMask = 0x7C00;

    /// <summary>Half's exponent field moved to float's is 112 (127 − 15) below the float's: this adds it back.</summary>
    private const uint ExponentRebias = 112u << 23;

    /// <summary>2⁻¹⁴ as float bits: half's smallest normal, the base a subnormal is counted from.</summary>
    private const uint SmallestNormalBits = 113u << 23;

    private const uint FloatInfinityBits = 0x7F80_0000;
    private const uint FloatQuietBit = 0x0040_0000;

    /// <inheritdoc/>
    public static bool RoundsStochastically => true;

    /// <inheritdoc/>
    public static bool RoundsWithHighHalf => false;

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<float> Load(ref Half origin, nuint i) => Widen(SixteenBitLanes.Load(ref Bits(ref origin), i));

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Store(Vector512<float> x, ref Half origin, nuint i, Vector512<uint> randomBits) =>
        SixteenBitLanes.Store(StochasticRounding.ToHalf(x, randomBits), ref Bits(ref origin), i);

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void LoadPair(ref Half origin, nuint i, out Vector512<float> lower, out Vector512<float> upper)
    {
        // Two zero-extending loads (vpmovzxwd from memory) need no shuffle beyond the one each does anyway.
        lower = Load(ref origin, i);
        upper = Load(ref origin, i + (nuint)Vector512<float>.Count);
    }

    /// <inheritdoc/>
    /// <remarks>
    /// With AVX-512BW: the low halves of both vectors' rounded lanes gathered, in order, with one <c>vpermt2w</c> and
    /// stored with one 512-bit store.
    /// </remarks>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void StorePair(
        Vector512<float> lower, Vector512<float> upper, ref Half origin, nuint i, Vector512<uint> lowerBits,
        Vector512<uint> upperBits)
    {
        if (Avx512BW.IsSupported)
        {
            Vector512<ushort> words = Avx512BW.PermuteVar32x16x2(
                StochasticRounding.ToHalf(lower, lowerBits).AsUInt16(), NarrowIndices(),
                StochasticRounding.ToHalf(upper, upperBits).AsUInt16());
            words.StoreUnsafe(ref Bits(ref origin), i);
            return;
        }

        Store(lower, ref origin, i, lowerBits);
        Store(upper, ref origin, i + (nuint)Vector512<float>.Count, upperBits);
    }

    /// <inheritdoc/>
    /// <exception cref="PlatformNotSupportedException">
    /// <see cref="Vector{T}"/> holds another number of floats than 4, 8 or 16.
    /// </exception>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector<float> LoadPreferred(ref Half origin, nuint i) =>
        Widen(SixteenBitLanes.LoadPreferred(ref Bits(ref origin), i));

    /// <inheritdoc/>
    /// <exception cref="PlatformNotSupportedException">
    /// <see cref="Vector{T}"/> holds another number of floats than 4, 8 or 16.
    /// </exception>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void StorePreferred(Vector<float> x, ref Half origin, nuint i, Vector<uint> randomBits) =>
        SixteenBitLanes.StorePreferred(StochasticRounding.ToHalf(x, randomBits), ref Bits(ref origin), i);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static ref ushort Bits(ref Half origin) => ref Unsafe.As<Half, ushort>(ref origin);

    /// <summary>
    /// Each lane's half (its bits zero-extended) as the float <c>(float)half</c> gives. The magnitude's bits moved
    /// up 13 places are a normal half's float once the exponent is rebiased; a subnormal's are those of 2⁻¹⁴ + m·2⁻²⁴,
    /// from which 2⁻¹⁴ is subtracted (exactly: both are normal and within a factor of two); ∞ and NaN take float's
    /// all-ones exponent, and a NaN the quiet bit.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static Vector512<float> Widen(Vector512<uint> half)
    {
        Vector512<uint> sign = (half << 16) & Vector512.Create(0x8000_0000u);
        Vector512<uint> magnitude = half & Vector512.Create(HalfMagnitudeMask);
        Vector512<uint> exponent = half & Vector512.Create(HalfExponentMask);
        Vector512<uint> shifted = magnitude << 13;

        Vector512<uint> normal = shifted + Vector512.Create(ExponentRebias);
        Vector512<uint> subnormal = ((shifted | Vector512.Create(SmallestNormalBits)).AsSingle()
            - Vector512.Create(SmallestNormalBits).AsSingle()).AsUInt32();
        Vector512<uint> special = shifted | Vector512.Create(FloatInfinityBits)
            | (Vector512.GreaterThan(magnitude, Vector512.Create(HalfExponentMask)) & Vector512.Create(FloatQuietBit));

        Vector512<uint> finite = Vector512.ConditionalSelect(Vector512.Equals(exponent, Vector512<uint>.Zero), subnormal, normal);
        Vector512<uint> all = Vector512.ConditionalSelect(Vector512.Equals(exponent, Vector512.Create(HalfExponentMask)), special, finite);
        return (sign | all).AsSingle();
    }

    /// <inheritdoc cref="Widen(Vector512{uint})"/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static Vector<float> Widen(Vector<uint> half)
    {
        Vector<uint> sign = Vector.ShiftLeft(half, 16) & new Vector<uint>(0x8000_0000u);
        Vector<uint> magnitude = half & new Vector<uint>(HalfMagnitudeMask);
        Vector<uint> exponent = half & new Vector<uint>(HalfExponentMask);
        Vector<uint> shifted = Vector.ShiftLeft(magnitude, 13);

        Vector<uint> normal = shifted + new Vector<uint>(ExponentRebias);
        Vector<uint> subnormal = Vector.AsVectorUInt32(Vector.AsVectorSingle(shifted | new Vector<uint>(SmallestNormalBits))
            - Vector.AsVectorSingle(new Vector<uint>(SmallestNormalBits)));
        Vector<uint> special = shifted | new Vector<uint>(FloatInfinityBits)
            | (Vector.GreaterThan(magnitude, new Vector<uint>(HalfExponentMask)) & new Vector<uint>(FloatQuietBit));

        Vector<uint> finite = Vector.ConditionalSelect(Vector.Equals(exponent, Vector<uint>.Zero), subnormal, normal);
        Vector<uint> all = Vector.ConditionalSelect(Vector.Equals(exponent, new Vector<uint>(HalfExponentMask)), special, finite);
        return Vector.AsVectorSingle(sign | all);
    }

    /// <summary>Word k of the result is word 2k of the two tables end to end: each lane's low half, in order.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector512<ushort> NarrowIndices() => Vector512.Create(
        (ushort)0, 2, 4, 6, 8, 10, 12, 14, 16, 18, 20, 22, 24, 26, 28, 30,
        32, 34, 36, 38, 40, 42, 44, 46, 48, 50, 52, 54, 56, 58, 60, 62);
}
