using System;
using Rlx.Optim;

// The betas are exact floats (0.875, 1 − 2⁻⁹), so the seed's f32 hyperparameters and the declared doubles agree
// and the float kernels can be held to the golden tolerance against the seed's arithmetic.
namespace Rlx.Optim.Tests.Runtime;

/// <summary>Two small declared sets, for argument checks and the calling conventions.</summary>
[AdamOptimizer(LearningRate = 0.01, Beta1 = 0.875, Beta2 = 0.998046875, WeightDecay = 0.01)]
public partial class SmallAdam
{
    [Parameter(10)] public partial void StepW(Span<float> weights, ReadOnlySpan<float> gradient);
    [Parameter(3)] public partial void StepB(Span<float> bias, ReadOnlySpan<float> gradient);
}

/// <summary>No declared set: every name gets lazily allocated state (the seed's own model).</summary>
[AdamOptimizer(LearningRate = 0.01, Beta1 = 0.875, Beta2 = 0.998046875, WeightDecay = 0.01, Precision = OptimizerPrecision.Double)]
public partial class NameKeyedDoubleAdam
{
}

/// <inheritdoc cref="NameKeyedDoubleAdam"/>
[AdamOptimizer(LearningRate = 0.01, Beta1 = 0.875, Beta2 = 0.998046875, WeightDecay = 0.01)]
public partial class NameKeyedSingleAdam
{
}

/// <summary>One set above the parallel threshold, with a length no vector width divides.</summary>
[AdamOptimizer(LearningRate = 0.01, Beta1 = 0.875, Beta2 = 0.998046875, WeightDecay = 0.01, Precision = OptimizerPrecision.Double)]
public partial class LargeDoubleAdam
{
    [Parameter(3, 66_667)] public partial void StepW(Span<float> weights, ReadOnlySpan<float> gradient);
}

/// <inheritdoc cref="LargeDoubleAdam"/>
[AdamOptimizer(LearningRate = 0.01, Beta1 = 0.875, Beta2 = 0.998046875, WeightDecay = 0.01)]
public partial class LargeSingleAdam
{
    [Parameter(3, 66_667)] public partial void StepW(Span<float> weights, ReadOnlySpan<float> gradient);
}

/// <summary>One set long enough for its state to be moved within its page (<see cref="StatePlacement"/>).</summary>
[AdamOptimizer(LearningRate = 0.01, Beta1 = 0.875, Beta2 = 0.998046875, WeightDecay = 0.01)]
public partial class PlacedAdam
{
    [Parameter(4096)] public partial void StepW(Span<float> weights, ReadOnlySpan<float> gradient);
}

/// <summary>
/// PyTorch's betas (not exact floats, so the float path and the exact one differ below the normal range), over a set
/// of several groups of four vectors at either width, then whole single vectors, then a partial one.
/// </summary>
[AdamOptimizer(LearningRate = 0.001, Beta1 = 0.9, Beta2 = 0.999, WeightDecay = 0)]
public partial class ExactMomentsAdam
{
    [Parameter(8 * 64 + 2 * 16 + 5)] public partial void StepW(Span<float> weights, ReadOnlySpan<float> gradient);
}
