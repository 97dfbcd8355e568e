using System;

namespace Rlx.Optim;

/// <summary>
/// Generates RAdam (Liu et al., 2020; PyTorch's <c>RAdam</c>): Adam with the variance-rectification term, and the
/// un-adapted step <c>θ ← θ − lr·m̂</c> while the rectification is undefined (ρₜ ≤ 5). Weight decay is L2 unless
/// <see cref="DecoupledWeightDecay"/>. State: <c>exp_avg</c>, <c>exp_avg_sq</c>.
/// </summary>
[AttributeUsage(AttributeTargets.Class, Inherited = false, AllowMultiple = false)]
public sealed class RAdamOptimizerAttribute : OptimizerAttribute
{
    /// <summary>RAdam with the defaults: lr 1e-3, β = (0.9, 0.999), ε 1e-8, no weight decay.</summary>
    public RAdamOptimizerAttribute()
        : base(RAdamDefaults.LearningRate, RAdamDefaults.WeightDecay)
    {
    }

    /// <summary>First-moment decay β₁ in [0, 1). Default 0.9.</summary>
    public double Beta1 { get; set; } = RAdamDefaults.Beta1;

    /// <summary>Second-moment decay β₂ in [0, 1). Default 0.999.</summary>
    public double Beta2 { get; set; } = RAdamDefaults.Beta2;

    /// <summary>Denominator constant ε; must be finite and positive. Default 1e-8.</summary>
    public double Epsilon { get; set; } = RAdamDefaults.Epsilon;

    /// <summary>Decoupled weight decay <c>θ ← θ − lr·λ·θ</c> instead of L2.</summary>
    public bool DecoupledWeightDecay { get; set; }
}
