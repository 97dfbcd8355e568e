using System;
using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using Rlx.Optim.CompilerServices;

namespace Rlx.Optim.Benchmarks.DriverStudy;

/// <summary>
/// One step's scalars, computed once per step in double and stored in float (as the generated AdamScalars), and
/// broadcast once per step: the JIT does not hoist a broadcast of a scalar field out of the driver's loop (it
/// re-broadcast both per vector, 18 more <c>vbroadcastss</c> in the loop than today's kernel), but keeps a vector
/// field of the driver's local copy in a register.
/// </summary>
public readonly struct AdamStepScalars
{
    public readonly Vector512<float> StepSize;
    public readonly Vector512<float> InverseSqrtBiasCorrection2;
    public readonly Vector<float> StepSizePreferred;
    public readonly Vector<float> InverseSqrtBiasCorrection2Preferred;

    public AdamStepScalars(float stepSize, float inverseSqrtBiasCorrection2)
    {
        StepSize = Vector512.Create(stepSize);
        InverseSqrtBiasCorrection2 = Vector512.Create(inverseSqrtBiasCorrection2);
        StepSizePreferred = Vector.Create(stepSize);
        InverseSqrtBiasCorrection2Preferred = Vector.Create(inverseSqrtBiasCorrection2);
    }
}

