using System;
using Rlx.Optim;

namespace EndToEnd;

[AdamOptimizer]
public partial class StaticSet
{
    [Parameter(4)] public static partial void /*RLXO0009*/StepW(Span<float> weights, ReadOnlySpan<float> gradient);
}
