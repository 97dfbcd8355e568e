using System;

namespace Rlx.Optim;

/// <summary>
/// Generates AdamW (Loshchilov &amp; Hutter, 2019; PyTorch's <c>AdamW</c>): decoupled weight decay
/// <c>θ ← θ − lr·λ·θ</c> before the Adam step. State: <c>exp_avg</c>, <c>exp_avg_sq</c> and, with
/// <see cref="AmsGrad"/>, <c>max_exp_avg_sq</c>.
/// </summary>
[AttributeUsage(AttributeTargets.Class, Inherited = false, AllowMultiple = false)]
public sealed class AdamWOptimizerAttribute : OptimizerAttribute
{
    /// <summary>AdamW with the defaults: lr 1e-3, β = (0.9, 0.999), ε 1e-8, weight decay 0.01.</summary>
    public AdamWOptimizerAttribute()
        : base(AdamWDefaults.LearningRate, AdamWDefaults.WeightDecay)
    {
    }

    /// <summary>First-moment decay β₁ in [0, 1). Default 0.9.</summary>
    public double Beta1 { get; set; } = AdamWDefaults.Beta1;

    /// <summary>Second-moment decay β₂ in [0, 1). Default 0.999.</summary>
    public double Beta2 { get; set; } = AdamWDefaults.Beta2;

    /// <summary>Denominator constant ε; must be finite and positive. Default 1e-8.</summary>
    public double Epsilon { get; set; } = AdamWDefaults.Epsilon;

    /// <summary>AMSGrad: the denominator uses the running maximum of the second moment.</summary>
    public bool AmsGrad { get; set; }
}
