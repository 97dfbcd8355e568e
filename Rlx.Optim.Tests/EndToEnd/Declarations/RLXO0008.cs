using System;
using Rlx.Optim;

namespace EndToEnd;

[AdamOptimizer]
public partial class BadParameters
{
    [Parameter(4)] public partial void StepW/*RLXO0008*/(Span<double> weights, ReadOnlySpan<float> gradient);
}
