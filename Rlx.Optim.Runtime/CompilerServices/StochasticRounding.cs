using System;
using System.ComponentModel;
using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using static Rlx.Optim.CompilerServices.HalfLayout;

namespace Rlx.Optim.CompilerServices;

/// <summary>
/// Reproducible stochastic rounding of <see cref="float"/> to <see cref="BFloat16"/> and <see cref="Half"/>, with its
/// random bits from a counter-based hash of (seed, set, step, element index). Generated code calls it; user code has
/// no need to.
/// </summary>
/// <remarks>
/// <para>
/// <b>Rounding.</b> The result is one of the two 16-bit neighbours of x (x itself when it is one), the one farther
/// from zero with probability equal to x's fraction of the gap between them, so its expected value is x: an update
/// smaller than half the gap, which round-to-nearest drops every time, moves a stored value in proportion on
/// average. ±∞ and NaN stay themselves. Past the largest finite value, IEEE's convention holds: the neighbour above
/// <see cref="BFloat16.MaxValue"/> (or 65504) is ∞, placed where the next value would be (2¹²⁸, or 65536), so a
/// finite x between the largest finite value and that point rounds to ∞ with probability its fraction of that gap,
/// and an x beyond it is ∞. No other finite x can become ∞.
/// </para>
/// <para>
/// <b>Random bits.</b> <see cref="StepKey"/> turns (seed, set, step) into a 64-bit key once per step, in scalar code,
/// with SplitMix64's 64-bit finalizer; <see cref="RandomBits(ulong, int)"/> turns (key, element index) into 32 bits.
/// Nothing else enters: the same declaration and data give the same bits on any number of cores and at any vector
/// width, a run resumed from a checkpoint at step t continues with step t's bits, and a test can compute each
/// expected value with the scalar functions.
/// </para>
/// <para>
/// The per-element part is one round of Chris Wellons' <c>lowbias32</c> (xorshift 16, multiply, xorshift 15,
/// multiply, xorshift 16; from his "Prospecting for Hash Functions", where it measured an avalanche bias of about
/// 0.17, the lowest he found for two 32-bit multiplies) on the index's counter c = index · γ mod 2³² (γ = 0x9E3779B9,
/// 2³²/φ), with the key's low word XORed into c before the first multiply and its high word before the second:
/// <code>
/// x = (index · γ) ⊕ key.lo;  x ^= x ≫ 16;  x ·= 0x7FEB352D;  x ^= x ≫ 15;  x ^= key.hi;  x ·= 0x846CA68B;  x ^= x ≫ 16
/// </code>
/// Two 32-bit multiplies per word, in 32-bit lanes (a vector 64-bit multiply needs AVX-512DQ, and
/// <see cref="Vector{T}"/> over AVX2 has none). The counter is linear in the index, so a loop carries it in a vector
/// and adds <see cref="IndexCounter(Vector512{int})"/> of the vector width per vector, with no multiply: with the
/// key's halves broadcast once per step, a word costs ten vector instructions
/// (<see cref="RandomBits(Vector512{uint}, Vector512{uint}, Vector512{uint})"/>). The key enters before each
/// multiply because with one entry point the words of one step would be those of another step under a simple
/// relabelling of the indices (XOR with a constant for a key XORed into the index, which maps aligned blocks onto
/// aligned blocks), and because a key XORed or added after the last multiply passes through the final xorshift
/// linearly; the multipliers are fixed, not drawn from the key, because a drawn one can be weak (1, or a power of
/// two plus one). The counter's multiply by γ spreads neighbouring indices over the whole word before the first
/// xorshift. Each stage is a bijection, so for a given key no two of the 2³² indices draw the same 32 bits, and over
/// all of them the word is exactly uniform. Tests check bit balance and the independence of neighbouring indices,
/// steps, sets and seeds, under both simple relabellings too.
/// </para>
/// <para>
/// One word serves two bfloat16 streams of an element: the rounding consumes its 16 high bits, and
/// <c>bits &lt;&lt; 16</c> gives the second stream the 16 low ones. Each rounding stays exactly unbiased (it only needs
/// its own 16 bits uniform), and over all 2³² indices the two halves are exactly independent (the word is uniform),
/// so their pairs are uniform on 2¹⁶ × 2¹⁶; tests check the halves' balance, uniformity and independence of each
/// other over fixed samples. A third stream takes another word, under its own key.
/// </para>
/// <para>
/// The bfloat16 rounding consumes the 16 high bits of the word, which is exact: it drops the float's low 16 bits, and
/// at every exponent (subnormals included) those are the fraction of the gap in units of 2⁻¹⁶. The
/// <see cref="Half"/> rounding compares the fraction of the gap, as a 32-bit fixed-point number, with the whole word;
/// it drops 13 bits of a float that rounds to a normal half, 14 to 23 bits towards half's subnormals and more below
/// them, so it is exact for every |x| ≥ 2⁻³³ (the fraction then has at most 32 bits). Below that the probability of
/// rounding up is the fraction truncated to 32 bits: an absolute bias under 2⁻⁵⁶ towards zero, and |x| &lt; 2⁻⁵⁶
/// rounds to ±0.
/// </para>
/// <para>
/// The vector overloads give, lane by lane, the bits of the scalar ones; their 16-bit results are returned in the low
/// half of 32-bit lanes, for the caller to narrow (<c>Vector512.Narrow</c>) and store.
/// </para>
/// </remarks>
[EditorBrowsable(EditorBrowsableState.Never)]
public static class StochasticRounding
{
    /// <summary>γ = 2³²/φ rounded to odd: the index counter is index · γ mod 2³², a Weyl sequence.</summary>
    private const uint IndexMultiplier = 0x9E37_79B9;

