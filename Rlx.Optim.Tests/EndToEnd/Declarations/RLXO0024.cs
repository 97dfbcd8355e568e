using System;
using Rlx.Optim;

namespace EndToEnd;

[NAdamOptimizer(/*RLXO0024*/MomentumDecay = -0.004)]
public partial class BadMomentumDecay
{
    [Parameter(4)] public partial void StepW(Span<float> weights, ReadOnlySpan<float> gradient);
}
