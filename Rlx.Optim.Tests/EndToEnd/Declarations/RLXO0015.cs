using System;
using Rlx.Optim;

namespace EndToEnd;

[AdamOptimizer(/*RLXO0015*/ParallelThreshold = 0)]
public partial class BadThreshold
{
    [Parameter(4)] public partial void StepW(Span<float> weights, ReadOnlySpan<float> gradient);
}
