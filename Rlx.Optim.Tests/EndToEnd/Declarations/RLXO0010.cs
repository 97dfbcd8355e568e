using System;
using Rlx.Optim;

namespace EndToEnd;

[AdamOptimizer]
public partial class ZeroDimension
{
    [Parameter(4, /*RLXO0010*/0)] public partial void StepW(Span<float> weights, ReadOnlySpan<float> gradient);
}
