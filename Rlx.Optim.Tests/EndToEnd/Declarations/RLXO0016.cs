using System;
using Rlx.Optim;

namespace EndToEnd;

[AdamOptimizer(/*RLXO0016*/Precision = (OptimizerPrecision)7)]
public partial class BadPrecision
{
    [Parameter(4)] public partial void StepW(Span<float> weights, ReadOnlySpan<float> gradient);
}
