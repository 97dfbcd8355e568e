using System;

namespace Rlx.Optim;

/// <summary>
/// Generates an Adam optimizer (Kingma &amp; Ba, 2014) in the annotated <c>partial</c> class: one specialized
/// kernel per <see cref="ParameterAttribute"/> method, the moments it needs, and the <see cref="IOptimizer"/> calls.
/// </summary>
/// <remarks>
/// Every value here is folded into the generated code as a constant, except <see cref="LearningRate"/>, which is
/// the default of the generated class's run-time <c>LearningRate</c> property. Weight decay is L2, folded into the
/// gradient (classic Adam).
/// </remarks>
[AttributeUsage(AttributeTargets.Class, Inherited = false, AllowMultiple = false)]
public sealed class AdamOptimizerAttribute : Attribute
{
    /// <summary>Initial learning rate; must be finite and positive. Default 1e-3.</summary>
    public double LearningRate { get; set; } = AdamDefaults.LearningRate;

    /// <summary>First-moment decay β₁ in [0, 1). Default 0.9.</summary>
    public double Beta1 { get; set; } = AdamDefaults.Beta1;

    /// <summary>Second-moment decay β₂ in [0, 1). Default 0.999.</summary>
    public double Beta2 { get; set; } = AdamDefaults.Beta2;

    /// <summary>Denominator constant ε; must be finite and positive. Default 1e-8.</summary>
    public double Epsilon { get; set; } = AdamDefaults.Epsilon;

    /// <summary>L2 weight decay λ ≥ 0, added to the gradient as λ·θ. Default 0 (the term is removed).</summary>
    public double WeightDecay { get; set; } = AdamDefaults.WeightDecay;

    /// <summary>The arithmetic of the kernels. Default <see cref="OptimizerPrecision.Single"/>.</summary>
    public OptimizerPrecision Precision { get; set; } = OptimizerPrecision.Single;

    /// <summary>
    /// Parameter sets with at least this many elements are split across cores; smaller ones stay on the calling
    /// thread. Must be positive; <see cref="int.MaxValue"/> keeps every set on one thread. Default 65,536.
    /// </summary>
    public int ParallelThreshold { get; set; } = OptimizerDefaults.ParallelThreshold;
}
