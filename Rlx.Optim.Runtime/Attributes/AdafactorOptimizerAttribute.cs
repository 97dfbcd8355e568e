using System;

namespace Rlx.Optim;

/// <summary>
/// Generates Adafactor (Shazeer &amp; Stern, 2018) as PyTorch's <c>torch.optim.Adafactor</c> (2.5 and later) defines
/// it. Step t (from 1): 1 − β₂ₜ = t^τ, ρₜ = min(lr, 1/√t), α = max(ε₂, RMS(θ))·ρₜ, then θ ← θ·(1 − lr·λ). A set of
/// two or more dimensions keeps the second moment factored over its last two: <c>row_var</c> (shape […, R, 1]) and
/// <c>col_var</c> ([…, 1, C]) follow the row and column means of g², and the estimate is
/// row_var ⊗ col_var / max(mean(row_var), ε₁); a vector or scalar set keeps <c>variance</c>. The update
/// U = g / √max(V, ε₁²) is divided by max(1, RMS(U)/d), and θ ← θ − α·U.
/// </summary>
/// <remarks>
/// The factorization comes from the shape declared on <see cref="ParameterAttribute"/>: a set created on first use by
/// name has no declared shape and is treated as a vector. Parameters and gradients are float
/// (<c>Span&lt;float&gt;</c>), and the state is float.
/// </remarks>
[AttributeUsage(AttributeTargets.Class, Inherited = false, AllowMultiple = false)]
public sealed class AdafactorOptimizerAttribute : OptimizerAttribute
{
    /// <summary>Adafactor with the defaults: lr 1e-2, τ −0.8, ε = (2⁻²³, 1e-3), d 1, no weight decay.</summary>
    public AdafactorOptimizerAttribute()
        : base(AdafactorDefaults.LearningRate, AdafactorDefaults.WeightDecay)
    {
    }

    /// <summary>Exponent τ ≤ 0 of the second moment's decay, 1 − β₂ₜ = t^τ (PyTorch's <c>beta2_decay</c>). Default −0.8.</summary>
    public double Beta2Decay { get; set; } = AdafactorDefaults.Beta2Decay;

    /// <summary>
    /// ε₁ ≥ 0: the variance estimate is at least ε₁² and the row factor's mean at least ε₁ (PyTorch's <c>eps[0]</c>).
    /// Default float's machine epsilon, 2⁻²³ (PyTorch's <c>None</c> on float parameters).
    /// </summary>
    public double Epsilon1 { get; set; } = AdafactorDefaults.Epsilon1;

    /// <summary>ε₂ ≥ 0: the step size uses at least this as the parameters' RMS (PyTorch's <c>eps[1]</c>). Default 1e-3.</summary>
    public double Epsilon2 { get; set; } = AdafactorDefaults.Epsilon2;

    /// <summary>Clipping threshold d ≥ 1 of the update's RMS (PyTorch's <c>d</c>). Default 1.</summary>
    public double ClippingThreshold { get; set; } = AdafactorDefaults.ClippingThreshold;
}
