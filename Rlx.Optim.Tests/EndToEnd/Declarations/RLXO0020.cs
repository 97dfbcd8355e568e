using System;
using Rlx.Optim;

namespace EndToEnd;

[LionOptimizer]
public partial class NoPerSetEpsilon
{
    [Parameter(4, /*RLXO0020*/Epsilon = 1e-6)] public partial void StepW(Span<float> weights, ReadOnlySpan<float> gradient);
}
