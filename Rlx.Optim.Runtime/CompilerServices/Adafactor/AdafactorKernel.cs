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
        StepPlanSet<AdafactorScalars> set = AdafactorSets.For<TRule, float, float>(state);
        set.Scalars = scalars;
        StepPlan.RunSet(set, parameter, gradient, gradientScale, seed: 0, step: 0, maxDegreeOfParallelism, parallelThreshold);
    }

    /// <summary>
    /// <see cref="Run"/> in an optimizer that rounds stochastically (16-bit parameters or bfloat16 state): θ of float,
    /// <see cref="Half"/> or <see cref="BFloat16"/> and g of float or θ's type, each rounding drawing its bits from
    /// <paramref name="seed"/>, the set, the element's index and <paramref name="step"/> (<see cref="RoundingKeys.For"/>).
    /// </summary>
    /// <exception cref="NotSupportedException">Another element type.</exception>
    public static void Run<TParameter, TGradient>(
        in AdafactorScalars scalars, Span<TParameter> parameter, ReadOnlySpan<TGradient> gradient, ParameterState state, ulong seed, long step,
        float gradientScale)
        where TParameter : unmanaged
        where TGradient : unmanaged =>
        RunParallel(in scalars, parameter, gradient, state, seed, step, maxDegreeOfParallelism: 1, gradientScale);

    /// <summary><see cref="Run{TParameter, TGradient}"/> across up to <paramref name="maxDegreeOfParallelism"/> cores (-1: all), with the same bits.</summary>
    /// <exception cref="NotSupportedException">Another element type.</exception>
    public static void RunParallel<TParameter, TGradient>(
        in AdafactorScalars scalars, Span<TParameter> parameter, ReadOnlySpan<TGradient> gradient, ParameterState state, ulong seed, long step,
        int maxDegreeOfParallelism, float gradientScale)
        where TParameter : unmanaged
        where TGradient : unmanaged
    {
        StepPlanSet<AdafactorScalars> set = AdafactorSets.For<TRule, TParameter, TGradient>(state);
        set.Scalars = scalars;
        StepPlan.RunSet(set, parameter, gradient, gradientScale, seed, step, maxDegreeOfParallelism, ParallelThreshold(maxDegreeOfParallelism));
    }

    /// <summary>
    /// Steps a set of 16-bit parameters through its float master copy: the float-θ set's passes on the copy (g widened
    /// if 16-bit), then θ from it rounded to nearest (<see cref="AdafactorMasterSet{TRule, TParameter, TGradient}"/>).
    /// </summary>
    /// <exception cref="NotSupportedException">Parameters other than Half or BFloat16, or another gradient type.</exception>
    /// <exception cref="InvalidOperationException">The set keeps no master copy.</exception>
    public static void RunParallelMasterWeights<TParameter, TGradient>(
        in AdafactorScalars scalars, Span<TParameter> parameter, ReadOnlySpan<TGradient> gradient, ParameterState state, ulong seed, long step,
        int maxDegreeOfParallelism, float gradientScale)
        where TParameter : unmanaged
        where TGradient : unmanaged
    {
        AdafactorMasterSet<TRule, TParameter, TGradient> set = AdafactorMasterSet<TRule, TParameter, TGradient>.For(state);
        set.Scalars = scalars;
        StepPlan.RunSet(set, parameter, gradient, gradientScale, seed, step, maxDegreeOfParallelism, ParallelThreshold(maxDegreeOfParallelism));
    }

    /// <summary>The set's part of the optimizer's one-pass StepAll: directly, or a 16-bit set through its master copy.</summary>
    /// <exception cref="NotSupportedException">Another element type.</exception>
    public static StepPlanSet PlanFor<TParameter, TGradient>(ParameterState state, bool masterWeights)
        where TParameter : unmanaged
        where TGradient : unmanaged
    {
        ArgumentNullException.ThrowIfNull(state);
        return masterWeights && typeof(TParameter) != typeof(float)
            ? AdafactorMasterSet<TRule, TParameter, TGradient>.For(state)
            : AdafactorSets.For<TRule, TParameter, TGradient>(state);
    }

    /// <summary>One core runs a one-set call of one core; any other degree splits the set whatever its size, as Run does.</summary>
    private static int ParallelThreshold(int maxDegreeOfParallelism) => maxDegreeOfParallelism == 1 ? int.MaxValue : 0;
}
