using System;
using Rlx.Optim;

namespace EndToEnd;

[AdamOptimizer(/*RLXO0002*/Beta1 = 1.5)]
public partial class BadBeta1
{
    [Parameter(4)] public partial void StepW(Span<float> weights, ReadOnlySpan<float> gradient);
}
