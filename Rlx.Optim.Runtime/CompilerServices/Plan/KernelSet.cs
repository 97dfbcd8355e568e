using System;
using System.Runtime.CompilerServices;

namespace Rlx.Optim.CompilerServices;

/// <summary>
/// A declared set's kernel in a <see cref="StepPlan"/>: parameters of <typeparamref name="TParameter"/>, gradients
/// of <typeparamref name="TGradient"/>, and its state's precision, each through its storage. The JIT keeps only the
/// path of the set's element types.
/// </summary>
internal sealed unsafe class KernelSet<TWide, TPreferred, TScalars, TParameter, TGradient> : StepPlanSet<TScalars>
    where TWide : struct, IWideUpdate<TScalars>
    where TPreferred : struct, IPreferredUpdate<TScalars>
    where TScalars : unmanaged
    where TParameter : unmanaged
    where TGradient : unmanaged
{
    /// <summary>
    /// The block a master copy is updated and rounded in: 64 KB of the copy, which stays in the second-level cache
    /// between the two. A multiple of the vector width, so only a range's last block has a tail.
    /// </summary>
    internal const int MasterBlockElements = 16 * 1024;

    private readonly bool _masterWeights;
    private RoundingKeys _keys;
    private float _gradientScale = 1f;
    private byte* _state0, _state1, _state2, _state3;
    private float* _master;

    public KernelSet(ParameterState state, bool masterWeights)
        : base(state)
    {
        if (typeof(TParameter) != typeof(float) && typeof(TParameter) != typeof(BFloat16) && typeof(TParameter) != typeof(Half))
        {
            throw new NotSupportedException($"Parameters of type {typeof(TParameter).Name} are not supported: use float, Half or BFloat16.");
        }

        if (typeof(TGradient) != typeof(float) && typeof(TGradient) != typeof(BFloat16) && typeof(TGradient) != typeof(Half))
        {
            throw new NotSupportedException($"Gradients of type {typeof(TGradient).Name} are not supported: use float, Half or BFloat16.");
        }

        if (masterWeights && state.MasterWeight is null)
        {
            throw new ArgumentException($"Parameter set '{state.Name}' keeps no master copy of its parameter.", nameof(masterWeights));
        }

        _masterWeights = masterWeights;
    }

    internal override Type ParameterType => typeof(TParameter);

    internal override Type GradientType => typeof(TGradient);

    internal override void Bind(ulong seed, long step, float gradientScale)
    {
        _gradientScale = gradientScale;
        // Only a 16-bit θ (without a master copy) or bfloat16 state draws random bits.
        bool rounds = (typeof(TParameter) != typeof(float) && !_masterWeights) || State.Precision == StatePrecision.BFloat16;
        _keys = rounds ? RoundingKeys.For(seed, State.Index, step) : default;
        int count = TWide.StateCount;
        _state0 = count > 0 ? StateOrigin(0) : null;
        _state1 = count > 1 ? StateOrigin(1) : null;
        _state2 = count > 2 ? StateOrigin(2) : null;
        _state3 = count > 3 ? StateOrigin(3) : null;
        if (_masterWeights)
        {
            // A shard's copy holds its slice of the set: _master is where the set's element 0 is, or would be.
            Span<float> copy = State.MasterWeight!.Span;
            _master = (float*)AddressOf(ref Unsafe.As<float, byte>(ref copy[0])) - State.SliceStart;
            if (!State.MasterWeightTaken)
            {
                ElementwiseDriver.Widen(new Span<TParameter>((TParameter*)Parameter + State.SliceStart, copy.Length), copy);
                State.MasterWeightTaken = true;
            }
        }
    }

    internal override void Execute(nuint start, nuint end)
    {
        if (_masterWeights)
        {
            // The exact float update of the copy, then θ from it, rounded to nearest, a block at a time, so the
            // rounding reads the copy from the cache the update left it in.
            for (nuint from = start; from < end; from += MasterBlockElements)
            {
                nuint to = Math.Min(end, from + MasterBlockElements);
                WithGradient<float, FloatStorage>((byte*)_master, from, to);
                var copy = new ReadOnlySpan<float>(_master + from, (int)(to - from));
                ElementwiseDriver.RoundToNearest(copy, new Span<TParameter>((TParameter*)Parameter + from, copy.Length));
            }
        }
        else if (typeof(TParameter) == typeof(float))
        {
            WithGradient<float, FloatStorage>(Parameter, start, end);
        }
        else if (typeof(TParameter) == typeof(BFloat16))
        {
            WithGradient<BFloat16, BFloat16Storage>(Parameter, start, end);
        }
        else
        {
            WithGradient<Half, HalfStorage>(Parameter, start, end);
        }
    }

    // From the block's own first element: a shard's gradient holds only its part of the set.
    internal override double SumOfSquaresOfBlock(int block) => SumOfSquaresOfGradientBlock<TGradient>(block);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private void WithGradient<TData, TDataStorage>(byte* parameter, nuint start, nuint end)
        where TData : unmanaged
        where TDataStorage : struct, IStorage<TData>
    {
        if (typeof(TGradient) == typeof(float))
        {
            WithState<TData, TDataStorage, float, FloatStorage>(parameter, start, end);
        }
        else if (typeof(TGradient) == typeof(BFloat16))
        {
            WithState<TData, TDataStorage, BFloat16, BFloat16Storage>(parameter, start, end);
        }
        else
        {
            WithState<TData, TDataStorage, Half, HalfStorage>(parameter, start, end);
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private void WithState<TData, TDataStorage, TG, TGStorage>(byte* parameter, nuint start, nuint end)
        where TData : unmanaged
        where TDataStorage : struct, IStorage<TData>
        where TG : unmanaged
        where TGStorage : struct, IStorage<TG>
    {
        if (State.Precision == StatePrecision.BFloat16)
        {
            var streams = new Streams<TData, TG, BFloat16>(
                ref ((TData*)parameter)[start], in ((TG*)Gradient)[start], ref StateAt<BFloat16>(_state0, start),
                ref StateAt<BFloat16>(_state1, start), ref StateAt<BFloat16>(_state2, start), ref StateAt<BFloat16>(_state3, start),
                _keys, _gradientScale);
            ElementwiseDriver.RunRange<TWide, TPreferred, TScalars, TData, TDataStorage, TG, TGStorage, BFloat16, BFloat16Storage>(
                in Scalars, in streams, 0, end - start, (int)start);
        }
        else
        {
            var streams = new Streams<TData, TG, float>(
                ref ((TData*)parameter)[start], in ((TG*)Gradient)[start], ref StateAt<float>(_state0, start),
                ref StateAt<float>(_state1, start), ref StateAt<float>(_state2, start), ref StateAt<float>(_state3, start), _keys,
                _gradientScale);
            ElementwiseDriver.RunRange<TWide, TPreferred, TScalars, TData, TDataStorage, TG, TGStorage, float, FloatStorage>(
                in Scalars, in streams, 0, end - start, (int)start);
        }
    }

    /// <summary>The address of pinned state (state buffers are allocated pinned).</summary>
    private static byte* AddressOf(ref byte origin) => (byte*)Unsafe.AsPointer(ref origin);
}
