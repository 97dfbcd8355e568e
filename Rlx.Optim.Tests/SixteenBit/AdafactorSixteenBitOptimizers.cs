using System;
using Rlx.Optim;

namespace Rlx.Optim.Tests.SixteenBit;

// Adafactor's 16-bit storage without master weights, bfloat16 state: a factored bfloat16 matrix with float gradients
// and an unfactored Half vector with Half gradients, each large enough to split across cores, and a float set.

[AdafactorOptimizer(LearningRate = 0.02, WeightDecay = 0.1, StatePrecision = StatePrecision.BFloat16, RoundingSeed = 53)]
public partial class RoundedAdafactor
{
    [Parameter(257, 300)] public partial void StepW(Span<BFloat16> weights, ReadOnlySpan<float> gradient);
    [Parameter(70_001)] public partial void StepV(Span<Half> vector, ReadOnlySpan<Half> gradient);
    [Parameter(41)] public partial void StepE(Span<float> embedding, ReadOnlySpan<float> gradient);
}
