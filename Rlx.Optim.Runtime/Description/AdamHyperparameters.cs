namespace Rlx.Optim;

/// <summary>
/// The Adam hyperparameters folded into one kernel, as declared (doubles, before any rounding the precision mode
/// applies). The learning rate is not among them: it is a run-time setting.
/// </summary>
/// <param name="Beta1">First-moment decay β₁.</param>
/// <param name="Beta2">Second-moment decay β₂.</param>
/// <param name="Epsilon">Denominator constant ε.</param>
/// <param name="WeightDecay">L2 weight decay λ.</param>
public readonly record struct AdamHyperparameters(double Beta1, double Beta2, double Epsilon, double WeightDecay);
