using System;
using Rlx.Optim;

namespace EndToEnd;

[AdagradOptimizer(/*RLXO0028*/InitialAccumulatorValue = -0.1)]
public partial class BadInitialAccumulator
{
    [Parameter(4)] public partial void StepW(Span<float> weights, ReadOnlySpan<float> gradient);
}
