using System;
using Rlx.Optim;

namespace Rlx.Optim.Tests.Adafactor;

/// <summary>
/// A batch of matrices split across cores (4 × 301 × 203, columns not a multiple of a stripe), a matrix and a vector
/// on the calling thread, and a scalar, all in one StepAll.
/// </summary>
[AdafactorOptimizer(LearningRate = 0.02, WeightDecay = 0.1, ParallelThreshold = 65_536)]
public partial class AdafactorPlan : IAdafactorPlan
{
    [Parameter(4, 301, 203)] public partial void StepA(Span<float> parameter, ReadOnlySpan<float> gradient);
    [Parameter(17, 9)] public partial void StepB(Span<float> parameter, ReadOnlySpan<float> gradient);
    [Parameter(1_000)] public partial void StepC(Span<float> parameter, ReadOnlySpan<float> gradient);
    [Parameter] public partial void StepD(Span<float> parameter, ReadOnlySpan<float> gradient);
}

/// <summary>The same in double arithmetic, clipping each StepAll to a global norm the gradients exceed.</summary>
[AdafactorOptimizer(LearningRate = 0.02, WeightDecay = 0.1, ParallelThreshold = 65_536, MaxGradientNorm = 1.0,
    Precision = OptimizerPrecision.Double)]
public partial class AdafactorClippedPlan : IAdafactorPlan
{
    [Parameter(4, 301, 203)] public partial void StepA(Span<float> parameter, ReadOnlySpan<float> gradient);
    [Parameter(17, 9)] public partial void StepB(Span<float> parameter, ReadOnlySpan<float> gradient);
    [Parameter(1_000)] public partial void StepC(Span<float> parameter, ReadOnlySpan<float> gradient);
    [Parameter] public partial void StepD(Span<float> parameter, ReadOnlySpan<float> gradient);
}

/// <summary>GPT-2's largest matrices' factored state, for StateBytes.</summary>
[AdafactorOptimizer]
public partial class AdafactorLayers
{
    [Parameter(768, 3072)] public partial void StepFc(Span<float> parameter, ReadOnlySpan<float> gradient);
    [Parameter(12, 64, 768)] public partial void StepHeads(Span<float> parameter, ReadOnlySpan<float> gradient);
    [Parameter(3072)] public partial void StepBias(Span<float> parameter, ReadOnlySpan<float> gradient);
}
