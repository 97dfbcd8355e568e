using System;
using Rlx.Optim;

namespace EndToEnd;

[AdamOptimizer]
public partial class EmptyName
{
    [Parameter(4, /*RLXO0014*/Name = "")] public partial void StepW(Span<float> weights, ReadOnlySpan<float> gradient);
}
