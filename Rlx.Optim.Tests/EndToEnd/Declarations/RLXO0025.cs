using System;
using Rlx.Optim;

namespace EndToEnd;

[AdamWOptimizer(/*RLXO0025*/MaxGradientNorm = -1.0)]
public partial class BadClippingNorm
{
    [Parameter(4)] public partial void StepW(Span<float> weights, ReadOnlySpan<float> gradient);
}
