using System;
using System.ComponentModel;
using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace Rlx.Optim.CompilerServices;

/// <summary>
/// Runs a generated kernel over a whole parameter set, on the calling thread or split across cores. Generated code
/// calls it; user code has no need to.
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public static class UpdateKernels
{
    /// <summary>
    /// Chunks are multiples of this many elements (64 bytes of floats), so two threads never write to the same
    /// cache line and every chunk of an aligned buffer starts aligned.
    /// </summary>
    internal const int ChunkGranularity = 16;

    /// <summary>Below this many elements per core, waking another core costs more than it saves.</summary>
    internal const int MinimumChunk = 16 * 1024;

    /// <summary>Runs <typeparamref name="TKernel"/> over every element on the calling thread.</summary>
    /// <remarks>The caller has validated the lengths; state spans are as long as <paramref name="parameter"/> or empty.</remarks>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Run<TKernel, TScalars>(
        in TScalars scalars,
        Span<float> parameter,
        ReadOnlySpan<float> gradient,
        Span<float> state0,
        Span<float> state1,
        Span<float> state2)
        where TKernel : struct, IUpdateKernel<TScalars>
        where TScalars : unmanaged
    {
        RunRange<TKernel, TScalars>(
            in scalars,
            ref MemoryMarshal.GetReference(parameter),
            ref MemoryMarshal.GetReference(gradient),
            ref MemoryMarshal.GetReference(state0),
            ref MemoryMarshal.GetReference(state1),
            ref MemoryMarshal.GetReference(state2),
            0,
            (nuint)parameter.Length);
    }

    /// <summary>
    /// Runs <typeparamref name="TKernel"/> over <c>[start, end)</c>: whole vectors in the kernel's own loop, then
    /// the last partial vector through <see cref="KernelTail"/>. Kernels are only ever given whole vectors.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static void RunRange<TKernel, TScalars>(
        in TScalars scalars,
        ref float parameter,
        ref float gradient,
        ref float state0,
        ref float state1,
        ref float state2,
        nuint start,
        nuint end)
        where TKernel : struct, IUpdateKernel<TScalars>
        where TScalars : unmanaged
    {
        nuint width = (nuint)KernelWidth.FloatLanes;
        nuint wholeEnd = start + (end - start) / width * width;
        if (wholeEnd != start)
        {
            TKernel.Update(in scalars, ref parameter, ref gradient, ref state0, ref state1, ref state2, start, wholeEnd);
        }

        if (wholeEnd != end)
        {
            KernelTail.Run<TKernel, TScalars>(in scalars, ref parameter, ref gradient, ref state0, ref state1, ref state2, wholeEnd, (int)(end - wholeEnd));
        }
    }

    /// <summary>
    /// Runs <typeparamref name="TKernel"/> split into contiguous chunks across up to
    /// <paramref name="maxDegreeOfParallelism"/> cores (-1: all), on persistent worker threads; the calling thread
    /// takes the first chunk. Falls back to <see cref="Run{TKernel, TScalars}"/> when splitting cannot pay.
    /// </summary>
    public static unsafe void RunParallel<TKernel, TScalars>(
        in TScalars scalars,
        Span<float> parameter,
        ReadOnlySpan<float> gradient,
        Span<float> state0,
        Span<float> state1,
        Span<float> state2,
        int maxDegreeOfParallelism)
        where TKernel : struct, IUpdateKernel<TScalars>
        where TScalars : unmanaged
    {
        int parts = PartsFor(parameter.Length, maxDegreeOfParallelism, WorkerPool.Shared.WorkerCount + 1);
        if (parts <= 1)
        {
            Run<TKernel, TScalars>(in scalars, parameter, gradient, state0, state1, state2);
            return;
        }

        // The spans stay pinned for the whole (synchronous) run, so the workers may use raw pointers to them.
        fixed (float* p = parameter, g = gradient, s0 = state0, s1 = state1, s2 = state2)
        {
            ParallelUpdate<TKernel, TScalars> work = ParallelUpdate<TKernel, TScalars>.ForCurrentThread;
            work.Set(in scalars, p, g, s0, s1, s2, parameter.Length);
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