    /// <summary>The first multiplier of <c>lowbias32</c>.</summary>
    private const uint Multiplier1 = 0x7FEB352D;

    /// <summary>The second multiplier of <c>lowbias32</c>.</summary>
    private const uint Multiplier2 = 0x846CA68B;

    /// <summary>SplitMix64's increment, 2⁶⁴/φ: the seed is offset by it first, so seed 0 does not start from the finalizer's fixed point 0.</summary>
    private const ulong GoldenGamma = 0x9E3779B97F4A7C15;

    private const uint FloatSignMask = 0x8000_0000;
    private const uint FloatExponentMask = 0x7F80_0000;
    private const uint FloatPositiveInfinityBits = 0x7F80_0000;

    /// <summary>bfloat16's quiet bit: a NaN keeps its upper half with this bit set, as <see cref="BFloat16"/>'s conversion does.</summary>
    private const uint BFloat16QuietBit = 0x0040;

    /// <summary>2³²: turns a fraction of the gap into the 32-bit fixed point compared with the random word.</summary>
    private const float TwoTo32 = 4294967296f;

    /// <summary>
    /// The key of one step of one parameter set: every element of the set draws its bits from it in that step.
    /// Computed once per (seed, set, step), in scalar code.
    /// </summary>
    /// <param name="seed">The optimizer's seed.</param>
    /// <param name="set">The stream: the parameter set's number (a kernel that rounds several buffers of a set needs one stream per buffer, or uses different bits of the word for each).</param>
    /// <param name="step">The step (iteration) number.</param>
    public static ulong StepKey(ulong seed, int set, long step)
    {
        // Each stage is a bijection of the running value XORed with one input: for a given seed and set, distinct
        // steps always give distinct keys.
        ulong key = Mix64(seed + GoldenGamma);
        key = Mix64(key ^ (uint)set);
        return Mix64(key ^ (ulong)step);
    }

