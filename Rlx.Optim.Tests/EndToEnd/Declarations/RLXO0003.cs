using System;
using Rlx.Optim;

namespace EndToEnd;

[AdamWOptimizer(/*RLXO0003*/Beta2 = 1.0)]
public partial class BadBeta2
{
    [Parameter(4)] public partial void StepW(Span<float> weights, ReadOnlySpan<float> gradient);
}
