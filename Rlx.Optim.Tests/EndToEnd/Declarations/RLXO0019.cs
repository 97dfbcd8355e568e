using System;
using Rlx.Optim;

namespace EndToEnd;

[SgdOptimizer(Momentum = 0.9, Nesterov = true, /*RLXO0019*/Dampening = 0.1)]
public partial class NesterovWithDampening
{
    [Parameter(4)] public partial void StepW(Span<float> weights, ReadOnlySpan<float> gradient);
}
