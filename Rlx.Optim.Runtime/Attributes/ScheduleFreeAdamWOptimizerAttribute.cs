using System;

namespace Rlx.Optim;

/// <summary>
/// Generates Schedule-Free AdamW (Defazio et al., 2024, "The Road Less Scheduled"; Optax's
/// <c>optax.contrib.schedule_free_adamw</c>). The parameters the user holds are y = (1 − β₁)z + β₁x: z takes AdamW's
/// step without momentum, <c>v ← β₂v + (1 − β₂)g²</c>, <c>z ← z − lr·(g / (√(v / (1 − β₂ᵗ)) + ε) + λy)</c>, and x is
/// the average of the z so far, each weighted by the largest learning rate so far to the power
/// <see cref="WeightLrPower"/>. Evaluate at x (<c>SwapToEvaluation</c>, <c>EvaluationParameters</c>). State:
/// <c>z</c> (NaN until the set's first step copies the parameters into it) and <c>exp_avg_sq</c>.
/// </summary>
[AttributeUsage(AttributeTargets.Class, Inherited = false, AllowMultiple = false)]
public sealed class ScheduleFreeAdamWOptimizerAttribute : OptimizerAttribute
{
    /// <summary>
    /// Schedule-Free AdamW with Optax's defaults: lr 0.0025, β = (0.9, 0.999), ε 1e-8, no weight decay, weights
    /// max_lr², no warm-up.
    /// </summary>
    public ScheduleFreeAdamWOptimizerAttribute()
        : base(ScheduleFreeAdamWDefaults.LearningRate, ScheduleFreeAdamWDefaults.WeightDecay)
    {
    }

    /// <summary>The interpolation β₁ in (0, 1) of y between z (weight 1 − β₁) and the average x (β₁). Default 0.9.</summary>
    public double Beta1 { get; set; } = ScheduleFreeAdamWDefaults.Beta1;

    /// <summary>Second-moment decay β₂ in [0, 1). Default 0.999.</summary>
    public double Beta2 { get; set; } = ScheduleFreeAdamWDefaults.Beta2;

    /// <summary>Denominator constant ε; must be finite and positive. Default 1e-8.</summary>
    public double Epsilon { get; set; } = ScheduleFreeAdamWDefaults.Epsilon;

    /// <summary>
    /// The power r ≥ 0 of the largest learning rate so far that weighs each step in the average x
    /// (Optax's <c>weight_lr_power</c>). Default 2. Applies to every set.
    /// </summary>
    public double WeightLrPower { get; set; } = ScheduleFreeAdamWDefaults.WeightLrPower;

    /// <summary>
    /// A linear warm-up from 0 over this many steps, as Optax's <c>warmup_constant_schedule</c>: step t moves z at
    /// lr·min(t − 1, W)/W and weighs the average with lr·min(t, W)/W. Default 0: none. Applies to every set.
    /// </summary>
    public int WarmupSteps { get; set; } = ScheduleFreeAdamWDefaults.WarmupSteps;
}
