using System;
using Rlx.Optim;

namespace EndToEnd;

[AdamOptimizer]
file partial class /*RLXO0013*/FileLocal
{
    [Parameter(4)] public partial void StepW(Span<float> weights, ReadOnlySpan<float> gradient);
}
