using System;
using Rlx.Optim;

namespace EndToEnd;

[SgdOptimizer(Momentum = 0.9, /*RLXO0023*/Dampening = 1.5)]
public partial class BadDampening
{
    [Parameter(4)] public partial void StepW(Span<float> weights, ReadOnlySpan<float> gradient);
}
