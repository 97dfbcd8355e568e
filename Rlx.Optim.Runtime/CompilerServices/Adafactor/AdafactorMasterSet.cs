using System;
using System.Runtime.CompilerServices;

namespace Rlx.Optim.CompilerServices;

/// <summary>
/// An Adafactor set of 16-bit parameters (<typeparamref name="TParameter"/>: <see cref="Half"/> or
/// <see cref="BFloat16"/>) with gradients of float or its own type, stepped through its float master copy
/// (<c>master_weight</c>): the float-θ set's passes run on the copy (reading g widened), so the copy follows a float
/// run exactly, and each updated range of θ is then written from it rounded to nearest. The copy is taken from θ on
/// the set's first step.
/// </summary>
internal sealed unsafe class AdafactorMasterSet<TRule, TParameter, TGradient> : StepPlanSet<AdafactorScalars>
    where TRule : IAdafactorRule
    where TParameter : unmanaged
    where TGradient : unmanaged
{
    private readonly StepPlanSet<AdafactorScalars> _float;
    private float* _master;

    private AdafactorMasterSet(ParameterState state)
        : base(state)
    {
        if (typeof(TParameter) != typeof(Half) && typeof(TParameter) != typeof(BFloat16))
        {
            throw new NotSupportedException($"Master weights are for Half or BFloat16 parameters, not {typeof(TParameter).Name}.");
        }

        if (state.MasterWeight is null)
        {
            throw new InvalidOperationException($"Parameter set '{state.Name}' keeps no master copy of its parameter.");
        }

        _float = AdafactorSets.Create<TRule, float, TGradient>(state);
    }

    /// <summary>The set's own instance, kept with its state so its one-set calls allocate nothing after the first.</summary>
    public static AdafactorMasterSet<TRule, TParameter, TGradient> For(ParameterState state) =>
        state.OwnPlanSet as AdafactorMasterSet<TRule, TParameter, TGradient>
        ?? (AdafactorMasterSet<TRule, TParameter, TGradient>)(state.OwnPlanSet = new AdafactorMasterSet<TRule, TParameter, TGradient>(state));

    internal override int MeasurePasses => _float.MeasurePasses;

    internal override Type ParameterType => typeof(TParameter);

    internal override Type GradientType => typeof(TGradient);

    internal override int MeasureUnits(int pass) => _float.MeasureUnits(pass);

    internal override int MeasureUnitElements(int pass) => _float.MeasureUnitElements(pass);

    internal override void Bind(ulong seed, long step, float gradientScale)
    {
        Span<float> copy = State.MasterWeight!.Span;
        if (!State.MasterWeightTaken)
        {
            ElementwiseDriver.Widen(new Span<TParameter>(Parameter, Length), copy);
            State.MasterWeightTaken = true;
        }

        // State buffers are allocated pinned.
        _master = (float*)Unsafe.AsPointer(ref copy.Length > 0 ? ref copy[0] : ref Unsafe.NullRef<float>());
        _float.Scalars = Scalars;
        _float.Parameter = (byte*)_master;
        _float.Gradient = Gradient;
        _float.Bind(seed, step, gradientScale);
    }

    internal override void Measure(int pass, int unit) => _float.Measure(pass, unit);

    internal override void EndMeasure(int pass) => _float.EndMeasure(pass);

    internal override void Execute(nuint start, nuint end)
    {
        _float.Execute(start, end);
        var copy = new ReadOnlySpan<float>(_master + start, (int)(end - start));
        ElementwiseDriver.RoundToNearest(copy, new Span<TParameter>((TParameter*)Parameter + start, copy.Length));
    }

    internal override double SumOfSquaresOfBlock(int block) =>
        SumOfSquares.OfBlock(ref *(TGradient*)Gradient, Length, block);
}
