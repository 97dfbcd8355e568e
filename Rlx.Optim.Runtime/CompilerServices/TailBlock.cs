using System;
using System.Diagnostics.CodeAnalysis;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace Rlx.Optim.CompilerServices;

/// <summary>
/// The last elements of a range (fewer than one vector), copied into one zero-padded vector per stream, so that the
/// same vector code serves them: the update's tail (<see cref="ElementwiseDriver"/>) and the trust ratio's measuring
/// tail read them through <see cref="Padded"/>, and the update copies back only the real lanes.
/// </summary>
internal struct TailBlock<TData, TGradient, TState>
    where TData : unmanaged
    where TGradient : unmanaged
    where TState : unmanaged
{
    private Lanes<TData> _parameter;
    private Lanes<TGradient> _gradient;
    private Lanes<TState> _state0;
    private Lanes<TState> _state1;
    private Lanes<TState> _state2;
    private Lanes<TState> _state3;

    /// <summary>Throws where a kernel vector holds more floats than a block has lanes.</summary>
    public static void CheckWidth()
    {
        if (KernelWidth.FloatLanes > ElementwiseDriver.MaxLanes)
        {
            throw new PlatformNotSupportedException(
                $"A kernel vector holds {KernelWidth.FloatLanes} floats here; Rlx.Optim's kernels support up to {ElementwiseDriver.MaxLanes}.");
        }
    }

    /// <summary>Copies elements <c>[start, start + count)</c> of θ, g and the first <paramref name="stateCount"/> state buffers in.</summary>
    public void CopyIn(scoped in Streams<TData, TGradient, TState> streams, nuint start, int count, int stateCount)
    {
        In(ref streams.Parameter, start, count, _parameter);
        In(ref streams.Gradient, start, count, _gradient);
        if (stateCount > 0) In(ref streams.State0, start, count, _state0);
        if (stateCount > 1) In(ref streams.State1, start, count, _state1);
        if (stateCount > 2) In(ref streams.State2, start, count, _state2);
        if (stateCount > 3) In(ref streams.State3, start, count, _state3);
    }

    /// <summary>Streams over the padded copies.</summary>
    [UnscopedRef]
    public Streams<TData, TGradient, TState> Padded(RoundingKeys keys, float gradientScale) =>
        new(ref _parameter[0], in _gradient[0], ref _state0[0], ref _state1[0], ref _state2[0], ref _state3[0], keys, gradientScale);

    /// <summary>Copies the real lanes of θ and the first <paramref name="stateCount"/> state buffers back.</summary>
    public readonly void CopyOut(scoped in Streams<TData, TGradient, TState> streams, nuint start, int count, int stateCount)
    {
        Out(_parameter, ref streams.Parameter, start, count);
        if (stateCount > 0) Out(_state0, ref streams.State0, start, count);
        if (stateCount > 1) Out(_state1, ref streams.State1, start, count);
        if (stateCount > 2) Out(_state2, ref streams.State2, start, count);
        if (stateCount > 3) Out(_state3, ref streams.State3, start, count);
    }

    private static void In<T>(ref T stream, nuint start, int count, Span<T> lanes)
        where T : unmanaged =>
        MemoryMarshal.CreateReadOnlySpan(ref Unsafe.Add(ref stream, start), count).CopyTo(lanes);

    private static void Out<T>(ReadOnlySpan<T> lanes, ref T stream, nuint start, int count)
        where T : unmanaged =>
        lanes[..count].CopyTo(MemoryMarshal.CreateSpan(ref Unsafe.Add(ref stream, start), count));

    [InlineArray(ElementwiseDriver.MaxLanes)]
    private struct Lanes<T>
        where T : unmanaged
    {
        private T _element;
    }
}
