using System;
using Rlx.Optim;

// The optimizers the checkpoint tests save and load. Each variant differs from CheckpointSingleAdam in exactly one
// respect, so each refusal can be provoked on its own.
namespace Rlx.Optim.Tests.Checkpoints;

/// <summary>Two declared sets, one with its own weight decay, in float arithmetic.</summary>
[AdamOptimizer(LearningRate = 0.01, Beta1 = 0.875, Beta2 = 0.998046875, WeightDecay = 0.01)]
public partial class CheckpointSingleAdam
{
    [Parameter(4, 5)] public partial void StepW(Span<float> weights, ReadOnlySpan<float> gradient);
    [Parameter(3, WeightDecay = 0)] public partial void StepB(Span<float> bias, ReadOnlySpan<float> gradient);
}

/// <summary>The same declaration in the seed's double arithmetic.</summary>
[AdamOptimizer(LearningRate = 0.01, Beta1 = 0.875, Beta2 = 0.998046875, WeightDecay = 0.01, Precision = OptimizerPrecision.Double)]
public partial class CheckpointDoubleAdam
{
    [Parameter(4, 5)] public partial void StepW(Span<float> weights, ReadOnlySpan<float> gradient);
    [Parameter(3, WeightDecay = 0)] public partial void StepB(Span<float> bias, ReadOnlySpan<float> gradient);
}

/// <summary>A set above the parallel threshold, so a resumed run also splits across cores.</summary>
[AdamOptimizer(LearningRate = 0.01, Beta1 = 0.875, Beta2 = 0.998046875, WeightDecay = 0.01)]
public partial class CheckpointLargeAdam
{
    [Parameter(3, 33_333)] public partial void StepW(Span<float> weights, ReadOnlySpan<float> gradient);
}

/// <summary>No declared set: every set is created on first use.</summary>
[AdamOptimizer(LearningRate = 0.01, Beta1 = 0.875, Beta2 = 0.998046875, WeightDecay = 0.01)]
public partial class CheckpointNameKeyedAdam
{
}

/// <summary>Another first-moment decay.</summary>
[AdamOptimizer(LearningRate = 0.01, Beta1 = 0.9, Beta2 = 0.998046875, WeightDecay = 0.01)]
public partial class OtherBeta1Adam
{
    [Parameter(4, 5)] public partial void StepW(Span<float> weights, ReadOnlySpan<float> gradient);
    [Parameter(3, WeightDecay = 0)] public partial void StepB(Span<float> bias, ReadOnlySpan<float> gradient);
}

/// <summary>Another weight decay on one declared set only.</summary>
[AdamOptimizer(LearningRate = 0.01, Beta1 = 0.875, Beta2 = 0.998046875, WeightDecay = 0.01)]
public partial class OtherSetDecayAdam
{
    [Parameter(4, 5)] public partial void StepW(Span<float> weights, ReadOnlySpan<float> gradient);
    [Parameter(3, WeightDecay = 0.5)] public partial void StepB(Span<float> bias, ReadOnlySpan<float> gradient);
}

/// <summary>Another default learning rate: the checkpoint's is restored, so this one loads.</summary>
[AdamOptimizer(LearningRate = 0.5, Beta1 = 0.875, Beta2 = 0.998046875, WeightDecay = 0.01)]
public partial class OtherLearningRateAdam
{
    [Parameter(4, 5)] public partial void StepW(Span<float> weights, ReadOnlySpan<float> gradient);
    [Parameter(3, WeightDecay = 0)] public partial void StepB(Span<float> bias, ReadOnlySpan<float> gradient);
}

/// <summary>Set <c>w</c> transposed: the same length, another shape.</summary>
[AdamOptimizer(LearningRate = 0.01, Beta1 = 0.875, Beta2 = 0.998046875, WeightDecay = 0.01)]
public partial class OtherShapeAdam
{
    [Parameter(5, 4)] public partial void StepW(Span<float> weights, ReadOnlySpan<float> gradient);
    [Parameter(3, WeightDecay = 0)] public partial void StepB(Span<float> bias, ReadOnlySpan<float> gradient);
}

/// <summary>One more declared set than the checkpoint holds.</summary>
[AdamOptimizer(LearningRate = 0.01, Beta1 = 0.875, Beta2 = 0.998046875, WeightDecay = 0.01)]
public partial class ExtraSetAdam
{
    [Parameter(4, 5)] public partial void StepW(Span<float> weights, ReadOnlySpan<float> gradient);
    [Parameter(3, WeightDecay = 0)] public partial void StepB(Span<float> bias, ReadOnlySpan<float> gradient);
    [Parameter(2)] public partial void StepGain(Span<float> gain, ReadOnlySpan<float> gradient);
}

/// <summary>Set <c>b</c> is not declared: a checkpoint that declared it has a set too many.</summary>
[AdamOptimizer(LearningRate = 0.01, Beta1 = 0.875, Beta2 = 0.998046875, WeightDecay = 0.01)]
public partial class MissingSetAdam
{
    [Parameter(4, 5)] public partial void StepW(Span<float> weights, ReadOnlySpan<float> gradient);
}
