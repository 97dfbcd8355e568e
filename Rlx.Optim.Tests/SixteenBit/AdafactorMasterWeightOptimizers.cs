using System;
using Rlx.Optim;

namespace Rlx.Optim.Tests.SixteenBit;

// Adafactor's 16-bit parameters, through master weights: a factored bfloat16 matrix (large enough to split across
// cores), an unfactored Half vector and a float set; the twin declares all three float.

[AdafactorOptimizer(LearningRate = 0.02, WeightDecay = 0.1, MasterWeights = true, ParallelThreshold = 65_536)]
public partial class MasterWeightAdafactor
{
    [Parameter(257, 300)] public partial void StepW(Span<BFloat16> weights, ReadOnlySpan<float> gradient);
    [Parameter(37)] public partial void StepB(Span<Half> bias, ReadOnlySpan<float> gradient);
    [Parameter(41)] public partial void StepE(Span<float> embedding, ReadOnlySpan<float> gradient);
}

[AdafactorOptimizer(LearningRate = 0.02, WeightDecay = 0.1, ParallelThreshold = 65_536)]
public partial class MasterWeightAdafactorTwin
{
    [Parameter(257, 300)] public partial void StepW(Span<float> weights, ReadOnlySpan<float> gradient);
    [Parameter(37)] public partial void StepB(Span<float> bias, ReadOnlySpan<float> gradient);
    [Parameter(41)] public partial void StepE(Span<float> embedding, ReadOnlySpan<float> gradient);
}

// The same through master weights with 16-bit gradients of each set's own type: the passes read them widened.
[AdafactorOptimizer(LearningRate = 0.02, WeightDecay = 0.1, MasterWeights = true, ParallelThreshold = 65_536)]
public partial class MasterWeightAdafactorSixteenBitGradients
{
    [Parameter(257, 300)] public partial void StepW(Span<BFloat16> weights, ReadOnlySpan<BFloat16> gradient);
    [Parameter(37)] public partial void StepB(Span<Half> bias, ReadOnlySpan<Half> gradient);
    [Parameter(41)] public partial void StepE(Span<float> embedding, ReadOnlySpan<float> gradient);
}
