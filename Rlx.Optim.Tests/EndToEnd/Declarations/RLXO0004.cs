using System;
using Rlx.Optim;

namespace EndToEnd;

[AdamOptimizer]
public partial class BadEpsilon
{
    [Parameter(4, /*RLXO0004*/Epsilon = 0)] public partial void StepW(Span<float> weights, ReadOnlySpan<float> gradient);
}
