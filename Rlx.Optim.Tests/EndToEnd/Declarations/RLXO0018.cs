using System;
using Rlx.Optim;

namespace EndToEnd;

[SgdOptimizer(/*RLXO0018*/Nesterov = true)]
public partial class NesterovWithoutMomentum
{
    [Parameter(4)] public partial void StepW(Span<float> weights, ReadOnlySpan<float> gradient);
}
