using System;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace Rlx.Optim.CompilerServices;

/// <summary>
/// A declared set of a trust-ratio rule (LAMB) in a <see cref="StepPlan"/>: one measure pass of
/// <see cref="SumOfSquares.BlockElements"/>-element blocks computing Σθ² and Σu² (u from the stored state, nothing
/// written), the ratio ‖θ‖/‖u‖ (1 when either norm is 0) from the blocks' sums added in order, then the update
/// through the elementwise driver with the ratio folded into its step size. Nothing is written before the update,
/// so a step that fails before it leaves the state as it was.
/// </summary>
/// <remarks>
/// The update recomputes the moments the measure pass computed: 44 bytes per element of float state and parameters
/// (θ, g, m, v read twice; θ, m, v written once), against 40 for a measure pass that stored the moments for the
/// update to read back, which would write the state before the update and need a second update loop.
/// </remarks>
internal sealed unsafe class TrustRatioSet<TWide, TPreferred, TScalars, TParameter, TGradient> : StepPlanSet<TScalars>
    where TWide : struct, IWideTrustRatioUpdate<TScalars>
    where TPreferred : struct, IPreferredTrustRatioUpdate<TScalars>
    where TScalars : unmanaged
    where TParameter : unmanaged
    where TGradient : unmanaged
{
    private readonly KernelSet<TWide, TPreferred, TScalars, TParameter, TGradient> _update;
    private readonly bool _masterWeights;
    private readonly double[] _parameterSums;
    private readonly double[] _updateSums;
    private float _gradientScale = 1f;
    private byte* _state0, _state1;
    private float* _master;

    public TrustRatioSet(ParameterState state, bool masterWeights)
        : base(state)
    {
        if (TWide.StateCount > 2)
        {
            throw new NotSupportedException("A trust-ratio rule keeps at most two state buffers.");
        }

        _update = new KernelSet<TWide, TPreferred, TScalars, TParameter, TGradient>(state, masterWeights);
        _masterWeights = masterWeights;
        _parameterSums = new double[SumOfSquares.BlocksOf(state.Length)];
        _updateSums = new double[_parameterSums.Length];
    }

    /// <summary>The trust ratio of the last step measured: ‖θ‖/‖u‖, or 1 when either norm is 0; NaN before any.</summary>
    internal double TrustRatio { get; private set; } = double.NaN;

    internal override int MeasurePasses => 1;

    internal override Type ParameterType => typeof(TParameter);

    internal override Type GradientType => typeof(TGradient);

    internal override int MeasureUnits(int pass) => _parameterSums.Length;

    /// <summary>Σθ² and Σu² of each block: what the processes of a sharded run exchange.</summary>
    internal override int ResultsPerBlock => 2;

    internal override void Bind(ulong seed, long step, float gradientScale)
    {
        _update.Parameter = Parameter;
        _update.Gradient = Gradient;
        _update.Bind(seed, step, gradientScale);
        _gradientScale = gradientScale;
        int count = TWide.StateCount;
        _state0 = count > 0 ? StateOrigin(0) : null;
        _state1 = count > 1 ? StateOrigin(1) : null;
        // A shard's copy holds its slice of the set: _master is where the set's element 0 is, or would be.
        _master = _masterWeights ? (float*)Unsafe.AsPointer(ref MemoryMarshal.GetReference(State.MasterWeight!.Span)) - State.SliceStart : null;
    }

    internal override void Measure(int pass, int unit)
    {
        int start = unit * SumOfSquares.BlockElements;
        int count = Math.Min(SumOfSquares.BlockElements, Length - start);
        (double parameter, double update) =
            _masterWeights ? WithGradient<float, FloatStorage>((byte*)_master, start, count)
            : typeof(TParameter) == typeof(float) ? WithGradient<float, FloatStorage>(Parameter, start, count)
            : typeof(TParameter) == typeof(BFloat16) ? WithGradient<BFloat16, BFloat16Storage>(Parameter, start, count)
            : WithGradient<Half, HalfStorage>(Parameter, start, count);
        _parameterSums[unit] = parameter;
        _updateSums[unit] = update;
    }

    internal override void ReadResults(int pass, int unit, Span<double> results)
    {
        results[0] = _parameterSums[unit];
        results[1] = _updateSums[unit];
    }

    internal override void WriteResults(int pass, int unit, ReadOnlySpan<double> results)
    {
        _parameterSums[unit] = results[0];
        _updateSums[unit] = results[1];
    }

    internal override void EndMeasure(int pass)
    {
        double parameter = 0, update = 0;
        for (int block = 0; block < _parameterSums.Length; block++)
        {
            parameter += _parameterSums[block];
            update += _updateSums[block];
        }

        double parameterNorm = Math.Sqrt(parameter), updateNorm = Math.Sqrt(update);
        TrustRatio = parameterNorm == 0 || updateNorm == 0 ? 1.0 : parameterNorm / updateNorm;
        _update.Scalars = KernelWidth.Uses512Bits
            ? TWide.WithTrustRatio(in Scalars, TrustRatio)
            : TPreferred.WithTrustRatio(in Scalars, TrustRatio);
    }

    internal override void Execute(nuint start, nuint end) => _update.Execute(start, end);

    internal override double SumOfSquaresOfBlock(int block) => SumOfSquaresOfGradientBlock<TGradient>(block);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private (double, double) WithGradient<TData, TDataStorage>(byte* parameter, int start, int count)
        where TData : unmanaged
        where TDataStorage : struct, IStorage<TData>
    {
        if (typeof(TGradient) == typeof(float))
        {
            return WithState<TData, TDataStorage, float, FloatStorage>(parameter, start, count);
        }

        if (typeof(TGradient) == typeof(BFloat16))
        {
            return WithState<TData, TDataStorage, BFloat16, BFloat16Storage>(parameter, start, count);
        }

        return WithState<TData, TDataStorage, Half, HalfStorage>(parameter, start, count);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private (double, double) WithState<TData, TDataStorage, TG, TGStorage>(byte* parameter, int start, int count)
        where TData : unmanaged
        where TDataStorage : struct, IStorage<TData>
        where TG : unmanaged
        where TGStorage : struct, IStorage<TG>
    {
        // The streams start at the block's first element: a shard's gradient and state hold only its part of the set.
        nuint first = (nuint)start;
        if (State.Precision == StatePrecision.BFloat16)
        {
            var streams = new Streams<TData, TG, BFloat16>(
                ref ((TData*)parameter)[first], in ((TG*)Gradient)[first], ref StateAt<BFloat16>(_state0, first), ref StateAt<BFloat16>(_state1, first),
                ref Unsafe.NullRef<BFloat16>(), ref Unsafe.NullRef<BFloat16>(), default, _gradientScale);
            return TrustRatioMeasure.Of<TWide, TPreferred, TScalars, TData, TDataStorage, TG, TGStorage, BFloat16, BFloat16Storage>(
                in Scalars, in streams, 0, count);
        }
        else
        {
            var streams = new Streams<TData, TG, float>(
                ref ((TData*)parameter)[first], in ((TG*)Gradient)[first], ref StateAt<float>(_state0, first), ref StateAt<float>(_state1, first),
                ref Unsafe.NullRef<float>(), ref Unsafe.NullRef<float>(), default, _gradientScale);
            return TrustRatioMeasure.Of<TWide, TPreferred, TScalars, TData, TDataStorage, TG, TGStorage, float, FloatStorage>(
                in Scalars, in streams, 0, count);
        }
    }
}
