using System;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using Rlx.Optim.CompilerServices;

namespace Rlx.Optim.Benchmarks.RawKernels;

/// <summary>
/// Runs a kernel over the last partial vector of a range: the remaining elements are copied into one zero-padded
/// vector per stream, updated by the kernel's own vector code, and only the real lanes are copied back.
/// </summary>
internal static class KernelTail
{
    /// <summary>Lanes per stream in the scratch block: room for a 512-bit vector of floats.</summary>
    internal const int MaxLanes = 16;

    [InlineArray(MaxLanes)]
    private struct Lanes
    {
        private float _element;
    }

    /// <summary>One padded vector for each stream a kernel touches.</summary>
    private struct Block
    {
        public Lanes Parameter;
        public Lanes Gradient;
        public Lanes State0;
        public Lanes State1;
        public Lanes State2;
    }

    /// <summary>Updates the <paramref name="count"/> (fewer than one vector) elements from <paramref name="start"/>.</summary>
    /// <remarks>State references that are null (a kernel with fewer buffers) stay null for the kernel too.</remarks>
    [MethodImpl(MethodImplOptions.NoInlining)]
    public static void Run<TKernel, TScalars>(
        in TScalars scalars,
        ref float parameter,
        ref float gradient,
        ref float state0,
        ref float state1,
        ref float state2,
        nuint start,
        int count)
        where TKernel : struct, IUpdateKernel<TScalars>
        where TScalars : unmanaged
    {
        int width = KernelWidth.FloatLanes;
        if (width > MaxLanes)
        {
            throw new PlatformNotSupportedException($"A kernel vector holds {width} floats here; these kernels support up to {MaxLanes}.");
        }

        Block block = default;
        CopyIn(ref parameter, start, count, block.Parameter);
        CopyIn(ref gradient, start, count, block.Gradient);
        CopyIn(ref state0, start, count, block.State0);
        CopyIn(ref state1, start, count, block.State1);
        CopyIn(ref state2, start, count, block.State2);

        TKernel.Update(
            in scalars,
            ref block.Parameter[0],
            ref block.Gradient[0],
            ref Scratch(ref state0, ref block.State0[0]),
            ref Scratch(ref state1, ref block.State1[0]),
            ref Scratch(ref state2, ref block.State2[0]),
            0,
            (nuint)width);

        CopyOut(block.Parameter, ref parameter, start, count);
        CopyOut(block.State0, ref state0, start, count);
        CopyOut(block.State1, ref state1, start, count);
        CopyOut(block.State2, ref state2, start, count);
    }

    private static ref float Scratch(ref float stream, ref float lanes) =>
        ref Unsafe.IsNullRef(ref stream) ? ref Unsafe.NullRef<float>() : ref lanes;

    private static void CopyIn(ref float stream, nuint start, int count, Span<float> lanes)
    {
        if (!Unsafe.IsNullRef(ref stream))
        {
            MemoryMarshal.CreateReadOnlySpan(ref Unsafe.Add(ref stream, start), count).CopyTo(lanes);
        }
    }

    private static void CopyOut(ReadOnlySpan<float> lanes, ref float stream, nuint start, int count)
    {
        if (!Unsafe.IsNullRef(ref stream))
        {
            lanes[..count].CopyTo(MemoryMarshal.CreateSpan(ref Unsafe.Add(ref stream, start), count));
        }
    }
}
