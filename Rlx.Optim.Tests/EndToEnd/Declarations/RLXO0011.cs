using System;
using Rlx.Optim;

namespace EndToEnd;

[AdamOptimizer]
public partial class TooLarge
{
    [/*RLXO0011*/Parameter(65536, 65536)] public partial void StepW(Span<float> weights, ReadOnlySpan<float> gradient);
}
