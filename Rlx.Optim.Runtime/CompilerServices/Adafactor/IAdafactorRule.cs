using System.ComponentModel;

namespace Rlx.Optim.CompilerServices;

/// <summary>
/// What a generated Adafactor kernel folds into the runtime's passes (<see cref="AdafactorSet{TRule, TParameter, TParameterStorage, TGradient, TGradientStorage}"/>): its settings
/// as constants, so the JIT specializes the loops for each kernel.
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public interface IAdafactorRule
{
    /// <summary>ε₁: the variance estimate is clamped to at least ε₁², the row factor's mean to at least ε₁.</summary>
    static abstract double Epsilon1 { get; }

    /// <summary>ε₂: the parameters' RMS in the step size is at least this.</summary>
    static abstract double Epsilon2 { get; }

    /// <summary>d: the update is divided by max(1, RMS(U)/d).</summary>
    static abstract double ClippingThreshold { get; }

    /// <summary>Whether the gradient is negated (PyTorch's <c>maximize</c>).</summary>
    static abstract bool Maximize { get; }

    /// <summary>Whether θ is scaled by 1 − lr·λ (λ ≠ 0).</summary>
    static abstract bool Decays { get; }

    /// <summary>
    /// <see cref="OptimizerPrecision.Double"/>: every quantity in double, the state and θ rounded to float when
    /// stored; otherwise PyTorch's float32 arithmetic.
    /// </summary>
    static abstract bool Precise { get; }
}
