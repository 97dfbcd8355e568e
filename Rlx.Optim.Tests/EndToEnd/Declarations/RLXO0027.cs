using System;
using Rlx.Optim;

namespace EndToEnd;

[AdagradOptimizer(/*RLXO0027*/LearningRateDecay = -0.01)]
public partial class BadLearningRateDecay
{
    [Parameter(4)] public partial void StepW(Span<float> weights, ReadOnlySpan<float> gradient);
}
