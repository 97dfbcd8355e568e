using System;
using System.Runtime.CompilerServices;

namespace Rlx.Optim.CompilerServices;

public static partial class ElementwiseDriver
{
    /// <summary>
    /// Runs a float rule over a whole set of an optimizer that rounds stochastically: a parameter of <c>float</c>,
    /// <see cref="Half"/> or <see cref="BFloat16"/> (16-bit parameters rounded stochastically), with a gradient of the
    /// parameter's type or <c>float</c>, and the set's state (float, or bfloat16 rounded stochastically), on the
    /// calling thread. Every rounding draws its bits
    /// from <paramref name="seed"/>, the set, the element's index and <paramref name="step"/>
    /// (<see cref="RoundingKeys.For"/>). The element types pick their storages; the JIT keeps only that path.
    /// </summary>
    /// <remarks>The caller has validated the lengths.</remarks>
    /// <exception cref="NotSupportedException">Another element type.</exception>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Run<TWide, TPreferred, TScalars, TParameter, TGradient>(
        in TScalars scalars, Span<TParameter> parameter, ReadOnlySpan<TGradient> gradient, ParameterState state,
        ulong seed, long step, float gradientScale)
        where TWide : struct, IWideUpdate<TScalars>
        where TPreferred : struct, IPreferredUpdate<TScalars>
        where TScalars : unmanaged
        where TParameter : unmanaged
        where TGradient : unmanaged =>
        RunParallel<TWide, TPreferred, TScalars, TParameter, TGradient>(
            in scalars, parameter, gradient, state, seed, step, maxDegreeOfParallelism: 1, gradientScale);

    /// <summary>
    /// <see cref="Run{TWide, TPreferred, TScalars, TParameter, TGradient}"/> split across up to
    /// <paramref name="maxDegreeOfParallelism"/> cores (-1: all), with the same bits: the set's part of a
    /// <see cref="StepPlan"/>, kept with its state, as <c>StepAll</c> runs it.
    /// </summary>
    /// <exception cref="NotSupportedException">Another element type.</exception>
    public static void RunParallel<TWide, TPreferred, TScalars, TParameter, TGradient>(
        in TScalars scalars, Span<TParameter> parameter, ReadOnlySpan<TGradient> gradient, ParameterState state,
        ulong seed, long step, int maxDegreeOfParallelism, float gradientScale)
        where TWide : struct, IWideUpdate<TScalars>
        where TPreferred : struct, IPreferredUpdate<TScalars>
        where TScalars : unmanaged
        where TParameter : unmanaged
        where TGradient : unmanaged =>
        RunThroughPlan<TWide, TPreferred, TScalars, TParameter, TGradient>(
            in scalars, parameter, gradient, state, seed, step, maxDegreeOfParallelism, gradientScale, masterWeights: false);

    /// <summary>
    /// A one-set call through the set's part of a step plan (<see cref="KernelSet{TWide, TPreferred, TScalars, TParameter, TGradient}"/>),
    /// created on the set's first call and kept in <see cref="ParameterState.OwnPlanSet"/>, so later calls allocate
    /// nothing: its element types pick the storages there, as in <c>StepAll</c>.
    /// </summary>
    private static void RunThroughPlan<TWide, TPreferred, TScalars, TParameter, TGradient>(
        in TScalars scalars, Span<TParameter> parameter, ReadOnlySpan<TGradient> gradient, ParameterState state,
        ulong seed, long step, int maxDegreeOfParallelism, float gradientScale, bool masterWeights)
        where TWide : struct, IWideUpdate<TScalars>
        where TPreferred : struct, IPreferredUpdate<TScalars>
        where TScalars : unmanaged
        where TParameter : unmanaged
        where TGradient : unmanaged
    {
        var set = state.OwnPlanSet as KernelSet<TWide, TPreferred, TScalars, TParameter, TGradient>
            ?? (KernelSet<TWide, TPreferred, TScalars, TParameter, TGradient>)(state.OwnPlanSet =
                new KernelSet<TWide, TPreferred, TScalars, TParameter, TGradient>(state, masterWeights));
        set.Scalars = scalars;
        StepPlan.RunSet(set, parameter, gradient, gradientScale, seed, step, maxDegreeOfParallelism, parallelThreshold: 0);
    }
}
