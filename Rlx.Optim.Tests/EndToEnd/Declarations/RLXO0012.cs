using System;
using Rlx.Optim;

namespace EndToEnd;

[AdamOptimizer]
public partial class DuplicateName
{
    [Parameter(4)] public partial void StepW(Span<float> weights, ReadOnlySpan<float> gradient);
    [Parameter(4, /*RLXO0012*/Name = "w")] public partial void StepV(Span<float> weights, ReadOnlySpan<float> gradient);
}
