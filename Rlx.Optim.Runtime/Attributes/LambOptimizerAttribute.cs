using System;

namespace Rlx.Optim;

/// <summary>
/// Generates LAMB (You et al., 2020, "Large Batch Optimization for Deep Learning") with the semantics of Optax's
/// <c>optax.lamb</c>: per set, u = m̂ / (√(v̂ + ε_root) + ε) + λθ, then θ ← θ − lr·(‖θ‖/‖u‖)·u, the ratio 1 when
/// either norm is 0. Each set's two norms are measured in a pass before its update. State: <c>exp_avg</c>,
/// <c>exp_avg_sq</c>.
/// </summary>
[AttributeUsage(AttributeTargets.Class, Inherited = false, AllowMultiple = false)]
public sealed class LambOptimizerAttribute : OptimizerAttribute
{
    /// <summary>LAMB with the defaults: lr 1e-3, β = (0.9, 0.999), ε 1e-6, ε_root 0, no weight decay.</summary>
    public LambOptimizerAttribute()
        : base(LambDefaults.LearningRate, LambDefaults.WeightDecay)
    {
    }

    /// <summary>First-moment decay β₁ in [0, 1). Default 0.9.</summary>
    public double Beta1 { get; set; } = LambDefaults.Beta1;

    /// <summary>Second-moment decay β₂ in [0, 1). Default 0.999.</summary>
    public double Beta2 { get; set; } = LambDefaults.Beta2;

    /// <summary>Denominator constant ε, added to √(v̂ + ε_root); must be finite and positive. Default 1e-6.</summary>
    public double Epsilon { get; set; } = LambDefaults.Epsilon;

    /// <summary>Constant ε_root added to v̂ under the square root (Optax's <c>eps_root</c>); finite and ≥ 0. Default 0.</summary>
    public double EpsilonRoot { get; set; } = LambDefaults.EpsilonRoot;
}
