using System;

namespace Rlx.Optim;

/// <summary>
/// Generates NAdam (Dozat, 2016; PyTorch's <c>NAdam</c>): Adam with Nesterov momentum and the momentum schedule
/// <c>μₜ = β₁(1 − ½·0.96^(tψ))</c>. Weight decay is L2 unless <see cref="DecoupledWeightDecay"/>.
/// State: <c>exp_avg</c>, <c>exp_avg_sq</c>.
/// </summary>
[AttributeUsage(AttributeTargets.Class, Inherited = false, AllowMultiple = false)]
public sealed class NAdamOptimizerAttribute : OptimizerAttribute
{
    /// <summary>NAdam with the defaults: lr 2e-3, β = (0.9, 0.999), ε 1e-8, ψ 0.004, no weight decay.</summary>
    public NAdamOptimizerAttribute()
        : base(NAdamDefaults.LearningRate, NAdamDefaults.WeightDecay)
    {
    }

    /// <summary>First-moment decay β₁ in [0, 1). Default 0.9.</summary>
    public double Beta1 { get; set; } = NAdamDefaults.Beta1;

    /// <summary>Second-moment decay β₂ in [0, 1). Default 0.999.</summary>
    public double Beta2 { get; set; } = NAdamDefaults.Beta2;

    /// <summary>Denominator constant ε; must be finite and positive. Default 1e-8.</summary>
    public double Epsilon { get; set; } = NAdamDefaults.Epsilon;

    /// <summary>Momentum decay ψ ≥ 0 of the schedule. Default 0.004.</summary>
    public double MomentumDecay { get; set; } = NAdamDefaults.MomentumDecay;

    /// <summary>Decoupled weight decay <c>θ ← θ − lr·λ·θ</c> (NAdamW) instead of L2.</summary>
    public bool DecoupledWeightDecay { get; set; }
}
