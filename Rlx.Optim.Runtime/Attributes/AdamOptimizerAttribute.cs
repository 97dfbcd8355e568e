using System;

namespace Rlx.Optim;

/// <summary>
/// Generates Adam (Kingma &amp; Ba, 2014): <c>m ← β₁m + (1 − β₁)g</c>, <c>v ← β₂v + (1 − β₂)g²</c>,
/// <c>θ ← θ − lr·m̂ / (√v̂ + ε)</c>. Weight decay is L2, added to the gradient as λ·θ (classic Adam; for decoupled
/// decay use <see cref="AdamWOptimizerAttribute"/>). State: <c>exp_avg</c>, <c>exp_avg_sq</c> and, with
/// <see cref="AmsGrad"/>, <c>max_exp_avg_sq</c>.
/// </summary>
[AttributeUsage(AttributeTargets.Class, Inherited = false, AllowMultiple = false)]
public sealed class AdamOptimizerAttribute : OptimizerAttribute
{
    /// <summary>Adam with the defaults: lr 1e-3, β = (0.9, 0.999), ε 1e-8, no weight decay.</summary>
    public AdamOptimizerAttribute()
        : base(AdamDefaults.LearningRate, AdamDefaults.WeightDecay)
    {
    }

    /// <summary>First-moment decay β₁ in [0, 1). Default 0.9.</summary>
    public double Beta1 { get; set; } = AdamDefaults.Beta1;

    /// <summary>Second-moment decay β₂ in [0, 1). Default 0.999.</summary>
    public double Beta2 { get; set; } = AdamDefaults.Beta2;

    /// <summary>Denominator constant ε; must be finite and positive. Default 1e-8.</summary>
    public double Epsilon { get; set; } = AdamDefaults.Epsilon;

    /// <summary>AMSGrad (Reddi et al., 2018): the denominator uses the running maximum of the second moment.</summary>
    public bool AmsGrad { get; set; }
}