/// <summary>
/// Float Adam at β₁ = 0.9, β₂ = 0.999, ε = 1e-8, no weight decay, as a generator would emit it for the driver: only
/// the arithmetic, with the settings folded in as literals; the same operations, in the same order, as today's
/// generated kernel (<c>DefaultKernel.Wide</c> and <c>.Preferred</c>), so it gives the same bits.
/// </summary>
public readonly struct DefaultAdamRule : IElementwiseRule<AdamStepScalars>
{
    public static int StateCount => 2;

    public static bool HasRarePath => true;

    /// <summary>The scalars of step <paramref name="t"/> (from 1) at learning rate <paramref name="lr"/>.</summary>
    public static AdamStepScalars Prepare(double lr, long t)
    {
        double biasCorrection1 = t < 363 ? 1.0 - Math.Pow(0.9, t) : 1.0;
        double biasCorrection2 = t < 38106 ? 1.0 - Math.Pow(0.999, t) : 1.0;
        return new AdamStepScalars((float)(lr / biasCorrection1), (float)(1.0 / Math.Sqrt(biasCorrection2)));
    }

    // 512 bits: fused moments, the refined reciprocal, rare lanes (subnormal or infinite moments) exact.

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Moments(in AdamStepScalars scalars, Vector512<float> p, ref Vector512<float> g, ref State512 state)
    {
        // No decay term; p − p makes a non-finite θ's moments NaN, as in the seed.
        g += p - p;
        state.S0 = Vector512.FusedMultiplyAdd(g - state.S0, Vector512.Create(0.1f), state.S0);
        Vector512<float> gap = g * g - Vector512.MinNative(state.S1, Vector512.Create(float.MaxValue));
        state.S1 = Vector512.FusedMultiplyAdd(gap, Vector512.Create(0.001f), state.S1);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static bool AnyRare(in State512 s0, in State512 s1, in State512 s2, in State512 s3) =>
        KernelMath.AnyRare(s0.S0, s0.S1, s1.S0, s1.S1, s2.S0, s2.S1, s3.S0, s3.S1);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static bool AnyRare(in State512 state) => KernelMath.AnyRare(state.S0, state.S1);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void ExactMoments(in AdamStepScalars scalars, Vector512<float> g, in State512 stored, ref State512 state)
    {
        Vector512<float> exact = KernelMath.IsRare(state.S0, state.S1);
        state.S0 = Vector512.ConditionalSelect(exact, ExactFirstMoment(stored.S0, g), state.S0);
        state.S1 = Vector512.ConditionalSelect(exact, ExactSecondMoment(stored.S1, g), state.S1);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<float> Finish(in AdamStepScalars scalars, Vector512<float> p, in State512 state)
    {
        Vector512<float> denominator = Vector512.FusedMultiplyAdd(
            Vector512.Sqrt(state.S1), scalars.InverseSqrtBiasCorrection2, Vector512.Create(1e-8f));
        Vector512<float> delta = KernelMath.Divide(scalars.StepSize * state.S0, denominator);
        return p - delta;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<float> FinishRare(in AdamStepScalars scalars, Vector512<float> p, in State512 state)
    {
        Vector512<float> denominator = Vector512.FusedMultiplyAdd(
            Vector512.Sqrt(state.S1), scalars.InverseSqrtBiasCorrection2, Vector512.Create(1e-8f));
        Vector512<float> numerator = scalars.StepSize * state.S0;
        Vector512<float> rare = KernelMath.IsRare(state.S0, state.S1);
        Vector512<float> delta = Vector512.ConditionalSelect(
            rare, numerator / denominator, KernelMath.Divide(numerator, denominator));
        return p - delta;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector512<float> ExactFirstMoment(Vector512<float> previous, Vector512<float> gradient)
    {
        Vector512<double> beta = Vector512.Create(0.9);
        Vector512<double> oneMinusBeta = Vector512.Create(0.09999999999999998); // 1 − 0.9
        return Vector512.Narrow(
            beta * Vector512.WidenLower(previous) + oneMinusBeta * Vector512.WidenLower(gradient),
            beta * Vector512.WidenUpper(previous) + oneMinusBeta * Vector512.WidenUpper(gradient));
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector512<float> ExactSecondMoment(Vector512<float> previous, Vector512<float> gradient)
    {
        Vector512<double> beta = Vector512.Create(0.999);
        Vector512<double> oneMinusBeta = Vector512.Create(0.0010000000000000009); // 1 − 0.999
        Vector512<double> gLow = Vector512.WidenLower(gradient);
        Vector512<double> gHigh = Vector512.WidenUpper(gradient);
        return Vector512.Narrow(
            beta * Vector512.WidenLower(previous) + oneMinusBeta * gLow * gLow,
            beta * Vector512.WidenUpper(previous) + oneMinusBeta * gHigh * gHigh);
    }

    // Vector<T>: plain moments and division, subnormal moments exact (as today's Preferred).

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Moments(in AdamStepScalars scalars, Vector<float> p, ref Vector<float> g, ref StatePreferred state)
    {
        g += p - p;
        state.S0 = Vector.Create(0.9f) * state.S0 + Vector.Create(0.1f) * g;
        state.S1 = Vector.Create(0.999f) * state.S1 + Vector.Create(0.001f) * g * g;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static bool AnyRare(in StatePreferred s0, in StatePreferred s1, in StatePreferred s2, in StatePreferred s3) =>
        KernelMath.AnySubnormal(s0.S0, s0.S1, s1.S0, s1.S1, s2.S0, s2.S1, s3.S0, s3.S1);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static bool AnyRare(in StatePreferred state) => KernelMath.AnySubnormal(state.S0, state.S1);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void ExactMoments(in AdamStepScalars scalars, Vector<float> g, in StatePreferred stored, ref StatePreferred state)
    {
        Vector<float> exact = KernelMath.IsSubnormal(state.S0) | KernelMath.IsSubnormal(state.S1);
        state.S0 = Vector.ConditionalSelect(exact, ExactFirstMoment(stored.S0, g), state.S0);
        state.S1 = Vector.ConditionalSelect(exact, ExactSecondMoment(stored.S1, g), state.S1);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector<float> Finish(in AdamStepScalars scalars, Vector<float> p, in StatePreferred state)
    {
        Vector<float> delta = scalars.StepSizePreferred * state.S0
            / (Vector.SquareRoot(state.S1) * scalars.InverseSqrtBiasCorrection2Preferred + Vector.Create(1e-8f));
        return p - delta;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector<float> FinishRare(in AdamStepScalars scalars, Vector<float> p, in StatePreferred state) =>
        Finish(in scalars, p, in state);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector<float> ExactFirstMoment(Vector<float> previous, Vector<float> gradient)
    {
        Vector<double> beta = Vector.Create(0.9);
        Vector<double> oneMinusBeta = Vector.Create(0.09999999999999998); // 1 − 0.9
        return Vector.Narrow(
            beta * Vector.WidenLower(previous) + oneMinusBeta * Vector.WidenLower(gradient),
            beta * Vector.WidenUpper(previous) + oneMinusBeta * Vector.WidenUpper(gradient));
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector<float> ExactSecondMoment(Vector<float> previous, Vector<float> gradient)
    {
        Vector<double> beta = Vector.Create(0.999);
        Vector<double> oneMinusBeta = Vector.Create(0.0010000000000000009); // 1 − 0.999
        Vector<double> gLow = Vector.WidenLower(gradient);
        Vector<double> gHigh = Vector.WidenUpper(gradient);
        return Vector.Narrow(
            beta * Vector.WidenLower(previous) + oneMinusBeta * gLow * gLow,
            beta * Vector.WidenUpper(previous) + oneMinusBeta * gHigh * gHigh);
    }
}
