using System;
using System.ComponentModel;

namespace Rlx.Optim.CompilerServices;

/// <summary>
/// What a generated trust-ratio kernel (LAMB) calls: its set's part of a <see cref="StepPlan"/>, and a one-set step
/// through the same plan (<see cref="StepPlan.RunSet"/>), so a declared set, a set stepped by name and a set in a
/// whole step take one path and get the same bits.
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public static class TrustRatioPlan
{
    /// <summary>A set's part of a plan: a measure pass of its norms, then its update.</summary>
    /// <param name="state">The set's state.</param>
    /// <param name="masterWeights">Whether the set's 16-bit parameter is updated through its float master copy.</param>
    /// <exception cref="NotSupportedException">An element type other than float, Half or BFloat16.</exception>
    public static StepPlanSet Set<TWide, TPreferred, TScalars, TParameter, TGradient>(ParameterState state, bool masterWeights)
        where TWide : struct, IWideTrustRatioUpdate<TScalars>
        where TPreferred : struct, IPreferredTrustRatioUpdate<TScalars>
        where TScalars : unmanaged
        where TParameter : unmanaged
        where TGradient : unmanaged
    {
        ArgumentNullException.ThrowIfNull(state);
        return new TrustRatioSet<TWide, TPreferred, TScalars, TParameter, TGradient>(state, masterWeights);
    }

    /// <summary>
    /// Steps one set alone with <paramref name="scalars"/>: its norms, then its update, across cores when it has at
    /// least <paramref name="parallelThreshold"/> elements. The caller has validated the spans.
    /// </summary>
    public static void Step<TScalars, TParameter, TGradient>(
        StepPlanSet set, in TScalars scalars, Span<TParameter> parameter, ReadOnlySpan<TGradient> gradient, float gradientScale,
        ulong seed, long step, int maxDegreeOfParallelism, int parallelThreshold)
        where TScalars : unmanaged
        where TParameter : unmanaged
        where TGradient : unmanaged
    {
        ArgumentNullException.ThrowIfNull(set);
        ((StepPlanSet<TScalars>)set).Scalars = scalars;
        StepPlan.RunSet(set, parameter, gradient, gradientScale, seed, step, maxDegreeOfParallelism, parallelThreshold);
    }
}