    /// <summary>The 32 random bits of element <paramref name="index"/> under <paramref name="key"/> (<see cref="StepKey"/>).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static uint RandomBits(ulong key, int index)
    {
        uint x = ((uint)index * IndexMultiplier) ^ (uint)key;
        x ^= x >> 16;
        x *= Multiplier1;
        x ^= x >> 15;
        x ^= (uint)(key >> 32);
        x *= Multiplier2;
        return x ^ (x >> 16);
    }

    /// <summary>The random bits of each lane's element index (<see cref="RandomBits(ulong, int)"/> lane by lane).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<uint> RandomBits(ulong key, Vector512<int> indices) =>
        RandomBits(IndexCounter(indices), Vector512.Create((uint)key), Vector512.Create((uint)(key >> 32)));

    /// <inheritdoc cref="RandomBits(ulong, Vector512{int})"/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector<uint> RandomBits(ulong key, Vector<int> indices) =>
        RandomBits(IndexCounter(indices), new Vector<uint>((uint)key), new Vector<uint>((uint)(key >> 32)));

    /// <summary>
    /// Each lane's index counter, index · γ mod 2³². It is linear: the counter of index + n is the counter of index
    /// plus that of n, so a loop keeps one vector of counters and adds <c>IndexCounter(Vector512.Create(n))</c> per
    /// n elements.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<uint> IndexCounter(Vector512<int> indices) => indices.AsUInt32() * Vector512.Create(IndexMultiplier);

    /// <inheritdoc cref="IndexCounter(Vector512{int})"/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector<uint> IndexCounter(Vector<int> indices) => Vector.AsVectorUInt32(indices) * new Vector<uint>(IndexMultiplier);

    /// <summary>
    /// The random bits of each lane from its index counter (<see cref="IndexCounter(Vector512{int})"/>) and the key's
    /// low and high words, broadcast (<c>Vector512.Create((uint)key)</c>, <c>Vector512.Create((uint)(key &gt;&gt; 32))</c>):
    /// <see cref="RandomBits(ulong, int)"/> lane by lane, for a loop that broadcasts the key once per step and carries
    /// the counters.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<uint> RandomBits(Vector512<uint> counter, Vector512<uint> keyLow, Vector512<uint> keyHigh)
    {
        Vector512<uint> x = counter ^ keyLow;
        x ^= x >>> 16;
        x *= Vector512.Create(Multiplier1);
        x ^= x >>> 15;
        x ^= keyHigh;
        x *= Vector512.Create(Multiplier2);
        return x ^ (x >>> 16);
    }

    /// <inheritdoc cref="RandomBits(Vector512{uint}, Vector512{uint}, Vector512{uint})"/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector<uint> RandomBits(Vector<uint> counter, Vector<uint> keyLow, Vector<uint> keyHigh)
    {
        Vector<uint> x = counter ^ keyLow;
        x ^= Vector.ShiftRightLogical(x, 16);
        x *= new Vector<uint>(Multiplier1);
        x ^= Vector.ShiftRightLogical(x, 15);
        x ^= keyHigh;
        x *= new Vector<uint>(Multiplier2);
        return x ^ Vector.ShiftRightLogical(x, 16);
    }

    /// <summary>
    /// <paramref name="x"/> rounded stochastically to a bfloat16 with the 16 high bits of
    /// <paramref name="randomBits"/>: they are added below the cut and the sum truncated, so x rounds away from zero
    /// with probability its fraction of the gap, exactly.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static BFloat16 ToBFloat16(float x, uint randomBits)
    {
        uint bits = BitConverter.SingleToUInt32Bits(x);
        if (float.IsNaN(x))
        {
            return BFloat16.FromBits((ushort)((bits >> 16) | BFloat16QuietBit));
        }

        // The sign bit is never reached: the largest finite magnitude plus 0xFFFF is 0x7F80_FFFE, ∞'s upper half.
        return BFloat16.FromBits((ushort)((bits + (randomBits >> 16)) >> 16));
    }

