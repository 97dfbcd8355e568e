using System.ComponentModel;

namespace Rlx.Optim.CompilerServices;

/// <summary>One step's scalars of an Adafactor kernel, computed once per step by its generated <c>Prepare</c>.</summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public readonly struct AdafactorScalars
{
    /// <summary>Computes them from what <c>Prepare</c> folded.</summary>
    /// <param name="oneMinusBeta2">1 − β₂ₜ = t^τ: the weight of the new squared gradient's mean.</param>
    /// <param name="relativeStep">ρₜ = min(lr, 1/√t).</param>
    /// <param name="decayFactor">1 − lr·λ.</param>
    public AdafactorScalars(double oneMinusBeta2, double relativeStep, double decayFactor)
    {
        OneMinusBeta2 = oneMinusBeta2;
        RelativeStep = relativeStep;
        DecayFactor = decayFactor;
    }

    /// <summary>1 − β₂ₜ = t^τ.</summary>
    public double OneMinusBeta2 { get; }

    /// <summary>ρₜ = min(lr, 1/√t).</summary>
    public double RelativeStep { get; }

    /// <summary>1 − lr·λ.</summary>
    public double DecayFactor { get; }
}
