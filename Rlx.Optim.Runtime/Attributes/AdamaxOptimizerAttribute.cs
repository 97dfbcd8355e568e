using System;

namespace Rlx.Optim;

/// <summary>
/// Generates Adamax (Kingma &amp; Ba, 2014, §7; PyTorch's <c>Adamax</c>): the second moment is an infinity norm,
/// <c>u ← max(β₂u, |g| + ε)</c>, and <c>θ ← θ − lr/(1 − β₁ᵗ)·m/u</c>. Weight decay is L2.
/// State: <c>exp_avg</c>, <c>exp_inf</c>.
/// </summary>
[AttributeUsage(AttributeTargets.Class, Inherited = false, AllowMultiple = false)]
public sealed class AdamaxOptimizerAttribute : OptimizerAttribute
{
    /// <summary>Adamax with the defaults: lr 2e-3, β = (0.9, 0.999), ε 1e-8, no weight decay.</summary>
    public AdamaxOptimizerAttribute()
        : base(AdamaxDefaults.LearningRate, AdamaxDefaults.WeightDecay)
    {
    }

    /// <summary>First-moment decay β₁ in [0, 1). Default 0.9.</summary>
    public double Beta1 { get; set; } = AdamaxDefaults.Beta1;

    /// <summary>Infinity-norm decay β₂ in [0, 1). Default 0.999.</summary>
    public double Beta2 { get; set; } = AdamaxDefaults.Beta2;

    /// <summary>Constant ε added to |g|; must be finite and positive. Default 1e-8.</summary>
    public double Epsilon { get; set; } = AdamaxDefaults.Epsilon;
}
