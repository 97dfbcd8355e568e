using System;
using Rlx.Optim;

namespace EndToEnd;

[SgdOptimizer(/*RLXO0006*/WeightDecay = double.NaN)]
public partial class BadWeightDecay
{
    [Parameter(4)] public partial void StepW(Span<float> weights, ReadOnlySpan<float> gradient);
}
