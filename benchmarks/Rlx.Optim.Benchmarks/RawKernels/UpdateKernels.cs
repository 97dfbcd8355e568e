using System;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using Rlx.Optim.CompilerServices;

namespace Rlx.Optim.Benchmarks.RawKernels;

/// <summary>
/// Runs an <see cref="IUpdateKernel{TScalars}"/> over a whole set, on the calling thread or split across cores on the
/// runtime's own persistent workers (<c>WorkerPool</c>), cut into the same chunks and blocks as the generated
/// optimizers' steps (<see cref="ElementwiseDriver"/>'s <c>PartsFor</c> and <c>ChunkOf</c>). So a baseline's
/// two-core figure pays the same hand-off as the generated kernels', not <c>Parallel.For</c>'s.
/// </summary>
public static class UpdateKernels
{
    /// <summary>Runs <typeparamref name="TKernel"/> over every element on the calling thread.</summary>
    /// <remarks>State spans are as long as <paramref name="parameter"/> or empty.</remarks>
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
            KernelTail.Run<TKernel, TScalars>(
                in scalars, ref parameter, ref gradient, ref state0, ref state1, ref state2, wholeEnd, (int)(end - wholeEnd));
        }
    }

    /// <summary>
    /// Runs <typeparamref name="TKernel"/> split into contiguous chunks across up to
    /// <paramref name="maxDegreeOfParallelism"/> cores (-1: all), on the runtime's persistent worker threads; the
    /// calling thread takes the first chunk. Falls back to <see cref="Run{TKernel, TScalars}"/> when splitting
    /// cannot pay (the same threshold as the generated optimizers').
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
        int parts = ElementwiseDriver.PartsFor(parameter.Length, maxDegreeOfParallelism, WorkerPool.Shared.WorkerCount + 1);
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
}
