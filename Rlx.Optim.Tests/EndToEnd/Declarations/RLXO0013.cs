using System;
using Rlx.Optim;

namespace EndToEnd;

[AdamOptimizer]
public partial class /*RLXO0013*/Generic<T>
{
    [Parameter(4)] public partial void StepW(Span<float> weights, ReadOnlySpan<float> gradient);
}
