using System;

namespace Rlx.Optim.Tests.Numerics;

/// <summary>
/// How far a second moment stored as bfloat16 is from a float one: the measure the bfloat16-state studies report, and
/// the bound stochastic rounding keeps it within (<see cref="BFloat16StateTests"/> derives it).
/// </summary>
internal static class SecondMomentBound
{
    /// <summary>
    /// 2⁻¹⁶: a stochastic rounding's error variance is at most a quarter of the gap squared, the gap at most 2⁻⁷ of the
    /// value.
    /// </summary>
    private static readonly double RoundingVariance = Math.ScaleB(1, -16);

    /// <summary>sqrt(mean over elements of ((x − reference)/reference)²).</summary>
    public static double RmsRelativeError(ReadOnlySpan<float> x, ReadOnlySpan<float> reference)
    {
        double sum = 0;
        for (int i = 0; i < x.Length; i++)
        {
            double relative = ((double)x[i] - reference[i]) / reference[i];
            sum += relative * relative;
        }

        return Math.Sqrt(sum / x.Length);
    }

    /// <summary>
    /// One step of the bound on E[e²]/v² for one element, e the error of a stochastically rounded v that sees the same
    /// gradients as the float v: R ← β₂²(1 + 2⁻¹⁶)(v_prev/v)²·R + 2⁻¹⁶, along the float v (from
    /// <paramref name="previous"/> to <paramref name="current"/>). The bound on the RMS relative error is the square
    /// root of the mean of R over elements.
    /// </summary>
    public static double Next(double r, double beta2, float previous, float current)
    {
        double shrink = previous / (double)current;
        return (beta2 * beta2 * (1 + RoundingVariance) * shrink * shrink * r) + RoundingVariance;
    }
}
