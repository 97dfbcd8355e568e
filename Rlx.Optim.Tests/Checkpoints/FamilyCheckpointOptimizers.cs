using System;
using Rlx.Optim;

// One optimizer of each family for the checkpoint tests, each with a declared set and one with its own weight decay
// where the family has a per-set value.
namespace Rlx.Optim.Tests.Checkpoints;

[AdamWOptimizer(LearningRate = 0.01, AmsGrad = true)]
public partial class CheckpointAdamWAmsGrad
{
    [Parameter(4, 5)] public partial void StepW(Span<float> weights, ReadOnlySpan<float> gradient);
    [Parameter(3, WeightDecay = 0)] public partial void StepB(Span<float> bias, ReadOnlySpan<float> gradient);
}

/// <summary>NAdam keeps the product of its momentum schedule, which a load must rebuild from the step.</summary>
[NAdamOptimizer(LearningRate = 0.01, WeightDecay = 0.01, DecoupledWeightDecay = true)]
public partial class CheckpointNAdam
{
    [Parameter(4, 5)] public partial void StepW(Span<float> weights, ReadOnlySpan<float> gradient);
    [Parameter(3, Beta1 = 0.8)] public partial void StepB(Span<float> bias, ReadOnlySpan<float> gradient);
}

[RAdamOptimizer(LearningRate = 0.01, WeightDecay = 0.01, Precision = OptimizerPrecision.Double)]
public partial class CheckpointRAdam
{
    [Parameter(4, 5)] public partial void StepW(Span<float> weights, ReadOnlySpan<float> gradient);
}

[AdamaxOptimizer(LearningRate = 0.01)]
public partial class CheckpointAdamax
{
    [Parameter(4, 5)] public partial void StepW(Span<float> weights, ReadOnlySpan<float> gradient);
}

[LionOptimizer(LearningRate = 0.001, WeightDecay = 0.1)]
public partial class CheckpointLion
{
    [Parameter(4, 5)] public partial void StepW(Span<float> weights, ReadOnlySpan<float> gradient);
    [Parameter(3, WeightDecay = 0)] public partial void StepB(Span<float> bias, ReadOnlySpan<float> gradient);
}

[SgdOptimizer(LearningRate = 0.01, Momentum = 0.9, Nesterov = true, WeightDecay = 0.001)]
public partial class CheckpointSgdNesterov
{
    [Parameter(4, 5)] public partial void StepW(Span<float> weights, ReadOnlySpan<float> gradient);
}

/// <summary>Plain SGD keeps no state: its checkpoint is metadata only.</summary>
[SgdOptimizer(LearningRate = 0.01)]
public partial class CheckpointSgdPlain
{
    [Parameter(4, 5)] public partial void StepW(Span<float> weights, ReadOnlySpan<float> gradient);
    [Parameter(3, WeightDecay = 0.5)] public partial void StepB(Span<float> bias, ReadOnlySpan<float> gradient);
}

/// <summary>Plain SGD without the declared bias: a checkpoint of <see cref="CheckpointSgdPlain"/> does not fit.</summary>
[SgdOptimizer(LearningRate = 0.01)]
public partial class CheckpointSgdPlainWithoutBias
{
    [Parameter(4, 5)] public partial void StepW(Span<float> weights, ReadOnlySpan<float> gradient);
}

/// <summary>Adam declared like <see cref="CheckpointAdamWAmsGrad"/>: the kind differs.</summary>
[AdamOptimizer(LearningRate = 0.01, AmsGrad = true)]
public partial class CheckpointAdamAmsGrad
{
    [Parameter(4, 5)] public partial void StepW(Span<float> weights, ReadOnlySpan<float> gradient);
    [Parameter(3, WeightDecay = 0)] public partial void StepB(Span<float> bias, ReadOnlySpan<float> gradient);
}

/// <summary>Adagrad's sum starts at its initial accumulator value: the checkpoint holds PyTorch's sum.</summary>
[AdagradOptimizer(LearningRate = 0.05, LearningRateDecay = 0.01, InitialAccumulatorValue = 0.1, WeightDecay = 0.01)]
public partial class CheckpointAdagrad
{
    [Parameter(4, 5)] public partial void StepW(Span<float> weights, ReadOnlySpan<float> gradient);
    [Parameter(3, Epsilon = 1e-6, WeightDecay = 0)] public partial void StepB(Span<float> bias, ReadOnlySpan<float> gradient);
}

/// <summary>The same Adagrad but for its initial accumulator value: its checkpoints do not fit.</summary>
[AdagradOptimizer(LearningRate = 0.05, LearningRateDecay = 0.01, InitialAccumulatorValue = 0.2, WeightDecay = 0.01)]
public partial class CheckpointAdagradOtherStart
{
    [Parameter(4, 5)] public partial void StepW(Span<float> weights, ReadOnlySpan<float> gradient);
    [Parameter(3, Epsilon = 1e-6, WeightDecay = 0)] public partial void StepB(Span<float> bias, ReadOnlySpan<float> gradient);
}

/// <summary>RMSprop with all three buffers, and a set with its own α.</summary>
[RMSpropOptimizer(LearningRate = 0.01, Momentum = 0.9, Centered = true, WeightDecay = 0.01)]
public partial class CheckpointRMSprop
{
    [Parameter(4, 5)] public partial void StepW(Span<float> weights, ReadOnlySpan<float> gradient);
    [Parameter(3, Alpha = 0.9)] public partial void StepB(Span<float> bias, ReadOnlySpan<float> gradient);
}

/// <summary>Adafactor: a factored set (row_var [4, 1], col_var [1, 5]) and a vector (variance), and one in double.</summary>
[AdafactorOptimizer(LearningRate = 0.05, WeightDecay = 0.01)]
public partial class CheckpointAdafactor
{
    [Parameter(4, 5)] public partial void StepW(Span<float> weights, ReadOnlySpan<float> gradient);
    [Parameter(3, WeightDecay = 0)] public partial void StepB(Span<float> bias, ReadOnlySpan<float> gradient);
}

/// <summary>LAMB with weight decay and ε_root, and a set with its own β₂ and no decay.</summary>
[LambOptimizer(LearningRate = 0.01, WeightDecay = 0.01, EpsilonRoot = 1e-12)]
public partial class CheckpointLamb
{
    [Parameter(4, 5)] public partial void StepW(Span<float> weights, ReadOnlySpan<float> gradient);
    [Parameter(3, Beta2 = 0.99, WeightDecay = 0)] public partial void StepB(Span<float> bias, ReadOnlySpan<float> gradient);
}

/// <summary>Schedule-Free with a warm-up, and a set with its own β₁ and rate (so a kernel of its own, with its own weights).</summary>
[ScheduleFreeAdamWOptimizer(LearningRate = 0.01, WarmupSteps = 3, WeightDecay = 0.01)]
public partial class CheckpointScheduleFree
{
    [Parameter(4, 5)] public partial void StepW(Span<float> weights, ReadOnlySpan<float> gradient);
    [Parameter(3, Beta1 = 0.8, LearningRateScale = 0.5)] public partial void StepB(Span<float> bias, ReadOnlySpan<float> gradient);
}
