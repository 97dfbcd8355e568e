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

    /// <summary>
    /// <see cref="Run"/> in an optimizer that declares 16-bit parameters: its float sets come here (the rounding seed and
    /// step are not needed, as no Adafactor set rounds stochastically).
    /// </summary>
    /// <exception cref="NotSupportedException">Other element types (a 16-bit set steps through its master copy).</exception>
    public static void Run<TParameter, TGradient>(
        in AdafactorScalars scalars, Span<TParameter> parameter, ReadOnlySpan<TGradient> gradient, ParameterState state, ulong seed, long step,
        float gradientScale)
        where TParameter : unmanaged
        where TGradient : unmanaged =>
        RunParallel(in scalars, parameter, gradient, state, seed, step, maxDegreeOfParallelism: 1, gradientScale);

    /// <summary><see cref="RunParallel"/> in an optimizer that declares 16-bit parameters, for its float sets.</summary>
    /// <exception cref="NotSupportedException">Other element types (a 16-bit set steps through its master copy).</exception>
    public static void RunParallel<TParameter, TGradient>(
        in AdafactorScalars scalars, Span<TParameter> parameter, ReadOnlySpan<TGradient> gradient, ParameterState state, ulong seed, long step,
        int maxDegreeOfParallelism, float gradientScale)
        where TParameter : unmanaged
        where TGradient : unmanaged
    {
        CheckFloat<TParameter, TGradient>(masterWeights: false);
        AdafactorSet<TRule> set = AdafactorSet<TRule>.For(state);
        set.Scalars = scalars;
        StepPlan.RunSet(set, parameter, gradient, gradientScale, seed, step, maxDegreeOfParallelism, ParallelThreshold(maxDegreeOfParallelism));
    }

    /// <summary>
    /// Steps a set of 16-bit parameters with float gradients through its float master copy: the float set's passes on
    /// the copy, then θ from it rounded to nearest (<see cref="AdafactorMasterSet{TRule, TParameter}"/>).
    /// </summary>
    /// <exception cref="NotSupportedException">Gradients other than float, or parameters other than Half or BFloat16.</exception>
    /// <exception cref="InvalidOperationException">The set keeps no master copy.</exception>
    public static void RunParallelMasterWeights<TParameter, TGradient>(
        in AdafactorScalars scalars, Span<TParameter> parameter, ReadOnlySpan<TGradient> gradient, ParameterState state, ulong seed, long step,
        int maxDegreeOfParallelism, float gradientScale)
        where TParameter : unmanaged
        where TGradient : unmanaged
    {
        CheckFloat<TParameter, TGradient>(masterWeights: true);
        AdafactorMasterSet<TRule, TParameter> set = AdafactorMasterSet<TRule, TParameter>.For(state);
        set.Scalars = scalars;
        StepPlan.RunSet(set, parameter, gradient, gradientScale, seed, step, maxDegreeOfParallelism, ParallelThreshold(maxDegreeOfParallelism));
    }

    /// <summary>The set's part of the optimizer's one-pass StepAll: float sets, or 16-bit ones through their master copy.</summary>
    /// <exception cref="NotSupportedException">Gradients other than float, 16-bit parameters without master weights.</exception>
    public static StepPlanSet PlanFor<TParameter, TGradient>(ParameterState state, bool masterWeights)
        where TParameter : unmanaged
        where TGradient : unmanaged
    {
        ArgumentNullException.ThrowIfNull(state);
        bool sixteenBit = typeof(TParameter) != typeof(float);
        CheckFloat<TParameter, TGradient>(masterWeights && sixteenBit);
        return sixteenBit ? AdafactorMasterSet<TRule, TParameter>.For(state) : AdafactorSet<TRule>.For(state);
    }

    /// <summary>One core runs a one-set call of one core; any other degree splits the set whatever its size, as Run does.</summary>
    private static int ParallelThreshold(int maxDegreeOfParallelism) => maxDegreeOfParallelism == 1 ? int.MaxValue : 0;

    private static void CheckFloat<TParameter, TGradient>(bool masterWeights)
    {
        if (typeof(TGradient) != typeof(float))
        {
            throw new NotSupportedException($"Adafactor steps float gradients, not {typeof(TGradient).Name}.");
        }

        if (masterWeights ? typeof(TParameter) != typeof(Half) && typeof(TParameter) != typeof(BFloat16) : typeof(TParameter) != typeof(float))
        {
            throw new NotSupportedException(
                $"Adafactor steps float parameters, or Half and BFloat16 ones through master weights, not {typeof(TParameter).Name}"
                + (masterWeights ? " with master weights." : " without them."));
        }
    }
}
