using System;
using Rlx.Optim;

namespace EndToEnd;

[AdamOptimizer]
public class /*RLXO0001*/NotPartialWithSets
{
    [Parameter(4)] public partial void StepW(Span<float> weights, ReadOnlySpan<float> gradient);
}
