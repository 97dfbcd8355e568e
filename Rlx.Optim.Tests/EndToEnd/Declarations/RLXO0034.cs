using System;
using Rlx.Optim;

namespace EndToEnd;

[LambOptimizer(/*RLXO0034*/EpsilonRoot = -1e-8)]
public partial class BadEpsilonRoot
{
    [Parameter(4)] public partial void StepW(Span<float> weights, ReadOnlySpan<float> gradient);
}
