using System;
using Rlx.Optim;

namespace EndToEnd;

[ScheduleFreeAdamWOptimizer(/*RLXO0037*/WeightLrPower = -1.0)]
public partial class BadWeightLrPower
{
    [Parameter(4)] public partial void StepW(Span<float> weights, ReadOnlySpan<float> gradient);
}
