using System;
using Rlx.Optim;

namespace EndToEnd;

[AdamOptimizer]
public partial class BadReturnType
{
    [Parameter(4)] public partial /*RLXO0007*/int StepW(Span<float> weights, ReadOnlySpan<float> gradient);
}
