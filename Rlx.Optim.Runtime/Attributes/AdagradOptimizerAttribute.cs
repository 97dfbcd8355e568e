using System;

namespace Rlx.Optim;

/// <summary>
/// Generates Adagrad (Duchi et al., 2011; PyTorch's <c>Adagrad</c>): with the step's rate
/// <c>clr = lr / (1 + (t − 1)·η)</c>, <c>sum ← sum + g²</c> and <c>θ ← θ − clr·g / (√sum + ε)</c>. Weight decay is L2.
/// State: <c>sum</c>, which starts at <see cref="InitialAccumulatorValue"/> (and returns there on <c>Reset</c>).
/// </summary>
[AttributeUsage(AttributeTargets.Class, Inherited = false, AllowMultiple = false)]
public sealed class AdagradOptimizerAttribute : OptimizerAttribute
{
    /// <summary>Adagrad with the defaults: lr 1e-2, no learning-rate decay, ε 1e-10, no weight decay, a sum from 0.</summary>
    public AdagradOptimizerAttribute()
        : base(AdagradDefaults.LearningRate, AdagradDefaults.WeightDecay)
    {
    }

    /// <summary>
    /// Learning-rate decay η ≥ 0: step t uses lr / (1 + (t − 1)·η) (PyTorch's <c>lr_decay</c>). Default 0. Applies to
    /// every set.
    /// </summary>
    public double LearningRateDecay { get; set; } = AdagradDefaults.LearningRateDecay;

    /// <summary>
    /// The value τ ≥ 0 every element of <c>sum</c> starts at, and returns to on <c>Reset</c> (PyTorch's
    /// <c>initial_accumulator_value</c>). Default 0. Applies to every set.
    /// </summary>
    public double InitialAccumulatorValue { get; set; } = AdagradDefaults.InitialAccumulatorValue;

    /// <summary>Constant ε added to √sum; must be finite and positive. Default 1e-10.</summary>
    public double Epsilon { get; set; } = AdagradDefaults.Epsilon;
}
