using System;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

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
    /// <paramref name="maxDegreeOfParallelism"/> cores (-1: all), with the same bits.
    /// </summary>
    /// <exception cref="NotSupportedException">Another element type.</exception>
    public static void RunParallel<TWide, TPreferred, TScalars, TParameter, TGradient>(
        in TScalars scalars, Span<TParameter> parameter, ReadOnlySpan<TGradient> gradient, ParameterState state,
        ulong seed, long step, int maxDegreeOfParallelism, float gradientScale)
        where TWide : struct, IWideUpdate<TScalars>
        where TPreferred : struct, IPreferredUpdate<TScalars>
        where TScalars : unmanaged
        where TParameter : unmanaged
        where TGradient : unmanaged
    {
        if (typeof(TParameter) == typeof(BFloat16))
        {
            WithGradient<TWide, TPreferred, TScalars, BFloat16, BFloat16Storage, TGradient>(
                in scalars, MemoryMarshal.Cast<TParameter, BFloat16>(parameter), gradient, state, seed, step, maxDegreeOfParallelism, gradientScale);
        }
        else if (typeof(TParameter) == typeof(Half))
        {
            WithGradient<TWide, TPreferred, TScalars, Half, HalfStorage, TGradient>(
                in scalars, MemoryMarshal.Cast<TParameter, Half>(parameter), gradient, state, seed, step, maxDegreeOfParallelism, gradientScale);
        }
        else if (typeof(TParameter) == typeof(float))
        {
            WithGradient<TWide, TPreferred, TScalars, float, FloatStorage, TGradient>(
                in scalars, MemoryMarshal.Cast<TParameter, float>(parameter), gradient, state, seed, step, maxDegreeOfParallelism, gradientScale);
        }
        else
        {
            throw new NotSupportedException($"Parameters of type {typeof(TParameter).Name} are not supported: use float, Half or BFloat16.");
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void WithGradient<TWide, TPreferred, TScalars, TParameter, TParameterStorage, TGradient>(
        in TScalars scalars, Span<TParameter> parameter, ReadOnlySpan<TGradient> gradient, ParameterState state,
        ulong seed, long step, int maxDegreeOfParallelism, float gradientScale)
        where TWide : struct, IWideUpdate<TScalars>
        where TPreferred : struct, IPreferredUpdate<TScalars>
        where TScalars : unmanaged
        where TParameter : unmanaged
        where TParameterStorage : struct, IStorage<TParameter>
        where TGradient : unmanaged
    {
        if (typeof(TGradient) == typeof(float))
        {
            RunParallelStorages<TWide, TPreferred, TScalars, TParameter, TParameterStorage, float, FloatStorage>(
                in scalars, parameter, MemoryMarshal.Cast<TGradient, float>(gradient), state, seed, step, maxDegreeOfParallelism, gradientScale);
        }
        else if (typeof(TGradient) == typeof(BFloat16))
        {
            RunParallelStorages<TWide, TPreferred, TScalars, TParameter, TParameterStorage, BFloat16, BFloat16Storage>(
                in scalars, parameter, MemoryMarshal.Cast<TGradient, BFloat16>(gradient), state, seed, step, maxDegreeOfParallelism, gradientScale);
        }
        else if (typeof(TGradient) == typeof(Half))
        {
            RunParallelStorages<TWide, TPreferred, TScalars, TParameter, TParameterStorage, Half, HalfStorage>(
                in scalars, parameter, MemoryMarshal.Cast<TGradient, Half>(gradient), state, seed, step, maxDegreeOfParallelism, gradientScale);
        }
        else
        {
            throw new NotSupportedException($"Gradients of type {typeof(TGradient).Name} are not supported: use float, Half or BFloat16.");
        }
    }

    /// <summary>The set through the storages of its element types, on up to <paramref name="maxDegreeOfParallelism"/> cores.</summary>
    private static void RunParallelStorages<TWide, TPreferred, TScalars, TParameter, TParameterStorage, TGradient, TGradientStorage>(
        in TScalars scalars, Span<TParameter> parameter, ReadOnlySpan<TGradient> gradient, ParameterState state,
        ulong seed, long step, int maxDegreeOfParallelism, float gradientScale)
        where TWide : struct, IWideUpdate<TScalars>
        where TPreferred : struct, IPreferredUpdate<TScalars>
        where TScalars : unmanaged
        where TParameter : unmanaged
        where TParameterStorage : struct, IStorage<TParameter>
        where TGradient : unmanaged
        where TGradientStorage : struct, IStorage<TGradient>
    {
        RoundingKeys keys = RoundingKeys.For(seed, state.Index, step);
        if (state.Precision == StatePrecision.BFloat16)
        {
            var streams = new Streams<TParameter, TGradient, BFloat16>(
                ref MemoryMarshal.GetReference(parameter), in MemoryMarshal.GetReference(gradient),
                ref BFloat16StateOrNull(state, 0, TWide.StateCount), ref BFloat16StateOrNull(state, 1, TWide.StateCount),
                ref BFloat16StateOrNull(state, 2, TWide.StateCount), ref BFloat16StateOrNull(state, 3, TWide.StateCount),
                keys, gradientScale);
            RunParallel<TWide, TPreferred, TScalars, TParameter, TParameterStorage, TGradient, TGradientStorage, BFloat16, BFloat16Storage>(
                in scalars, in streams, parameter.Length, maxDegreeOfParallelism);
        }
        else
        {
            var streams = new Streams<TParameter, TGradient, float>(
                ref MemoryMarshal.GetReference(parameter), in MemoryMarshal.GetReference(gradient),
                ref StateOrNull(state, 0, TWide.StateCount), ref StateOrNull(state, 1, TWide.StateCount),
                ref StateOrNull(state, 2, TWide.StateCount), ref StateOrNull(state, 3, TWide.StateCount),
                keys, gradientScale);
            RunParallel<TWide, TPreferred, TScalars, TParameter, TParameterStorage, TGradient, TGradientStorage, float, FloatStorage>(
                in scalars, in streams, parameter.Length, maxDegreeOfParallelism);
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static ref BFloat16 BFloat16StateOrNull(ParameterState state, int buffer, int count) =>
        ref buffer < count ? ref Unsafe.As<byte, BFloat16>(ref state.Origin(buffer)) : ref Unsafe.NullRef<BFloat16>();
}
