using System;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace Rlx.Optim.CompilerServices;

public static partial class ElementwiseDriver
{
    /// <summary>
    /// Runs a float rule over a whole float set and its bfloat16 state on the calling thread, the state rounded
    /// stochastically with bits drawn from <paramref name="seed"/>, the set, each element's index and
    /// <paramref name="step"/> (<see cref="RoundingKeys.For"/>).
    /// </summary>
    /// <remarks>The caller has validated the lengths; <paramref name="state"/> keeps bfloat16 buffers.</remarks>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void RunBFloat16State<TWide, TPreferred, TScalars>(
        in TScalars scalars, Span<float> parameter, ReadOnlySpan<float> gradient, ParameterState state, ulong seed,
        long step)
        where TWide : struct, IWideUpdate<TScalars>
        where TPreferred : struct, IPreferredUpdate<TScalars>
        where TScalars : unmanaged
    {
        Streams<float, float, BFloat16> streams = BFloat16StateStreams<TWide, TScalars>(parameter, gradient, state, seed, step);
        Run<TWide, TPreferred, TScalars, float, FloatStorage, float, FloatStorage, BFloat16, BFloat16Storage>(
            in scalars, in streams, parameter.Length);
    }

    /// <summary>
    /// <see cref="RunBFloat16State{TWide, TPreferred, TScalars}"/> split across up to
    /// <paramref name="maxDegreeOfParallelism"/> cores (-1: all), with the same bits.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void RunParallelBFloat16State<TWide, TPreferred, TScalars>(
        in TScalars scalars, Span<float> parameter, ReadOnlySpan<float> gradient, ParameterState state, ulong seed,
        long step, int maxDegreeOfParallelism)
        where TWide : struct, IWideUpdate<TScalars>
        where TPreferred : struct, IPreferredUpdate<TScalars>
        where TScalars : unmanaged
    {
        Streams<float, float, BFloat16> streams = BFloat16StateStreams<TWide, TScalars>(parameter, gradient, state, seed, step);
        RunParallel<TWide, TPreferred, TScalars, float, FloatStorage, float, FloatStorage, BFloat16, BFloat16Storage>(
            in scalars, in streams, parameter.Length, maxDegreeOfParallelism);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Streams<float, float, BFloat16> BFloat16StateStreams<TWide, TScalars>(
        Span<float> parameter, ReadOnlySpan<float> gradient, ParameterState state, ulong seed, long step)
        where TWide : struct, IWideUpdate<TScalars>
        where TScalars : unmanaged
    {
        if (state.Precision != StatePrecision.BFloat16)
        {
            throw new InvalidOperationException($"Parameter set '{state.Name}' keeps {state.Precision} state, not bfloat16.");
        }

        return new(
            ref MemoryMarshal.GetReference(parameter),
            in MemoryMarshal.GetReference(gradient),
            ref BFloat16StateOrNull(state, 0, TWide.StateCount),
            ref BFloat16StateOrNull(state, 1, TWide.StateCount),
            ref BFloat16StateOrNull(state, 2, TWide.StateCount),
            ref BFloat16StateOrNull(state, 3, TWide.StateCount),
            RoundingKeys.For(seed, state.Index, step));
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static ref BFloat16 BFloat16StateOrNull(ParameterState state, int buffer, int count) =>
        ref buffer < count ? ref Unsafe.As<byte, BFloat16>(ref state.Origin(buffer)) : ref Unsafe.NullRef<BFloat16>();
}
