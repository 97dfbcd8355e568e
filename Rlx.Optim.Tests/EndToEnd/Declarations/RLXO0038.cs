using System;
using Rlx.Optim;

namespace EndToEnd;

[ScheduleFreeAdamWOptimizer(/*RLXO0038*/WarmupSteps = -5)]
public partial class BadWarmupSteps
{
    [Parameter(4)] public partial void StepW(Span<float> weights, ReadOnlySpan<float> gradient);
}
