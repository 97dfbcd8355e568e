using System;
using Rlx.Optim;

namespace EndToEnd;

[AdafactorOptimizer(/*RLXO0032*/ClippingThreshold = 0.5)]
public partial class BadClippingThreshold
{
    [Parameter(4, 6)] public partial void StepW(Span<float> weights, ReadOnlySpan<float> gradient);
}
