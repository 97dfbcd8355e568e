using System;
using System.Numerics;
using System.Numerics.Tensors;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using Rlx.Optim.Benchmarks.RawKernels;

namespace Rlx.Optim.Benchmarks;

/// <summary>What a user gets without Rlx.Optim, and what the memory system allows.</summary>
public static class Baselines
{
    /// <summary>A straightforward port of the seed: per-element double arithmetic, scalar code.</summary>
    public static void ScalarSeed(Span<float> p, ReadOnlySpan<float> g, Span<float> m, Span<float> v, long t)
    {
        const double Lr = 1e-3, B1 = 0.9f, B2 = 0.999f, Eps = 1e-8f;
        double bc1 = 1.0 - Math.Pow(B1, t);
        double bc2 = 1.0 - Math.Pow(B2, t);
        for (int i = 0; i < p.Length; i++)
        {
            double gi = g[i];
            double newM = B1 * m[i] + (1.0 - B1) * gi;
            double newV = B2 * v[i] + (1.0 - B2) * gi * gi;
            m[i] = (float)newM;
            v[i] = (float)newV;
            p[i] -= (float)(Lr * (newM / bc1) / (Math.Sqrt(newV / bc2) + Eps));
        }
    }

    /// <summary>
    /// The best composition of BCL calls: the same float update as ten <see cref="TensorPrimitives"/> passes
    /// through a scratch buffer (each pass is vectorized; together they move the data many times).
    /// </summary>
    public static void TensorPrimitivesAdam(Span<float> p, ReadOnlySpan<float> g, Span<float> m, Span<float> v, Span<float> scratch, long t)
    {
        (float stepSize, float inverseSqrtBc2) = FloatScalars(t);
        TensorPrimitives.Multiply(g, 0.1f, scratch);
        TensorPrimitives.MultiplyAdd(m, 0.9f, scratch, m);
        TensorPrimitives.Multiply(g, g, scratch);
        TensorPrimitives.Multiply(scratch, 0.001f, scratch);
        TensorPrimitives.MultiplyAdd(v, 0.999f, scratch, v);
        TensorPrimitives.Sqrt(v, scratch);
        TensorPrimitives.Multiply(scratch, inverseSqrtBc2, scratch);
        TensorPrimitives.Add(scratch, 1e-8f, scratch);
        TensorPrimitives.Divide(m, scratch, scratch);
        TensorPrimitives.MultiplyAdd(scratch, -stepSize, p, p);
    }

    /// <summary>The float update's per-step scalars, lr/(1 − β₁ᵗ) and 1/√(1 − β₂ᵗ), as a user would compute them each step.</summary>
    public static (float StepSize, float InverseSqrtBiasCorrection2) FloatScalars(long t) =>
        ((float)(1e-3 / (1.0 - Math.Pow(0.9, t))), (float)(1.0 / Math.Sqrt(1.0 - Math.Pow(0.999, t))));
}

/// <summary>The step number, for the baselines' bias corrections.</summary>
public readonly record struct StepNumber(long T);

/// <summary>
/// The baselines as kernels, so that on all cores they run exactly as the generated kernels do: through
/// <see cref="UpdateKernels.RunParallel{TKernel, TScalars}"/>, on the same persistent workers, in the same blocks.
/// </summary>
public readonly struct ScalarSeedKernel : IUpdateKernel<StepNumber>
{
    public static void Update(in StepNumber scalars, ref float parameter, ref float gradient, ref float state0, ref float state1, ref float state2, nuint start, nuint end) =>
        Baselines.ScalarSeed(Range(ref parameter, start, end), Range(ref gradient, start, end), Range(ref state0, start, end), Range(ref state1, start, end), scalars.T);

    internal static Span<float> Range(ref float stream, nuint start, nuint end) =>
        MemoryMarshal.CreateSpan(ref Unsafe.Add(ref stream, start), (int)(end - start));
}

/// <summary><see cref="Baselines.TensorPrimitivesAdam"/> as a kernel; the third state buffer is its scratch.</summary>
public readonly struct TensorPrimitivesKernel : IUpdateKernel<StepNumber>
{
    public static void Update(in StepNumber scalars, ref float parameter, ref float gradient, ref float state0, ref float state1, ref float state2, nuint start, nuint end) =>
        Baselines.TensorPrimitivesAdam(
            ScalarSeedKernel.Range(ref parameter, start, end), ScalarSeedKernel.Range(ref gradient, start, end), ScalarSeedKernel.Range(ref state0, start, end),
            ScalarSeedKernel.Range(ref state1, start, end), ScalarSeedKernel.Range(ref state2, start, end), scalars.T);
}

/// <summary>
/// A plain unrolled loop a user could write by hand: four <c>Vector&lt;float&gt;</c> per iteration (256 bits here,
/// even on AVX-512 machines), the same bias corrections per step, and no care for subnormal moments or non-finite
/// parameters (<see cref="KernelShapes.Adam256{TParts}"/> with <see cref="BareArithmetic"/>). The benchmark issue
/// puts such a loop at about 3 billion elements per second on one core; this measures it in the same run.
/// </summary>
public readonly struct PlainLoopKernel : IUpdateKernel<StepNumber>
{
    public static void Update(in StepNumber scalars, ref float parameter, ref float gradient, ref float state0, ref float state1, ref float state2, nuint start, nuint end)
    {
        (float stepSize, float inverseSqrtBc2) = Baselines.FloatScalars(scalars.T);
        // The runner hands kernels whole KernelWidth.FloatLanes vectors, a multiple of Vector<float>.Count.
        KernelShapes.Adam256<BareArithmetic>(
            ref Unsafe.Add(ref parameter, start), ref Unsafe.Add(ref gradient, start), ref Unsafe.Add(ref state0, start), ref Unsafe.Add(ref state1, start),
            end - start, stepSize, inverseSqrtBc2);
    }
}
