using System;

namespace Rlx.Optim;

/// <summary>
/// What every optimizer attribute declares: the run-time learning rate's default, weight decay, the direction, the
/// kernels' arithmetic and when a set is split across cores. Each derived attribute generates one algorithm in the
/// annotated <c>partial</c> class: one specialized kernel per <see cref="ParameterAttribute"/> method, the state it
/// needs, and the <see cref="IOptimizer"/> calls.
/// </summary>
/// <remarks>
/// Every value is folded into the generated code as a constant, except <see cref="LearningRate"/>, which is the
/// default of the generated class's run-time <c>LearningRate</c> property.
/// </remarks>
public abstract class OptimizerAttribute : Attribute
{
    /// <summary>Sets the family's defaults.</summary>
    private protected OptimizerAttribute(double learningRate, double weightDecay)
    {
        LearningRate = learningRate;
        WeightDecay = weightDecay;
    }

    /// <summary>Initial learning rate; must be finite and positive.</summary>
    public double LearningRate { get; set; }

    /// <summary>Weight decay λ ≥ 0 (L2 or decoupled, as each optimizer says); 0 removes the term.</summary>
    public double WeightDecay { get; set; }

    /// <summary>Ascends the objective instead of descending it (PyTorch's <c>maximize</c>): the gradient is negated first.</summary>
    public bool Maximize { get; set; }

    /// <summary>The arithmetic of the kernels. Default <see cref="OptimizerPrecision.Single"/>.</summary>
    public OptimizerPrecision Precision { get; set; } = OptimizerPrecision.Single;

    /// <summary>
    /// How the per-element state (moments) is stored. Default <see cref="Optim.StatePrecision.Single"/>;
    /// <see cref="Optim.StatePrecision.BFloat16"/> halves the state's bytes, rounding it stochastically.
    /// </summary>
    public StatePrecision StatePrecision { get; set; } = StatePrecision.Single;

    /// <summary>
    /// The default seed of the stochastic rounding of 16-bit state (the run-time <c>RoundingSeed</c> of the
    /// generated class, recorded in checkpoints). The same seed, declaration and data give the same bits on any
    /// number of cores.
    /// </summary>
    public ulong RoundingSeed { get; set; }

    /// <summary>
    /// Keeps a float copy of each 16-bit (<c>Span&lt;Half&gt;</c> or <c>Span&lt;BFloat16&gt;</c>) parameter in the state
    /// (<c>master_weight</c>): the update is exact float arithmetic on the copy, and the parameter is written from it
    /// rounded to nearest. Without it (the default), a 16-bit parameter is updated in place with stochastic rounding.
    /// No effect on float sets.
    /// </summary>
    public bool MasterWeights { get; set; }

    /// <summary>
    /// Parameter sets with at least this many elements are split across cores; smaller ones stay on the calling
    /// thread. Must be positive; <see cref="int.MaxValue"/> keeps every set on one thread. Default 65,536.
    /// </summary>
    public int ParallelThreshold { get; set; } = OptimizerDefaults.ParallelThreshold;

    /// <summary>
    /// Clips the gradients of each <c>StepAll</c> to this global L2 norm (PyTorch's <c>clip_grad_norm_</c> rule: g is
    /// scaled by min(1, max / (norm + 1e-6)) as the update reads it; the caller's gradients are never written). The
    /// default of the generated class's run-time <c>MaxGradientNorm</c>; 0, the default, does not clip. Must be
    /// finite and ≥ 0.
    /// </summary>
    public double MaxGradientNorm { get; set; }

    /// <summary>
    /// Skips a <c>StepAll</c> whose gradients hold a NaN or an infinity: nothing changes (parameters, state, step
    /// count), <c>StepAll</c> returns false and <c>SkippedSteps</c> counts it. The default of the generated class's
    /// run-time <c>SkipNonFiniteSteps</c>.
    /// </summary>
    public bool SkipNonFiniteSteps { get; set; }
}
