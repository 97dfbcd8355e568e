using System;
using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using Rlx.Optim.CompilerServices;

namespace Rlx.Optim.Benchmarks.RawKernels;

/// <summary>
/// <see cref="PreviousGeneratedAdam"/>'s per-step scalars, as the generator wrote them before the driver (floats;
/// each loop broadcasts them once per call).
/// </summary>
public readonly struct PreviousAdamScalars
{
    /// <summary>lr / (1 − β₁ᵗ).</summary>
    public readonly float StepSize;

    /// <summary>1 / √(1 − β₂ᵗ): √v̂ is √v times this, which cannot overflow where v̂ itself would.</summary>
    public readonly float InverseSqrtBiasCorrection2;

    public PreviousAdamScalars(float stepSize, float inverseSqrtBiasCorrection2)
    {
        StepSize = stepSize;
        InverseSqrtBiasCorrection2 = inverseSqrtBiasCorrection2;
    }
}

/// <summary>
/// The float Adam kernel the generator wrote before the runtime's <see cref="ElementwiseDriver"/> took over the loop
/// (commit 0a997ba), kept as the driver's baseline: <c>DefaultKernel</c> of the snapshot
/// <c>GeneratedSourceTests.Defaults#Demo.DefaultAdam.g.verified.cs</c> at 0a997ba~1 (β₁ = 0.9, β₂ = 0.999,
/// ε = 1e-8, no decay: <see cref="SingleAdam"/>'s settings). Everything below is that code as generated, renamed
/// (<c>DefaultKernel</c> to <c>PreviousGeneratedAdam</c>, <c>AdamScalars</c> to <c>PreviousAdamScalars</c>), made
/// public, and run by the runner it was written for (<see cref="UpdateKernels"/>, moved here); <c>Hyperparameters()</c>
/// (checkpoint metadata) is left out. <see cref="DriverVsPrevious"/> checks that it gives <see cref="SingleAdam"/>'s
/// bits before it times the two.
/// </summary>
public readonly struct PreviousGeneratedAdam : IUpdateKernel<PreviousAdamScalars>
{
    /// <summary>The scalars of step <paramref name="t"/> (from 1) at learning rate <paramref name="lr"/>.</summary>
    public static PreviousAdamScalars Prepare(double lr, long t)
    {
        // From step 363 on, 0.9ᵗ ≤ 2⁻⁵⁵ and 1 − 0.9ᵗ is exactly 1.0 in double.
        double biasCorrection1 = t < 363 ? 1.0 - Math.Pow(0.9, t) : 1.0;
        // From step 38106 on, 0.999ᵗ ≤ 2⁻⁵⁵ and 1 − 0.999ᵗ is exactly 1.0 in double.
        double biasCorrection2 = t < 38106 ? 1.0 - Math.Pow(0.999, t) : 1.0;
        double stepSize = lr / biasCorrection1;
        double inverseSqrtBiasCorrection2 = 1.0 / Math.Sqrt(biasCorrection2);
        return new PreviousAdamScalars((float)stepSize, (float)inverseSqrtBiasCorrection2);
    }

    /// <summary>Updates a whole set and its state on the calling thread.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Run(
        in PreviousAdamScalars scalars, Span<float> parameter, ReadOnlySpan<float> gradient, ParameterState state) =>
        UpdateKernels.Run<PreviousGeneratedAdam, PreviousAdamScalars>(
            in scalars, parameter, gradient, state.Buffer(0), state.Buffer(1), default);

    /// <summary>
    /// Updates a whole set and its state across up to <paramref name="maxDegreeOfParallelism"/> cores.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void RunParallel(
        in PreviousAdamScalars scalars, Span<float> parameter, ReadOnlySpan<float> gradient, ParameterState state,
        int maxDegreeOfParallelism) =>
        UpdateKernels.RunParallel<PreviousGeneratedAdam, PreviousAdamScalars>(
            in scalars, parameter, gradient, state.Buffer(0), state.Buffer(1), default, maxDegreeOfParallelism);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Update(
        in PreviousAdamScalars scalars, ref float parameter, ref float gradient, ref float state0, ref float state1,
        ref float state2, nuint start, nuint end)
    {
        if (KernelWidth.Uses512Bits)
        {
            Wide.Update(
                in scalars, ref parameter, ref gradient, ref state0, ref state1, ref state2, start, end);
        }
        else
        {
            Preferred.Update(
                in scalars, ref parameter, ref gradient, ref state0, ref state1, ref state2, start, end);
        }
    }

    /// <summary>The update over <see cref="Vector512{T}"/>: where 512-bit vectors are accelerated.</summary>
    private static class Wide
    {
        private static Vector512<float> OneMinusBeta1 => Vector512.Create(0.1f); // 1 − 0.9
        private static Vector512<float> LargestFloat => Vector512.Create(float.MaxValue);
        private static Vector512<float> OneMinusBeta2 => Vector512.Create(0.001f); // 1 − 0.999
        private static Vector512<float> Epsilon => Vector512.Create(1e-8f);

        // Never inlined: the loop is a whole set's work, and inlined into a caller it would share that caller's
        // inlining budget.
        [MethodImpl(MethodImplOptions.NoInlining)]
        public static void Update(
            in PreviousAdamScalars scalars, ref float parameter, ref float gradient, ref float state0, ref float state1,
            ref float state2, nuint start, nuint end)
        {
            Vector512<float> stepSize = Vector512.Create(scalars.StepSize);
            Vector512<float> inverseSqrtBiasCorrection2 = Vector512.Create(scalars.InverseSqrtBiasCorrection2);
            nuint width = (nuint)Vector512<float>.Count;
            nuint i = start;
            for (; end - i >= 4 * width; i += 4 * width)
            {
                UpdateGroup(ref parameter, ref gradient, ref state0, ref state1, i, width,
                    stepSize, inverseSqrtBiasCorrection2);
            }

            for (; i < end; i += width)
            {
                UpdateVector(ref parameter, ref gradient, ref state0, ref state1, i,
                    stepSize, inverseSqrtBiasCorrection2);
            }
        }

        /// <summary>
        /// Four vectors from <paramref name="i"/>: their new moments, one test of all of them for the rare exact
        /// path, then their steps.
        /// </summary>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        private static void UpdateGroup(
            ref float parameter, ref float gradient, ref float state0, ref float state1, nuint i, nuint width,
            Vector512<float> stepSize, Vector512<float> inverseSqrtBiasCorrection2)
        {
            Moments(ref parameter, ref gradient, ref state0, ref state1, i,
                out Vector512<float> p0, out Vector512<float> g0, out Vector512<float> m0, out Vector512<float> v0);
            Moments(ref parameter, ref gradient, ref state0, ref state1, i + width,
                out Vector512<float> p1, out Vector512<float> g1, out Vector512<float> m1, out Vector512<float> v1);
            Moments(ref parameter, ref gradient, ref state0, ref state1, i + 2 * width,
                out Vector512<float> p2, out Vector512<float> g2, out Vector512<float> m2, out Vector512<float> v2);
            Moments(ref parameter, ref gradient, ref state0, ref state1, i + 3 * width,
                out Vector512<float> p3, out Vector512<float> g3, out Vector512<float> m3, out Vector512<float> v3);
            if (KernelMath.AnyRare(m0, v0, m1, v1, m2, v2, m3, v3))
            {
                ExactMoments(ref state0, ref state1, i, g0, ref m0, ref v0);
                ExactMoments(ref state0, ref state1, i + width, g1, ref m1, ref v1);
                ExactMoments(ref state0, ref state1, i + 2 * width, g2, ref m2, ref v2);
                ExactMoments(ref state0, ref state1, i + 3 * width, g3, ref m3, ref v3);
                FinishRare(ref parameter, ref state0, ref state1, i, p0, m0, v0,
                    stepSize, inverseSqrtBiasCorrection2);
                FinishRare(ref parameter, ref state0, ref state1, i + width, p1, m1, v1,
                    stepSize, inverseSqrtBiasCorrection2);
                FinishRare(ref parameter, ref state0, ref state1, i + 2 * width, p2, m2, v2,
                    stepSize, inverseSqrtBiasCorrection2);
                FinishRare(ref parameter, ref state0, ref state1, i + 3 * width, p3, m3, v3,
                    stepSize, inverseSqrtBiasCorrection2);
                return;
            }

            Finish(ref parameter, ref state0, ref state1, i, p0, m0, v0,
                stepSize, inverseSqrtBiasCorrection2);
            Finish(ref parameter, ref state0, ref state1, i + width, p1, m1, v1,
                stepSize, inverseSqrtBiasCorrection2);
            Finish(ref parameter, ref state0, ref state1, i + 2 * width, p2, m2, v2,
                stepSize, inverseSqrtBiasCorrection2);
            Finish(ref parameter, ref state0, ref state1, i + 3 * width, p3, m3, v3,
                stepSize, inverseSqrtBiasCorrection2);
        }

        /// <summary>One vector at <paramref name="i"/>, for the loop's last vectors.</summary>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        private static void UpdateVector(
            ref float parameter, ref float gradient, ref float state0, ref float state1, nuint i,
            Vector512<float> stepSize, Vector512<float> inverseSqrtBiasCorrection2)
        {
            Moments(ref parameter, ref gradient, ref state0, ref state1, i,
                out Vector512<float> p, out Vector512<float> g, out Vector512<float> m, out Vector512<float> v);
            if (KernelMath.AnyRare(m, v))
            {
                ExactMoments(ref state0, ref state1, i, g, ref m, ref v);
                FinishRare(ref parameter, ref state0, ref state1, i, p, m, v, stepSize, inverseSqrtBiasCorrection2);
                return;
            }

            Finish(ref parameter, ref state0, ref state1, i, p, m, v, stepSize, inverseSqrtBiasCorrection2);
        }

        /// <summary>
        /// The new moments of the vector at <paramref name="i"/>, from θ, g and the stored moments.
        /// </summary>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        private static void Moments(
            ref float parameter, ref float gradient, ref float state0, ref float state1, nuint i,
            out Vector512<float> p, out Vector512<float> g, out Vector512<float> expAvg,
            out Vector512<float> expAvgSq)
        {
            p = Vector512.LoadUnsafe(ref parameter, i);
            g = Vector512.LoadUnsafe(ref gradient, i);
            // No decay term; but p − p is 0 for a finite θ and NaN otherwise: as in the seed, a non-finite θ makes
            // its own moments NaN.
            g += p - p;
            expAvg = Vector512.LoadUnsafe(ref state0, i);
            expAvgSq = Vector512.LoadUnsafe(ref state1, i);
            expAvg = Vector512.FusedMultiplyAdd(g - expAvg, OneMinusBeta1, expAvg);
            // g² overflows sooner than (1 − β₂)·g², but an infinite v takes the rare path, which recomputes it in
            // double; an infinite stored v is capped where it is subtracted, so it stays infinite instead of
            // turning NaN.
            Vector512<float> gap = g * g - Vector512.MinNative(expAvgSq, LargestFloat);
            expAvgSq = Vector512.FusedMultiplyAdd(gap, OneMinusBeta2, expAvgSq);
        }

        /// <summary>The rare path, from the stored moments (not yet overwritten).</summary>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        private static void ExactMoments(
            ref float state0, ref float state1, nuint i, Vector512<float> g, ref Vector512<float> expAvg,
            ref Vector512<float> expAvgSq)
        {
            Vector512<float> m0 = Vector512.LoadUnsafe(ref state0, i);
            Vector512<float> v0 = Vector512.LoadUnsafe(ref state1, i);
            Vector512<float> exact = KernelMath.IsRare(expAvg, expAvgSq);
            expAvg = Vector512.ConditionalSelect(exact, ExactFirstMoment(m0, g), expAvg);
            expAvgSq = Vector512.ConditionalSelect(exact, ExactSecondMoment(v0, g), expAvgSq);
        }

        /// <summary>Stores the vector at <paramref name="i"/>: its new state, and θ − delta.</summary>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        private static void Finish(
            ref float parameter, ref float state0, ref float state1, nuint i, Vector512<float> p,
            Vector512<float> expAvg, Vector512<float> expAvgSq, Vector512<float> stepSize,
            Vector512<float> inverseSqrtBiasCorrection2)
        {
            Vector512.StoreUnsafe(expAvg, ref state0, i);
            Vector512.StoreUnsafe(expAvgSq, ref state1, i);
            Vector512<float> denominator = Vector512.FusedMultiplyAdd(
                Vector512.Sqrt(expAvgSq), inverseSqrtBiasCorrection2, Epsilon);
            Vector512<float> delta = KernelMath.Divide(stepSize * expAvg, denominator);
            Vector512.StoreUnsafe(p - delta, ref parameter, i);
        }

        /// <summary><c>Finish</c> on the rare path: the rare lanes divide exactly.</summary>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        private static void FinishRare(
            ref float parameter, ref float state0, ref float state1, nuint i, Vector512<float> p,
            Vector512<float> expAvg, Vector512<float> expAvgSq, Vector512<float> stepSize,
            Vector512<float> inverseSqrtBiasCorrection2)
        {
            Vector512.StoreUnsafe(expAvg, ref state0, i);
            Vector512.StoreUnsafe(expAvgSq, ref state1, i);
            Vector512<float> denominator = Vector512.FusedMultiplyAdd(
                Vector512.Sqrt(expAvgSq), inverseSqrtBiasCorrection2, Epsilon);
            Vector512<float> numerator = stepSize * expAvg;
            // An infinite denominator or numerator is outside the reciprocal's range: those lanes divide exactly.
            Vector512<float> rare = KernelMath.IsRare(expAvg, expAvgSq);
            Vector512<float> delta = Vector512.ConditionalSelect(
                rare, numerator / denominator, KernelMath.Divide(numerator, denominator));
            Vector512.StoreUnsafe(p - delta, ref parameter, i);
        }

        // The moments of the rare vectors with a subnormal lane, in double and rounded once.
        // Inlined: a call in the loop would make the JIT spill every live vector (all are caller-saved).
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        private static Vector512<float> ExactFirstMoment(Vector512<float> previous, Vector512<float> gradient)
        {
            Vector512<double> previousLow = Vector512.WidenLower(previous);
            Vector512<double> previousHigh = Vector512.WidenUpper(previous);
            Vector512<double> gLow = Vector512.WidenLower(gradient);
            Vector512<double> gHigh = Vector512.WidenUpper(gradient);
            Vector512<double> beta = Vector512.Create(0.9);
            Vector512<double> oneMinusBeta = Vector512.Create(0.09999999999999998); // 1 − 0.9
            return Vector512.Narrow(
                beta * previousLow + oneMinusBeta * gLow, beta * previousHigh + oneMinusBeta * gHigh);
        }

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        private static Vector512<float> ExactSecondMoment(Vector512<float> previous, Vector512<float> gradient)
        {
            Vector512<double> previousLow = Vector512.WidenLower(previous);
            Vector512<double> previousHigh = Vector512.WidenUpper(previous);
            Vector512<double> gLow = Vector512.WidenLower(gradient);
            Vector512<double> gHigh = Vector512.WidenUpper(gradient);
            Vector512<double> beta = Vector512.Create(0.999);
            Vector512<double> oneMinusBeta = Vector512.Create(0.0010000000000000009); // 1 − 0.999
            return Vector512.Narrow(
                beta * previousLow + oneMinusBeta * gLow * gLow,
                beta * previousHigh + oneMinusBeta * gHigh * gHigh);
        }
    }

    /// <summary>
    /// The update over <see cref="Vector{T}"/>, the platform's preferred width: where 512-bit vectors are not
    /// accelerated.
    /// </summary>
    private static class Preferred
    {
        private static Vector<float> Beta1 => Vector.Create(0.9f);
        private static Vector<float> OneMinusBeta1 => Vector.Create(0.1f); // 1 − 0.9
        private static Vector<float> Beta2 => Vector.Create(0.999f);
        private static Vector<float> OneMinusBeta2 => Vector.Create(0.001f); // 1 − 0.999
        private static Vector<float> Epsilon => Vector.Create(1e-8f);

        // Never inlined: the loop is a whole set's work, and inlined into a caller it would share that caller's
        // inlining budget.
        [MethodImpl(MethodImplOptions.NoInlining)]
        public static void Update(
            in PreviousAdamScalars scalars, ref float parameter, ref float gradient, ref float state0, ref float state1,
            ref float state2, nuint start, nuint end)
        {
            Vector<float> stepSize = Vector.Create(scalars.StepSize);
            Vector<float> inverseSqrtBiasCorrection2 = Vector.Create(scalars.InverseSqrtBiasCorrection2);
            nuint width = (nuint)Vector<float>.Count;
            nuint i = start;
            for (; end - i >= 4 * width; i += 4 * width)
            {
                UpdateGroup(ref parameter, ref gradient, ref state0, ref state1, i, width,
                    stepSize, inverseSqrtBiasCorrection2);
            }

            for (; i < end; i += width)
            {
                UpdateVector(ref parameter, ref gradient, ref state0, ref state1, i,
                    stepSize, inverseSqrtBiasCorrection2);
            }
        }

        /// <summary>
        /// Four vectors from <paramref name="i"/>: their new moments, one test of all of them for the rare exact
        /// path, then their steps.
        /// </summary>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        private static void UpdateGroup(
            ref float parameter, ref float gradient, ref float state0, ref float state1, nuint i, nuint width,
            Vector<float> stepSize, Vector<float> inverseSqrtBiasCorrection2)
        {
            Moments(ref parameter, ref gradient, ref state0, ref state1, i,
                out Vector<float> p0, out Vector<float> g0, out Vector<float> m0, out Vector<float> v0);
            Moments(ref parameter, ref gradient, ref state0, ref state1, i + width,
                out Vector<float> p1, out Vector<float> g1, out Vector<float> m1, out Vector<float> v1);
            Moments(ref parameter, ref gradient, ref state0, ref state1, i + 2 * width,
                out Vector<float> p2, out Vector<float> g2, out Vector<float> m2, out Vector<float> v2);
            Moments(ref parameter, ref gradient, ref state0, ref state1, i + 3 * width,
                out Vector<float> p3, out Vector<float> g3, out Vector<float> m3, out Vector<float> v3);
            if (KernelMath.AnySubnormal(m0, v0, m1, v1, m2, v2, m3, v3))
            {
                ExactMoments(ref state0, ref state1, i, g0, ref m0, ref v0);
                ExactMoments(ref state0, ref state1, i + width, g1, ref m1, ref v1);
                ExactMoments(ref state0, ref state1, i + 2 * width, g2, ref m2, ref v2);
                ExactMoments(ref state0, ref state1, i + 3 * width, g3, ref m3, ref v3);
            }

            Finish(ref parameter, ref state0, ref state1, i, p0, m0, v0,
                stepSize, inverseSqrtBiasCorrection2);
            Finish(ref parameter, ref state0, ref state1, i + width, p1, m1, v1,
                stepSize, inverseSqrtBiasCorrection2);
            Finish(ref parameter, ref state0, ref state1, i + 2 * width, p2, m2, v2,
                stepSize, inverseSqrtBiasCorrection2);
            Finish(ref parameter, ref state0, ref state1, i + 3 * width, p3, m3, v3,
                stepSize, inverseSqrtBiasCorrection2);
        }

        /// <summary>One vector at <paramref name="i"/>, for the loop's last vectors.</summary>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        private static void UpdateVector(
            ref float parameter, ref float gradient, ref float state0, ref float state1, nuint i,
            Vector<float> stepSize, Vector<float> inverseSqrtBiasCorrection2)
        {
            Moments(ref parameter, ref gradient, ref state0, ref state1, i,
                out Vector<float> p, out Vector<float> g, out Vector<float> m, out Vector<float> v);
            if (KernelMath.AnySubnormal(m, v))
            {
                ExactMoments(ref state0, ref state1, i, g, ref m, ref v);
            }

            Finish(ref parameter, ref state0, ref state1, i, p, m, v, stepSize, inverseSqrtBiasCorrection2);
        }

        /// <summary>
        /// The new moments of the vector at <paramref name="i"/>, from θ, g and the stored moments.
        /// </summary>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        private static void Moments(
            ref float parameter, ref float gradient, ref float state0, ref float state1, nuint i,
            out Vector<float> p, out Vector<float> g, out Vector<float> expAvg, out Vector<float> expAvgSq)
        {
            p = Vector.LoadUnsafe(ref parameter, i);
            g = Vector.LoadUnsafe(ref gradient, i);
            // No decay term; but p − p is 0 for a finite θ and NaN otherwise: as in the seed, a non-finite θ makes
            // its own moments NaN.
            g += p - p;
            expAvg = Vector.LoadUnsafe(ref state0, i);
            expAvgSq = Vector.LoadUnsafe(ref state1, i);
            expAvg = Beta1 * expAvg + OneMinusBeta1 * g;
            // (1 − β₂)·g is formed before g multiplies it again, so v overflows no earlier than it must.
            expAvgSq = Beta2 * expAvgSq + OneMinusBeta2 * g * g;
        }

        /// <summary>The rare path, from the stored moments (not yet overwritten).</summary>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        private static void ExactMoments(
            ref float state0, ref float state1, nuint i, Vector<float> g, ref Vector<float> expAvg,
            ref Vector<float> expAvgSq)
        {
            Vector<float> m0 = Vector.LoadUnsafe(ref state0, i);
            Vector<float> v0 = Vector.LoadUnsafe(ref state1, i);
            Vector<float> exact = KernelMath.IsSubnormal(expAvg) | KernelMath.IsSubnormal(expAvgSq);
            expAvg = Vector.ConditionalSelect(exact, ExactFirstMoment(m0, g), expAvg);
            expAvgSq = Vector.ConditionalSelect(exact, ExactSecondMoment(v0, g), expAvgSq);
        }

        /// <summary>Stores the vector at <paramref name="i"/>: its new state, and θ − delta.</summary>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        private static void Finish(
            ref float parameter, ref float state0, ref float state1, nuint i, Vector<float> p, Vector<float> expAvg,
            Vector<float> expAvgSq, Vector<float> stepSize, Vector<float> inverseSqrtBiasCorrection2)
        {
            Vector.StoreUnsafe(expAvg, ref state0, i);
            Vector.StoreUnsafe(expAvgSq, ref state1, i);
            Vector<float> delta =
                stepSize * expAvg / (Vector.SquareRoot(expAvgSq) * inverseSqrtBiasCorrection2 + Epsilon);
            Vector.StoreUnsafe(p - delta, ref parameter, i);
        }

        // The moments of the rare vectors with a subnormal lane, in double and rounded once.
        // Inlined: a call in the loop would make the JIT spill every live vector (all are caller-saved).
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        private static Vector<float> ExactFirstMoment(Vector<float> previous, Vector<float> gradient)
        {
            Vector<double> previousLow = Vector.WidenLower(previous);
            Vector<double> previousHigh = Vector.WidenUpper(previous);
            Vector<double> gLow = Vector.WidenLower(gradient);
            Vector<double> gHigh = Vector.WidenUpper(gradient);
            Vector<double> beta = Vector.Create(0.9);
            Vector<double> oneMinusBeta = Vector.Create(0.09999999999999998); // 1 − 0.9
            return Vector.Narrow(
                beta * previousLow + oneMinusBeta * gLow, beta * previousHigh + oneMinusBeta * gHigh);
        }

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        private static Vector<float> ExactSecondMoment(Vector<float> previous, Vector<float> gradient)
        {
            Vector<double> previousLow = Vector.WidenLower(previous);
            Vector<double> previousHigh = Vector.WidenUpper(previous);
            Vector<double> gLow = Vector.WidenLower(gradient);
            Vector<double> gHigh = Vector.WidenUpper(gradient);
            Vector<double> beta = Vector.Create(0.999);
            Vector<double> oneMinusBeta = Vector.Create(0.0010000000000000009); // 1 − 0.999
            return Vector.Narrow(
                beta * previousLow + oneMinusBeta * gLow * gLow,
                beta * previousHigh + oneMinusBeta * gHigh * gHigh);
        }
    }
}
