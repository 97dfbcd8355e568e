using System;
using Rlx.Optim;

namespace EndToEnd;

[RMSpropOptimizer]
public partial class BadAlpha
{
    [Parameter(4, /*RLXO0029*/Alpha = 1.0)] public partial void StepW(Span<float> weights, ReadOnlySpan<float> gradient);
}