    /// <summary>
    /// <see cref="ToBFloat16(float, uint)"/> lane by lane: each lane's bfloat16 bits, in the low half of a 32-bit
    /// lane (the high half is zero).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<uint> ToBFloat16(Vector512<float> x, Vector512<uint> randomBits)
    {
        Vector512<uint> bits = x.AsUInt32();
        Vector512<uint> rounded = (bits + (randomBits >>> 16)) >>> 16;
        Vector512<uint> nan = (bits >>> 16) | Vector512.Create(BFloat16QuietBit);
        return Vector512.ConditionalSelect(Vector512.Equals(x, x).AsUInt32(), rounded, nan);
    }

    /// <inheritdoc cref="ToBFloat16(Vector512{float}, Vector512{uint})"/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector<uint> ToBFloat16(Vector<float> x, Vector<uint> randomBits)
    {
        Vector<uint> bits = Vector.AsVectorUInt32(x);
        Vector<uint> rounded = Vector.ShiftRightLogical(bits + Vector.ShiftRightLogical(randomBits, 16), 16);
        Vector<uint> nan = Vector.ShiftRightLogical(bits, 16) | new Vector<uint>(BFloat16QuietBit);
        return Vector.ConditionalSelect(Vector.AsVectorUInt32(Vector.Equals(x, x)), rounded, nan);
    }

    /// <summary>
    /// <paramref name="x"/> rounded stochastically to a <see cref="Half"/> with <paramref name="randomBits"/>: away
    /// from zero when the word is below x's fraction of the gap as a 32-bit fixed-point number. Below half's normal
    /// range the gap is fixed (2⁻²⁴); from 65536 on, the result is ∞. A NaN gives what <c>(Half)x</c> gives (its sign,
    /// quiet, the top of its payload).
    /// </summary>
    public static Half ToHalf(float x, uint randomBits)
    {
        uint bits = BitConverter.SingleToUInt32Bits(x);
        uint sign = (bits >> 16) & 0x8000;
        uint magnitude = bits & ~FloatSignMask;
        if (magnitude > FloatPositiveInfinityBits)
        {
            return BitConverter.UInt16BitsToHalf((ushort)(sign | HalfQuietNaNBits | ((bits >> 13) & 0x3FF)));
        }

        // Count the magnitude in units of the gap at its exponent (at least half's smallest normal exponent): the
        // scale is a power of two, so the product, its whole part and the fraction are all exact.
        magnitude = Math.Min(magnitude, HalfOverflowBits);
        uint exponentField = Math.Max(magnitude & FloatExponentMask, HalfMinExponentField);
        float units = BitConverter.UInt32BitsToSingle(magnitude) * BitConverter.UInt32BitsToSingle(HalfScaleFieldBase - exponentField);
        float whole = MathF.Floor(units);
        uint fraction = (uint)((units - whole) * TwoTo32);
        uint up = randomBits < fraction ? 1u : 0u;

        // Half's bits: its exponent field (0 for subnormals, whose whole part is the significand itself) plus the
        // whole units and the step up; a carry moves into the exponent, 65504's into ∞.
        uint half = (((exponentField >> 23) - 113) << 10) + (uint)whole + up;
        return BitConverter.UInt16BitsToHalf((ushort)(sign | Math.Min(half, HalfPositiveInfinityBits)));
    }

    /// <summary>
    /// <see cref="ToHalf(float, uint)"/> lane by lane: each lane's half bits, in the low half of a 32-bit lane (the
    /// high half is zero).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<uint> ToHalf(Vector512<float> x, Vector512<uint> randomBits)
    {
        Vector512<float> units = HalfLayout.Units(x.AsUInt32(), out Vector512<uint> exponentBits);
        Vector512<float> whole = Vector512.Floor(units);
        Vector512<uint> fraction = Vector512.ConvertToUInt32((units - whole) * Vector512.Create(TwoTo32));
        Vector512<uint> up = Vector512.LessThan(randomBits, fraction); // all bits set (−1) where it rounds up
        return HalfLayout.Compose(x.AsUInt32(), exponentBits + Vector512.ConvertToUInt32(whole) - up);
    }

