using System;

namespace Rlx.Optim.CompilerServices;

public static partial class ElementwiseDriver
{
    /// <summary>
    /// Runs a float rule over a set of 16-bit parameters through their float master copy (the state's
    /// <c>master_weight</c>): the update is exact float arithmetic on the copy, and the parameter is written from it
    /// rounded to nearest, a block at a time as the update leaves it, on up to <paramref name="maxDegreeOfParallelism"/>
    /// cores (-1: all). The copy is taken from the parameter on the set's first step. The set's part of a
    /// <see cref="StepPlan"/>, kept with its state, runs it: the same bits as the set's part of <c>StepAll</c>.
    /// </summary>
    /// <exception cref="InvalidOperationException">The set keeps no master copy.</exception>
    /// <exception cref="NotSupportedException">Parameters other than Half or BFloat16, or another gradient type.</exception>
    public static void RunParallelMasterWeights<TWide, TPreferred, TScalars, TParameter, TGradient>(
        in TScalars scalars, Span<TParameter> parameter, ReadOnlySpan<TGradient> gradient, ParameterState state,
        ulong seed, long step, int maxDegreeOfParallelism, float gradientScale)
        where TWide : struct, IWideUpdate<TScalars>
        where TPreferred : struct, IPreferredUpdate<TScalars>
        where TScalars : unmanaged
        where TParameter : unmanaged
        where TGradient : unmanaged
    {
        if (state.MasterWeight is null)
        {
            throw new InvalidOperationException($"Parameter set '{state.Name}' keeps no master copy of its parameter.");
        }

        if (typeof(TParameter) != typeof(BFloat16) && typeof(TParameter) != typeof(Half))
        {
            throw new NotSupportedException($"Master weights are for Half or BFloat16 parameters, not {typeof(TParameter).Name}.");
        }

        RunThroughPlan<TWide, TPreferred, TScalars, TParameter, TGradient>(
            in scalars, parameter, gradient, state, seed, step, maxDegreeOfParallelism, gradientScale, masterWeights: true);
    }

    internal static void Widen<TParameter>(Span<TParameter> parameter, Span<float> copy)
        where TParameter : unmanaged
    {
        if (typeof(TParameter) == typeof(BFloat16))
        {
            Widening.FromBFloat16(System.Runtime.InteropServices.MemoryMarshal.Cast<TParameter, BFloat16>(parameter), copy);
        }
        else if (typeof(TParameter) == typeof(Half))
        {
            Widening.FromHalf(System.Runtime.InteropServices.MemoryMarshal.Cast<TParameter, Half>(parameter), copy);
        }
        else
        {
            throw new NotSupportedException($"Master weights are for Half or BFloat16 parameters, not {typeof(TParameter).Name}.");
        }
    }

    /// <summary>Writes each float to the parameter rounded to nearest, ties to even (the types' own conversions).</summary>
    internal static void RoundToNearest<TParameter>(ReadOnlySpan<float> copy, Span<TParameter> parameter)
        where TParameter : unmanaged
    {
        if (typeof(TParameter) == typeof(BFloat16))
        {
            NearestRounding.ToBFloat16(copy, System.Runtime.InteropServices.MemoryMarshal.Cast<TParameter, BFloat16>(parameter));
        }
        else if (typeof(TParameter) == typeof(Half))
        {
            NearestRounding.ToHalf(copy, System.Runtime.InteropServices.MemoryMarshal.Cast<TParameter, Half>(parameter));
        }
    }
}
