using System;
using Rlx.Optim;

namespace EndToEnd;

public class NotPartialOuter
{
    [AdamOptimizer]
    public partial class /*RLXO0013*/Inner
    {
        [Parameter(4)] public partial void StepW(Span<float> weights, ReadOnlySpan<float> gradient);
    }
}