    /// <inheritdoc cref="ToHalf(Vector512{float}, Vector512{uint})"/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector<uint> ToHalf(Vector<float> x, Vector<uint> randomBits)
    {
        Vector<float> units = HalfLayout.Units(Vector.AsVectorUInt32(x), out Vector<uint> exponentBits);
        Vector<float> whole = Vector.Floor(units);
        Vector<uint> fraction = TruncateToUInt32((units - whole) * new Vector<float>(TwoTo32));
        Vector<uint> up = Vector.LessThan(randomBits, fraction); // all bits set (−1) where it rounds up
        return HalfLayout.Compose(Vector.AsVectorUInt32(x), exponentBits + Vector.AsVectorUInt32(Vector.ConvertToInt32(whole)) - up);
    }

    /// <summary>
    /// <c>Vector.ConvertToUInt32</c> (truncation) of lanes in [0, 2³²), with signed conversions only: AVX2 has no
    /// unsigned one, and .NET's fallback for <see cref="Vector{T}"/> converts lane by lane. A lane from 2³¹ on is
    /// converted less 2³¹ (exact there) and gets its top bit back.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static Vector<uint> TruncateToUInt32(Vector<float> x)
    {
        var twoTo31 = new Vector<float>(2147483648f);
        Vector<int> below = Vector.ConvertToInt32(x);
        Vector<int> above = Vector.ConvertToInt32(x - twoTo31) ^ new Vector<int>(int.MinValue);
        return Vector.AsVectorUInt32(Vector.ConditionalSelect(Vector.LessThan(x, twoTo31), below, above));
    }

    /// <summary><see cref="ToBFloat16(float, uint)"/> with the random bits of element <paramref name="index"/> under <paramref name="key"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static BFloat16 ToBFloat16(float x, ulong key, int index) => ToBFloat16(x, RandomBits(key, index));

    /// <summary>
    /// <see cref="ToBFloat16(Vector512{float}, Vector512{uint})"/> with the random bits of elements
    /// <paramref name="start"/>, <paramref name="start"/> + 1, ... (one per lane) under <paramref name="key"/>.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<uint> ToBFloat16(Vector512<float> x, ulong key, int start) =>
        ToBFloat16(x, RandomBits(key, Vector512<int>.Indices + Vector512.Create(start)));

    /// <inheritdoc cref="ToBFloat16(Vector512{float}, ulong, int)"/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector<uint> ToBFloat16(Vector<float> x, ulong key, int start) =>
        ToBFloat16(x, RandomBits(key, Vector<int>.Indices + new Vector<int>(start)));

    /// <summary><see cref="ToHalf(float, uint)"/> with the random bits of element <paramref name="index"/> under <paramref name="key"/>.</summary>
    public static Half ToHalf(float x, ulong key, int index) => ToHalf(x, RandomBits(key, index));

    /// <summary>
    /// <see cref="ToHalf(Vector512{float}, Vector512{uint})"/> with the random bits of elements
    /// <paramref name="start"/>, <paramref name="start"/> + 1, ... (one per lane) under <paramref name="key"/>.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<uint> ToHalf(Vector512<float> x, ulong key, int start) =>
        ToHalf(x, RandomBits(key, Vector512<int>.Indices + Vector512.Create(start)));

    /// <inheritdoc cref="ToHalf(Vector512{float}, ulong, int)"/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector<uint> ToHalf(Vector<float> x, ulong key, int start) =>
        ToHalf(x, RandomBits(key, Vector<int>.Indices + new Vector<int>(start)));

    /// <summary>SplitMix64's finalizer (Stafford's variant 13): a bijection of 64 bits with full avalanche.</summary>
    private static ulong Mix64(ulong z)
    {
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EB;
        return z ^ (z >> 31);
    }
}
