using System;
using Rlx.Optim;

namespace EndToEnd;

[AdamOptimizer]
public partial class BadLearningRateScale
{
    [Parameter(4, /*RLXO0026*/LearningRateScale = -0.5)] public partial void StepW(Span<float> weights, ReadOnlySpan<float> gradient);
}
