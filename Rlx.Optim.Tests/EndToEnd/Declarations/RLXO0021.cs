using System;
using Rlx.Optim;

namespace EndToEnd;

[/*RLXO0021*/AdamOptimizer, SgdOptimizer]
public partial class TwoOptimizers
{
    [Parameter(4)] public partial void StepW(Span<float> weights, ReadOnlySpan<float> gradient);
}
