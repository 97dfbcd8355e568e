using System;

namespace Rlx.Optim;

/// <summary>
/// Generates Lion (Chen et al., 2023, Algorithm 2): decoupled weight decay <c>θ ← θ − lr·λ·θ</c>, then
/// <c>θ ← θ − lr·sign(β₁m + (1 − β₁)g)</c>, then <c>m ← β₂m + (1 − β₂)g</c>. State: <c>exp_avg</c>.
/// Lion's steps are larger than Adam's: its paper suggests a learning rate 3–10× smaller and a decay 3–10× larger.
/// </summary>
[AttributeUsage(AttributeTargets.Class, Inherited = false, AllowMultiple = false)]
public sealed class LionOptimizerAttribute : OptimizerAttribute
{
    /// <summary>Lion with the defaults: lr 1e-4, β = (0.9, 0.99), no weight decay.</summary>
    public LionOptimizerAttribute()
        : base(LionDefaults.LearningRate, LionDefaults.WeightDecay)
    {
    }

    /// <summary>Interpolation β₁ in [0, 1] of the update direction. Default 0.9.</summary>
    public double Beta1 { get; set; } = LionDefaults.Beta1;

    /// <summary>Momentum decay β₂ in [0, 1]. Default 0.99.</summary>
    public double Beta2 { get; set; } = LionDefaults.Beta2;
}
