using System;
using Rlx.Optim;

namespace EndToEnd;

[SgdOptimizer(/*RLXO0022*/Momentum = 1.0)]
public partial class BadMomentum
{
    [Parameter(4)] public partial void StepW(Span<float> weights, ReadOnlySpan<float> gradient);
}
