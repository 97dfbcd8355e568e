namespace Rlx.Optim.Generators.Model;

/// <summary>
/// Every value folded into one kernel, as declared (doubles). A family uses the fields it has and leaves the others
/// at 0 or <see langword="false"/>. Immutable and structurally equatable.
/// </summary>
/// <param name="Beta1">β₁: first-moment decay (Lion: the interpolation of the update direction).</param>
/// <param name="Beta2">β₂: second-moment decay (Adamax: of the infinity norm; Lion: of the momentum).</param>
/// <param name="Epsilon">ε, the denominator constant.</param>
/// <param name="WeightDecay">λ, L2 or decoupled as <see cref="DecoupledWeightDecay"/> says.</param>
/// <param name="Momentum">SGD's and RMSprop's momentum μ.</param>
/// <param name="Dampening">SGD's dampening τ.</param>
/// <param name="MomentumDecay">NAdam's momentum decay ψ.</param>
/// <param name="AmsGrad">Adam and AdamW: the denominator uses the running maximum of v.</param>
/// <param name="Maximize">The gradient is negated first.</param>
/// <param name="Nesterov">SGD: Nesterov momentum.</param>
/// <param name="DecoupledWeightDecay">θ ← θ·(1 − lr·λ) before the step, instead of g ← g + λθ.</param>
internal sealed record KernelSpec(
    double Beta1,
    double Beta2,
    double Epsilon,
    double WeightDecay,
    double Momentum,
    double Dampening,
    double MomentumDecay,
    bool AmsGrad,
    bool Maximize,
    bool Nesterov,
    bool DecoupledWeightDecay)
{
    /// <summary>The set's <c>LearningRateScale</c>: <c>Prepare</c> multiplies the learning rate by it.</summary>
    public double LearningRateScale { get; init; } = 1.0;

    /// <summary>Adagrad's learning-rate decay η: step t uses lr / (1 + (t − 1)·η).</summary>
    public double LearningRateDecay { get; init; }

    /// <summary>Adagrad's initial accumulator value τ: what <c>sum</c> starts at (state, not arithmetic).</summary>
    public double InitialAccumulatorValue { get; init; }

    /// <summary>RMSprop's smoothing constant α.</summary>
    public double Alpha { get; init; }

    /// <summary>RMSprop: divide by √(v − ḡ²) + ε, keeping the gradient's average ḡ.</summary>
    public bool Centered { get; init; }

    /// <summary>Adafactor's exponent τ of the second moment's decay: 1 − β₂ₜ = t^τ (<see cref="Epsilon"/> is its ε₁).</summary>
    public double Beta2Decay { get; init; }

    /// <summary>Adafactor's ε₂, the floor of the parameters' RMS in the step size.</summary>
    public double Epsilon2 { get; init; }

    /// <summary>Adafactor's clipping threshold d of the update's RMS.</summary>
    public double ClippingThreshold { get; init; }
    /// <summary>LAMB's ε_root, added to v̂ under the square root (Optax's <c>eps_root</c>).</summary>
    public double EpsilonRoot { get; init; }

    /// <summary>Schedule-Free: the power of the largest learning rate so far that weighs each step in the average x.</summary>
    public double WeightLrPower { get; init; }

    /// <summary>Schedule-Free: the length of Optax's linear warm-up from 0, in steps (0: none).</summary>
    public double WarmupSteps { get; init; }

    /// <summary>Whether a weight-decay term is applied at all.</summary>
    public bool Decays => WeightDecay != 0;

    /// <summary>Whether λ·θ is added to the gradient.</summary>
    public bool DecaysGradient => Decays && !DecoupledWeightDecay;

    /// <summary>Whether θ is scaled by 1 − lr·λ before the step.</summary>
    public bool DecaysParameter => Decays && DecoupledWeightDecay;
}
