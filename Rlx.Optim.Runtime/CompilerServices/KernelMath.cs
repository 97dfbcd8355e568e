using System.ComponentModel;
using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics.X86;
using System.Runtime.Intrinsics;

namespace Rlx.Optim.CompilerServices;

/// <summary>Small vector helpers the generated kernels share. Generated code calls them; user code has no need to.</summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public static class KernelMath
{
    /// <summary>
    /// The smallest double that rounds to float's +∞, (2 − 2⁻²⁴)·2¹²⁷: the midpoint between <see cref="float.MaxValue"/>
    /// and 2¹²⁸, where round-to-nearest-even goes up (float.MaxValue's significand is odd).
    /// </summary>
    internal const double FloatOverflowThreshold = 3.4028235677973366E+38;

    /// <summary>
    /// Masks a float's bits to its magnitude, and is then added to them: the magnitude 1 (the smallest subnormal)
    /// becomes <see cref="int.MinValue"/>, 0x7FFFFF (the largest) stays just below <see cref="SubnormalKeyLimit"/>,
    /// and zero wraps to the top, so one signed compare finds exactly the subnormals.
    /// </summary>
    private const int SubnormalKeyOffset = int.MaxValue;

    /// <summary>The key of the smallest normal float's bits, 0x800000: subnormal keys are below it.</summary>
    private const int SubnormalKeyLimit = unchecked((int)0x807F_FFFF);

    /// <summary><c>vfpclassps</c>'s class bit for denormals (subnormals of either sign).</summary>
    private const byte DenormalClass = 0x20;

    /// <summary><c>vfpclassps</c>'s classes of a rare first moment: +∞ (0x08), −∞ (0x10) and denormal (0x20).</summary>
    private const byte RareFirstMomentClasses = 0x38;

    /// <summary>The classes of a rare second moment (never negative): +∞ and denormal.</summary>
    private const byte RareSecondMomentClasses = 0x28;

    /// <summary>
    /// Each lane of <paramref name="x"/>, or ±∞ where it would round to ±∞ as a float: a double kernel whose state is
    /// stored as floats uses it to take a step with the value the state will hold, as a float kernel does (PyTorch's
    /// rule, where a second moment that overflows float makes the denominator infinite and the step 0).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector<double> AsFloatRange(Vector<double> x) =>
        Vector.ConditionalSelect(
            Vector.GreaterThanOrEqual(Vector.Abs(x), new Vector<double>(FloatOverflowThreshold)),
            x * new Vector<double>(double.PositiveInfinity),
            x);

    /// <inheritdoc cref="AsFloatRange(Vector{double})"/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<double> AsFloatRange(Vector512<double> x) =>
        Vector512.ConditionalSelect(
            Vector512.GreaterThanOrEqual(Vector512.Abs(x), Vector512.Create(FloatOverflowThreshold)),
            x * Vector512.Create(double.PositiveInfinity),
            x);

    /// <summary>All bits set in the lanes of <paramref name="x"/> that are subnormal (nonzero, below float's normal range).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector<float> IsSubnormal(Vector<float> x) =>
        Vector.AsVectorSingle(Vector.LessThan(SubnormalKey(x), new Vector<int>(SubnormalKeyLimit)));

    /// <inheritdoc cref="IsSubnormal(Vector{float})"/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<float> IsSubnormal(Vector512<float> x) =>
        Avx512DQ.IsSupported
            ? Avx512DQ.Classify(x, DenormalClass)
            : Vector512.LessThan(SubnormalKey(x), Vector512.Create(SubnormalKeyLimit)).AsSingle();

    /// <summary>Whether any lane of <paramref name="m"/> (any sign) or of <paramref name="v"/> (never negative) is subnormal.</summary>
    /// <remarks>
    /// The hot-loop test, a handful of integer operations that feed the branch directly, no mask kept: the minimum of
    /// the two lanes' keys (<see cref="SubnormalKeyOffset"/>) is below the limit exactly when either is. A second
    /// moment is never negative, so its sign bit needs no masking (a NaN or zero with the sign bit set still compares
    /// as not subnormal).
    /// </remarks>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static bool AnySubnormal(Vector<float> m, Vector<float> v) =>
        Vector.LessThanAny(
            Vector.Min(SubnormalKey(m), SecondMomentKey(v)),
            new Vector<int>(SubnormalKeyLimit));

    /// <inheritdoc cref="AnySubnormal(Vector{float}, Vector{float})"/>
    /// <remarks>
    /// With AVX-512DQ, one <c>vfpclassps</c> per moment straight into a mask register, then one mask or, a move of
    /// its bits to an integer register and a test: five instructions instead of seven.
    /// </remarks>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static bool AnySubnormal(Vector512<float> m, Vector512<float> v) =>
        Avx512DQ.IsSupported
            ? Lanes(Avx512DQ.Classify(m, DenormalClass) | Avx512DQ.Classify(v, DenormalClass)) != 0
            : Vector512.LessThanAny(Vector512.Min(SubnormalKey(m), SecondMomentKey(v)), Vector512.Create(SubnormalKeyLimit));

    /// <summary>Whether any lane of four vectors' first moments (any sign) or second moments (never negative) is subnormal.</summary>
    /// <remarks>One test and one branch for a group of four vectors, where four <see cref="AnySubnormal(Vector{float}, Vector{float})"/> would take four.</remarks>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static bool AnySubnormal(
        Vector<float> m0, Vector<float> v0, Vector<float> m1, Vector<float> v1, Vector<float> m2, Vector<float> v2, Vector<float> m3, Vector<float> v3) =>
        Vector.LessThanAny(
            Vector.Min(
                Vector.Min(Vector.Min(SubnormalKey(m0), SecondMomentKey(v0)), Vector.Min(SubnormalKey(m1), SecondMomentKey(v1))),
                Vector.Min(Vector.Min(SubnormalKey(m2), SecondMomentKey(v2)), Vector.Min(SubnormalKey(m3), SecondMomentKey(v3)))),
            new Vector<int>(SubnormalKeyLimit));

    /// <inheritdoc cref="AnySubnormal(Vector{float}, Vector{float}, Vector{float}, Vector{float}, Vector{float}, Vector{float}, Vector{float}, Vector{float})"/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static bool AnySubnormal(
        Vector512<float> m0, Vector512<float> v0, Vector512<float> m1, Vector512<float> v1,
        Vector512<float> m2, Vector512<float> v2, Vector512<float> m3, Vector512<float> v3) =>
        Avx512DQ.IsSupported
            ? (Lanes(Avx512DQ.Classify(m0, DenormalClass) | Avx512DQ.Classify(v0, DenormalClass))
                | Lanes(Avx512DQ.Classify(m1, DenormalClass) | Avx512DQ.Classify(v1, DenormalClass))
                | Lanes(Avx512DQ.Classify(m2, DenormalClass) | Avx512DQ.Classify(v2, DenormalClass))
                | Lanes(Avx512DQ.Classify(m3, DenormalClass) | Avx512DQ.Classify(v3, DenormalClass))) != 0
            : AnySubnormal(m0, v0) | AnySubnormal(m1, v1) | AnySubnormal(m2, v2) | AnySubnormal(m3, v3);

    /// <summary>
    /// All bits set in the lanes whose moments leave the fast path of a kernel that divides by
    /// <see cref="Divide(Vector512{float}, Vector512{float})"/>: a subnormal or infinite moment.
    /// </summary>
    /// <remarks>
    /// NaN stays on the fast path, where it propagates as it should: a NaN parameter keeps its moments NaN for good,
    /// and sending them down the rare path would make every later step over that group several times slower.
    /// </remarks>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<float> IsRare(Vector512<float> m, Vector512<float> v) =>
        Avx512DQ.IsSupported
            ? Avx512DQ.Classify(m, RareFirstMomentClasses) | Avx512DQ.Classify(v, RareSecondMomentClasses)
            : IsSubnormal(m) | IsSubnormal(v) | Vector512.Equals(Vector512.Abs(m), Vector512.Create(float.PositiveInfinity))
                | Vector512.Equals(v, Vector512.Create(float.PositiveInfinity));

    /// <summary>Whether any lane of <paramref name="m"/> or <paramref name="v"/> is rare (<see cref="IsRare"/>).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static bool AnyRare(Vector512<float> m, Vector512<float> v) => Lanes(IsRare(m, v)) != 0;

    /// <summary>Whether any lane of four vectors' moments is rare (<see cref="IsRare"/>): one test and one branch for the group.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static bool AnyRare(
        Vector512<float> m0, Vector512<float> v0, Vector512<float> m1, Vector512<float> v1,
        Vector512<float> m2, Vector512<float> v2, Vector512<float> m3, Vector512<float> v3) =>
        (Lanes(IsRare(m0, v0)) | Lanes(IsRare(m1, v1)) | Lanes(IsRare(m2, v2)) | Lanes(IsRare(m3, v3))) != 0;

    /// <summary>
    /// <paramref name="numerator"/> / <paramref name="denominator"/> within one unit in the last place, for a
    /// denominator that is a positive normal float (never zero, subnormal or infinite: callers send such lanes
    /// through an exact division) and a finite numerator.
    /// </summary>
    /// <remarks>
    /// With AVX-512F: a 14-bit reciprocal estimate r, the quotient q = n·r, and one correction q + r·(n − d·q), whose
    /// residual is exact in a fused multiply-add, so the error is about 2⁻²⁸ relative before the last rounding. It
    /// keeps the hardware divider, which a 512-bit square root already occupies for most of a step, free: an Adam
    /// step in cache runs about a tenth faster (benchmarks README). Elsewhere, the division itself.
    /// </remarks>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<float> Divide(Vector512<float> numerator, Vector512<float> denominator)
    {
        if (!Avx512F.IsSupported)
        {
            return numerator / denominator;
        }

        Vector512<float> reciprocal = Avx512F.Reciprocal14(denominator);
        Vector512<float> quotient = numerator * reciprocal;
        Vector512<float> residual = Avx512F.FusedMultiplyAddNegated(denominator, quotient, numerator);
        return Avx512F.FusedMultiplyAdd(residual, reciprocal, quotient);
    }

    /// <summary>
    /// The sign of each lane: 1, −1, or the zero itself (±0), and NaN for NaN, so a NaN direction reaches the
    /// parameter instead of freezing it (Lion).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector<T> Sign<T>(Vector<T> x)
        where T : IFloatingPointIeee754<T>
    {
        Vector<T> unit = Vector.ConditionalSelect(Vector.Equals(x, Vector<T>.Zero), x, Vector<T>.One);
        Vector<T> signed = Vector.CopySign(unit, x);
        return Vector.ConditionalSelect(Vector.Equals(x, x), signed, x);
    }

    /// <inheritdoc cref="Sign{T}(Vector{T})"/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<T> Sign<T>(Vector512<T> x)
        where T : IFloatingPointIeee754<T>
    {
        Vector512<T> unit = Vector512.ConditionalSelect(Vector512.Equals(x, Vector512<T>.Zero), x, Vector512<T>.One);
        Vector512<T> signed = Vector512.CopySign(unit, x);
        return Vector512.ConditionalSelect(Vector512.Equals(x, x), signed, x);
    }

    /// <summary>One bit per lane of a mask (all bits set or none), in an integer register.</summary>
    /// <remarks>
    /// A group's masks are combined as these bits: the JIT moves each classification's mask register straight into
    /// them, where or-ing the masks as vectors made it turn each back into a vector and compare that with zero
    /// (up to a tenth of a step in cache; benchmarks README, "The group's test in integer registers").
    /// </remarks>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static ulong Lanes(Vector512<float> mask) => Vector512.ExtractMostSignificantBits(mask);

    /// <summary>
    /// Each lane's magnitude bits plus <see cref="SubnormalKeyOffset"/>, as signed integers, written as a subtraction of
    /// its negation (the same bits, wrapping): with one constant used twice, the JIT copied it into a register per use
    /// and spilled the copies, and at 256 bits, with 16 registers, the hot loop kept twice as many vectors on the stack.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector<int> SubnormalKey(Vector<float> x) =>
        (Vector.AsVectorInt32(x) & new Vector<int>(SubnormalKeyOffset)) - new Vector<int>(unchecked(-SubnormalKeyOffset));

    /// <summary><see cref="SubnormalKey(Vector{float})"/> of a lane that is never negative: no masking needed.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector<int> SecondMomentKey(Vector<float> v) => Vector.AsVectorInt32(v) + new Vector<int>(SubnormalKeyOffset);

    /// <inheritdoc cref="SubnormalKey(Vector{float})"/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector512<int> SubnormalKey(Vector512<float> x) =>
        (x.AsInt32() & Vector512.Create(SubnormalKeyOffset)) - Vector512.Create(unchecked(-SubnormalKeyOffset));

    /// <inheritdoc cref="SecondMomentKey(Vector{float})"/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector512<int> SecondMomentKey(Vector512<float> v) => v.AsInt32() + Vector512.Create(SubnormalKeyOffset);
}
