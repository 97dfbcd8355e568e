using System;

namespace Rlx.Optim;

/// <summary>
/// Generates RMSprop (Hinton's lecture notes; centered as in Graves, 2013; PyTorch's <c>RMSprop</c>):
/// <c>v ← αv + (1 − α)g²</c> and <c>θ ← θ − lr·g / (√v + ε)</c>; <see cref="Centered"/> also keeps
/// <c>ḡ ← αḡ + (1 − α)g</c> and divides by <c>√(v − ḡ²) + ε</c>; with a <see cref="Momentum"/> μ,
/// <c>b ← μb + g / (√v + ε)</c> and <c>θ ← θ − lr·b</c>. Weight decay is L2. State: <c>square_avg</c>, then
/// <c>momentum_buffer</c> when μ is not 0 and <c>grad_avg</c> when centered.
/// </summary>
[AttributeUsage(AttributeTargets.Class, Inherited = false, AllowMultiple = false)]
public sealed class RMSpropOptimizerAttribute : OptimizerAttribute
{
    /// <summary>RMSprop with the defaults: lr 1e-2, α 0.99, ε 1e-8, no momentum, not centered, no weight decay.</summary>
    public RMSpropOptimizerAttribute()
        : base(RMSpropDefaults.LearningRate, RMSpropDefaults.WeightDecay)
    {
    }

    /// <summary>Smoothing constant α in [0, 1) of the squared gradient's average. Default 0.99.</summary>
    public double Alpha { get; set; } = RMSpropDefaults.Alpha;

    /// <summary>Constant ε added to the square root; must be finite and positive. Default 1e-8.</summary>
    public double Epsilon { get; set; } = RMSpropDefaults.Epsilon;

    /// <summary>Momentum μ in [0, 1). Default 0 (no momentum buffer). Applies to every set.</summary>
    public double Momentum { get; set; } = RMSpropDefaults.Momentum;

    /// <summary>
    /// Divides by an estimate of the gradient's standard deviation rather than its root mean square: keeps the
    /// gradient's average <c>grad_avg</c> and uses √(v − ḡ²). Default <see langword="false"/>.
    /// </summary>
    public bool Centered { get; set; }
}
