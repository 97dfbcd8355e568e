using System;
using System.ComponentModel;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace Rlx.Optim.CompilerServices;

/// <summary>
/// The one update loop: runs any generated rule (<see cref="IWideUpdate{TScalars}"/> on 512-bit vectors where they
/// are accelerated, <see cref="IPreferredUpdate{TScalars}"/> elsewhere) over any storage of θ and g
/// (<c>TDataStorage</c>) and of its state (<c>TStateStorage</c>), four vectors per iteration, the last partial
/// vector through zero-padded copies, on the calling thread or split across cores. The JIT compiles one copy per
/// rule and storage and folds the rule's constants into it, as it would literals in a hand-written loop.
/// </summary>
/// <remarks>
/// Each element's arithmetic depends on that element alone, and its stochastic rounding on its index, never on the
/// chunk, the group or the tail it falls in: one core and all give the same bits.
/// </remarks>
[EditorBrowsable(EditorBrowsableState.Never)]
public static partial class ElementwiseDriver
{
    /// <summary>
    /// Chunks are multiples of this many elements (64 bytes of bfloat16s, two lines of floats), so two threads
    /// never write to the same cache line and every chunk of an aligned buffer starts aligned.
    /// </summary>
    internal const int ChunkGranularity = 32;

    /// <summary>Below this many elements per core, waking another core costs more than it saves.</summary>
    internal const int MinimumChunk = 16 * 1024;

    /// <summary>Lanes per stream in the tail's padded copies: room for a 512-bit vector of floats.</summary>
    internal const int MaxLanes = 16;

