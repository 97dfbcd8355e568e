using System;

namespace Rlx.Optim;

/// <summary>
/// Generates stochastic gradient descent (PyTorch's <c>SGD</c>): <c>g ← g + λθ</c>; with momentum,
/// <c>b ← μb + (1 − τ)g</c> (<c>b ← g</c> on the first iteration) and the step uses <c>b</c>, or <c>g + μb</c> with
/// <see cref="Nesterov"/>; <c>θ ← θ − lr·step</c>. State: <c>momentum_buffer</c> when <see cref="Momentum"/> is not 0,
/// none otherwise.
/// </summary>
[AttributeUsage(AttributeTargets.Class, Inherited = false, AllowMultiple = false)]
public sealed class SgdOptimizerAttribute : OptimizerAttribute
{
    /// <summary>Plain SGD with learning rate 1e-3.</summary>
    public SgdOptimizerAttribute()
        : base(SgdDefaults.LearningRate, SgdDefaults.WeightDecay)
    {
    }

    /// <summary>Momentum μ in [0, 1). Default 0 (plain SGD).</summary>
    public double Momentum { get; set; } = SgdDefaults.Momentum;

    /// <summary>Dampening τ in [0, 1] of the gradient's share in the momentum. Default 0.</summary>
    public double Dampening { get; set; } = SgdDefaults.Dampening;

    /// <summary>Nesterov momentum (Sutskever et al., 2013); needs a momentum and no dampening.</summary>
    public bool Nesterov { get; set; }
}
