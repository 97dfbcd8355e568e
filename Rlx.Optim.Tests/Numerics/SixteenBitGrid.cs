using System;

namespace Rlx.Optim.Tests.Numerics;

/// <summary>
/// A 16-bit floating-point format written from its definition, for reference results: the value of every
/// non-negative pattern from the sign, exponent and significand fields in double arithmetic (no bit tricks, no
/// conversion under test), and the two neighbours of a magnitude.
/// </summary>
/// <remarks>
/// The pattern of +∞ is given the value the next finite one would have if the exponent went on (2¹²⁸ for bfloat16,
/// 2¹⁶ for half): IEEE rounding to nearest overflows exactly when that point is the nearer one (ties go to it, since
/// the largest finite significand is odd), and stochastic rounding's fraction of the last gap is measured to it.
/// </remarks>
public sealed class SixteenBitGrid
{
    public static readonly SixteenBitGrid BFloat16 = new(exponentBits: 8, significandBits: 7);

    public static readonly SixteenBitGrid Half = new(exponentBits: 5, significandBits: 10);

    private readonly int _significandBits;
    private readonly int _bias;

    private SixteenBitGrid(int exponentBits, int significandBits)
    {
        _significandBits = significandBits;
        _bias = (1 << (exponentBits - 1)) - 1;
        InfinityPattern = (ushort)(((1 << exponentBits) - 1) << significandBits);
    }

    /// <summary>The pattern of +∞; every pattern below it is a non-negative finite value.</summary>
    public ushort InfinityPattern { get; }

    /// <summary>The sign bit.</summary>
    public static ushort SignBit => 0x8000;

    /// <summary>The value of a non-negative pattern up to <see cref="InfinityPattern"/> (whose value is the overflow point).</summary>
    public double Value(int pattern)
    {
        int exponentField = pattern >> _significandBits;
        int significand = pattern & ((1 << _significandBits) - 1);
        double fraction = significand / (double)(1 << _significandBits);
        return exponentField == 0
            ? Math.ScaleB(fraction, 1 - _bias) // subnormal: 0.f × 2^(1 − bias)
            : Math.ScaleB(1 + fraction, exponentField - _bias); // normal: 1.f × 2^(e − bias)
    }

    /// <summary>
    /// The largest pattern whose value is at most <paramref name="magnitude"/> (finite, ≥ 0), and the pattern above
    /// it; both are <see cref="InfinityPattern"/> from the overflow point on.
    /// </summary>
    public (ushort Lower, ushort Upper) Neighbours(double magnitude)
    {
        if (magnitude >= Value(InfinityPattern))
        {
            return (InfinityPattern, InfinityPattern);
        }

        int low = 0, high = InfinityPattern; // Value(low) ≤ magnitude < Value(high)
        while (high - low > 1)
        {
            int middle = (low + high) / 2;
            if (Value(middle) <= magnitude)
            {
                low = middle;
            }
            else
            {
                high = middle;
            }
        }

        return ((ushort)low, (ushort)high);
    }

    /// <summary>IEEE round to nearest, ties to even, of a non-NaN double, from the definition: the nearer neighbour.</summary>
    public ushort RoundToNearestEven(double x)
    {
        ushort sign = double.IsNegative(x) ? SignBit : (ushort)0;
        double magnitude = Math.Abs(x);
        (ushort lower, ushort upper) = Neighbours(magnitude);
        if (lower == upper || Value(lower) == magnitude)
        {
            return (ushort)(sign | lower);
        }

        // Both distances are exact: the neighbours are within a factor 2 of the magnitude (or the lower one is 0).
        double below = magnitude - Value(lower), above = Value(upper) - magnitude;
        ushort nearer = below < above ? lower : above < below ? upper : (lower & 1) == 0 ? lower : upper;
        return (ushort)(sign | nearer);
    }

    /// <summary>
    /// What stochastic rounding of a finite <paramref name="x"/> may give: the neighbour towards zero, the one away
    /// from zero, and the exact probability of the latter (x's fraction of the gap, computed exactly in double).
    /// </summary>
    public (ushort TowardZero, ushort AwayFromZero, double Probability) StochasticChoices(double x)
    {
        ushort sign = double.IsNegative(x) ? SignBit : (ushort)0;
        double magnitude = Math.Abs(x);
        (ushort lower, ushort upper) = Neighbours(magnitude);
        if (lower == upper || Value(lower) == magnitude)
        {
            return ((ushort)(sign | lower), (ushort)(sign | lower), 0);
        }

        // The difference is exact (Sterbenz, or a lower neighbour of 0); the gap is a power of two.
        double probability = (magnitude - Value(lower)) / (Value(upper) - Value(lower));
        return ((ushort)(sign | lower), (ushort)(sign | upper), probability);
    }

    /// <summary>The signed value of a pattern (either sign), ∞ for the infinity patterns; not for NaN patterns.</summary>
    public double SignedValue(ushort pattern)
    {
        int magnitude = pattern & 0x7FFF;
        double value = magnitude == InfinityPattern ? double.PositiveInfinity : Value(magnitude);
        return (pattern & SignBit) != 0 ? -value : value;
    }
}