    /// <summary>Runs a float rule over a whole float set and its float state on the calling thread.</summary>
    /// <remarks>The caller has validated the lengths.</remarks>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Run<TWide, TPreferred, TScalars>(
        in TScalars scalars, Span<float> parameter, ReadOnlySpan<float> gradient, ParameterState state,
        float gradientScale)
        where TWide : struct, IWideUpdate<TScalars>
        where TPreferred : struct, IPreferredUpdate<TScalars>
        where TScalars : unmanaged
    {
        Streams<float, float, float> streams = FloatStreams<TWide, TScalars>(parameter, gradient, state, gradientScale);
        Run<TWide, TPreferred, TScalars, float, FloatStorage, float, FloatStorage, float, FloatStorage>(in scalars, in streams, parameter.Length);
    }

    /// <summary>
    /// <see cref="Run{TWide, TPreferred, TScalars}(in TScalars, Span{float}, ReadOnlySpan{float}, ParameterState, float)"/>
    /// split across up to <paramref name="maxDegreeOfParallelism"/> cores (-1: all).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void RunParallel<TWide, TPreferred, TScalars>(
        in TScalars scalars, Span<float> parameter, ReadOnlySpan<float> gradient, ParameterState state,
        int maxDegreeOfParallelism, float gradientScale)
        where TWide : struct, IWideUpdate<TScalars>
        where TPreferred : struct, IPreferredUpdate<TScalars>
        where TScalars : unmanaged
    {
        Streams<float, float, float> streams = FloatStreams<TWide, TScalars>(parameter, gradient, state, gradientScale);
        RunParallel<TWide, TPreferred, TScalars, float, FloatStorage, float, FloatStorage, float, FloatStorage>(
            in scalars, in streams, parameter.Length, maxDegreeOfParallelism);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Streams<float, float, float> FloatStreams<TWide, TScalars>(
        Span<float> parameter, ReadOnlySpan<float> gradient, ParameterState state, float gradientScale)
        where TWide : struct, IWideUpdate<TScalars>
        where TScalars : unmanaged =>
        new(
            ref MemoryMarshal.GetReference(parameter),
            in MemoryMarshal.GetReference(gradient),
            ref StateOrNull(state, 0, TWide.StateCount),
            ref StateOrNull(state, 1, TWide.StateCount),
            ref StateOrNull(state, 2, TWide.StateCount),
            ref StateOrNull(state, 3, TWide.StateCount),
            default,
            gradientScale);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static ref float StateOrNull(ParameterState state, int buffer, int count) =>
        ref buffer < count ? ref Unsafe.As<byte, float>(ref state.Origin(buffer)) : ref Unsafe.NullRef<float>();

    /// <summary>Updates elements <c>[0, length)</c> of <paramref name="streams"/> on the calling thread.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Run<TWide, TPreferred, TScalars, TData, TDataStorage, TGradient, TGradientStorage, TState, TStateStorage>(
        in TScalars scalars, scoped in Streams<TData, TGradient, TState> streams, int length)
        where TWide : struct, IWideUpdate<TScalars>
        where TPreferred : struct, IPreferredUpdate<TScalars>
        where TScalars : unmanaged
        where TData : unmanaged
        where TDataStorage : struct, IStorage<TData>
        where TGradient : unmanaged
        where TGradientStorage : struct, IStorage<TGradient>
        where TState : unmanaged
        where TStateStorage : struct, IStorage<TState> =>
        RunRange<TWide, TPreferred, TScalars, TData, TDataStorage, TGradient, TGradientStorage, TState, TStateStorage>(
            in scalars, in streams, 0, (nuint)length);

    /// <summary>
    /// Updates <c>[0, length)</c> split into contiguous chunks across up to
    /// <paramref name="maxDegreeOfParallelism"/> cores (-1: all), on persistent worker threads; the calling thread
    /// takes the first chunk. Runs on the calling thread alone when splitting cannot pay.
    /// </summary>
    public static unsafe void RunParallel<TWide, TPreferred, TScalars, TData, TDataStorage, TGradient, TGradientStorage, TState, TStateStorage>(
        in TScalars scalars, scoped in Streams<TData, TGradient, TState> streams, int length, int maxDegreeOfParallelism)
        where TWide : struct, IWideUpdate<TScalars>
        where TPreferred : struct, IPreferredUpdate<TScalars>
        where TScalars : unmanaged
        where TData : unmanaged
        where TDataStorage : struct, IStorage<TData>
        where TGradient : unmanaged
        where TGradientStorage : struct, IStorage<TGradient>
        where TState : unmanaged
        where TStateStorage : struct, IStorage<TState>
    {
        // One core asked for: the worker pool is not even created.
        int parts = maxDegreeOfParallelism == 1 ? 1 : PartsFor(length, maxDegreeOfParallelism, WorkerPool.Shared.WorkerCount + 1);
        if (parts <= 1)
        {
            Run<TWide, TPreferred, TScalars, TData, TDataStorage, TGradient, TGradientStorage, TState, TStateStorage>(in scalars, in streams, length);
            return;
        }

        // The streams stay pinned for the whole (synchronous) run, so the workers may use raw pointers to them.
        fixed (TData* p = &streams.Parameter)
        fixed (TGradient* g = &streams.Gradient)
        fixed (TState* s0 = &streams.State0, s1 = &streams.State1, s2 = &streams.State2, s3 = &streams.State3)
        {
            var work = ParallelRun<TWide, TPreferred, TScalars, TData, TDataStorage, TGradient, TGradientStorage, TState, TStateStorage>.ForCurrentThread;
            work.Set(in scalars, p, g, s0, s1, s2, s3, in streams.Keys, streams.GradientScale, length);
            try
            {
                WorkerPool.Shared.Run(work, parts);
            }
            finally
            {
                work.Clear();
            }
        }
    }

    /// <summary>
    /// Updates <c>[start, end)</c>: whole vectors in the loop of the width in use, then the last partial vector
    /// through <see cref="Tail"/>. <paramref name="indexBase"/> is the set's element index of the streams' first
    /// element (for the rounding's bits): 0 when the streams start at the set's start.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static void RunRange<TWide, TPreferred, TScalars, TData, TDataStorage, TGradient, TGradientStorage, TState, TStateStorage>(
        in TScalars scalars, scoped in Streams<TData, TGradient, TState> streams, nuint start, nuint end, int indexBase = 0)
        where TWide : struct, IWideUpdate<TScalars>
        where TPreferred : struct, IPreferredUpdate<TScalars>
        where TScalars : unmanaged
        where TData : unmanaged
        where TDataStorage : struct, IStorage<TData>
        where TGradient : unmanaged
        where TGradientStorage : struct, IStorage<TGradient>
        where TState : unmanaged
        where TStateStorage : struct, IStorage<TState>
    {
        nuint width = (nuint)KernelWidth.FloatLanes;
        nuint wholeEnd = start + (end - start) / width * width;
        if (wholeEnd != start)
        {
            Vectors<TWide, TPreferred, TScalars, TData, TDataStorage, TGradient, TGradientStorage, TState, TStateStorage>(
                in scalars, in streams, start, wholeEnd, indexBase);
        }

        if (wholeEnd != end)
        {
            Tail<TWide, TPreferred, TScalars, TData, TDataStorage, TGradient, TGradientStorage, TState, TStateStorage>(
                in scalars, in streams, wholeEnd, (int)(end - wholeEnd), indexBase);
        }
    }

    /// <summary>
    /// Whole vectors over <c>[start, end)</c>; <paramref name="indexOffset"/> is added to each position to give the
    /// element index the rounding draws its bits for (0 over the set itself, the tail's start over its copies).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Vectors<TWide, TPreferred, TScalars, TData, TDataStorage, TGradient, TGradientStorage, TState, TStateStorage>(
        in TScalars scalars, scoped in Streams<TData, TGradient, TState> streams, nuint start, nuint end, int indexOffset)
        where TWide : struct, IWideUpdate<TScalars>
        where TPreferred : struct, IPreferredUpdate<TScalars>
        where TScalars : unmanaged
        where TData : unmanaged
        where TDataStorage : struct, IStorage<TData>
        where TGradient : unmanaged
        where TGradientStorage : struct, IStorage<TGradient>
        where TState : unmanaged
        where TStateStorage : struct, IStorage<TState>
    {
        if (KernelWidth.Uses512Bits)
        {
            WideLoop<TWide, TScalars, TData, TDataStorage, TGradient, TGradientStorage, TState, TStateStorage>.Update(
                in scalars, ref streams.Parameter, ref streams.Gradient, ref streams.State0, ref streams.State1,
                ref streams.State2, ref streams.State3, in streams.Keys, streams.GradientScale, start, end, indexOffset);
        }
        else
        {
            PreferredLoop<TPreferred, TScalars, TData, TDataStorage, TGradient, TGradientStorage, TState, TStateStorage>.Update(
                in scalars, ref streams.Parameter, ref streams.Gradient, ref streams.State0, ref streams.State1,
                ref streams.State2, ref streams.State3, in streams.Keys, streams.GradientScale, start, end, indexOffset);
        }
    }

    /// <summary>
    /// The last <paramref name="count"/> (fewer than one vector) elements: copied into one zero-padded vector per
    /// stream, updated by the same vector code, and only the real lanes copied back. So every element gets the
    /// same arithmetic, and a rule is written once, over whole vectors.
    /// </summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static void Tail<TWide, TPreferred, TScalars, TData, TDataStorage, TGradient, TGradientStorage, TState, TStateStorage>(
        in TScalars scalars, scoped in Streams<TData, TGradient, TState> streams, nuint start, int count, int indexBase)
        where TWide : struct, IWideUpdate<TScalars>
        where TPreferred : struct, IPreferredUpdate<TScalars>
        where TScalars : unmanaged
        where TData : unmanaged
        where TDataStorage : struct, IStorage<TData>
        where TGradient : unmanaged
        where TGradientStorage : struct, IStorage<TGradient>
        where TState : unmanaged
        where TStateStorage : struct, IStorage<TState>
    {
        TailBlock<TData, TGradient, TState>.CheckWidth();
        int n = TWide.StateCount;
        TailBlock<TData, TGradient, TState> block = default;
        block.CopyIn(in streams, start, count, n);
        Streams<TData, TGradient, TState> padded = block.Padded(streams.Keys, streams.GradientScale);
        Vectors<TWide, TPreferred, TScalars, TData, TDataStorage, TGradient, TGradientStorage, TState, TStateStorage>(
            in scalars, in padded, 0, (nuint)KernelWidth.FloatLanes, indexBase + (int)start);
        block.CopyOut(in streams, start, count, n);
    }

    /// <summary>How many chunks to cut <paramref name="length"/> elements into.</summary>
    internal static int PartsFor(int length, int maxDegreeOfParallelism, int available)
    {
        int cores = maxDegreeOfParallelism == -1 ? available : Math.Clamp(maxDegreeOfParallelism, 1, available);
        return Math.Max(1, Math.Min(cores, length / MinimumChunk));
    }

    /// <summary>The half-open range of chunk <paramref name="index"/> of <paramref name="parts"/>, on 64-byte boundaries.</summary>
    internal static (nuint Start, nuint End) ChunkOf(int length, int index, int parts)
    {
        nuint Boundary(int i)
        {
            if (i >= parts)
            {
                return (nuint)length;
            }

            long raw = (long)length * i / parts;
            return (nuint)(raw / ChunkGranularity * ChunkGranularity);
        }

        return (Boundary(index), Boundary(index + 1));
    }
}
