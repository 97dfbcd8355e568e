using System;
using System.ComponentModel;

namespace Rlx.Optim.CompilerServices;

/// <summary>
/// The entry points a generated Adafactor kernel forwards to, with its settings in <typeparamref name="TRule"/>: one
/// set's step on the calling thread or across cores, and the set's part of the optimizer's <see cref="StepPlan"/>.
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public static class AdafactorKernel<TRule>
    where TRule : IAdafactorRule
{
    /// <summary>Steps a whole set and its state on the calling thread.</summary>
    public static void Run(in AdafactorScalars scalars, Span<float> parameter, ReadOnlySpan<float> gradient, ParameterState state, float gradientScale) =>
        Step(in scalars, parameter, gradient, state, maxDegreeOfParallelism: 1, parallelThreshold: int.MaxValue, gradientScale);

    /// <summary>Steps a whole set and its state across up to <paramref name="maxDegreeOfParallelism"/> cores (-1: all).</summary>
    public static void RunParallel(
        in AdafactorScalars scalars, Span<float> parameter, ReadOnlySpan<float> gradient, ParameterState state, int maxDegreeOfParallelism,
        float gradientScale) =>
        Step(in scalars, parameter, gradient, state, maxDegreeOfParallelism, parallelThreshold: 0, gradientScale);

    private static void Step(
        in AdafactorScalars scalars, Span<float> parameter, ReadOnlySpan<float> gradient, ParameterState state, int maxDegreeOfParallelism,
        int parallelThreshold, float gradientScale)
    {
        AdafactorSet<TRule> set = AdafactorSet<TRule>.For(state);
        set.Scalars = scalars;
        StepPlan.RunSet(set, parameter, gradient, gradientScale, seed: 0, step: 0, maxDegreeOfParallelism, parallelThreshold);
    }

    /// <summary>The set's part of the optimizer's one-pass StepAll (float parameters and gradients only).</summary>
    /// <exception cref="NotSupportedException">Other element types, or master weights.</exception>
    public static StepPlanSet PlanFor<TParameter, TGradient>(ParameterState state, bool masterWeights)
        where TParameter : unmanaged
        where TGradient : unmanaged
    {
        ArgumentNullException.ThrowIfNull(state);
        if (typeof(TParameter) != typeof(float) || typeof(TGradient) != typeof(float) || masterWeights)
        {
            throw new NotSupportedException("Adafactor steps float parameters with float gradients, without master weights.");
        }

        return AdafactorSet<TRule>.For(state);
    }
}
