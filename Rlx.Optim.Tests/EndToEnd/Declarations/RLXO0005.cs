using System;
using Rlx.Optim;

namespace EndToEnd;

[AdamOptimizer(/*RLXO0005*/LearningRate = -1e-3)]
public partial class BadLearningRate
{
    [Parameter(4)] public partial void StepW(Span<float> weights, ReadOnlySpan<float> gradient);
}
