using System;
using Rlx.Optim;

namespace EndToEnd;

[AdafactorOptimizer(/*RLXO0030*/Beta2Decay = 0.8)]
public partial class BadBeta2Decay
{
    [Parameter(4, 6)] public partial void StepW(Span<float> weights, ReadOnlySpan<float> gradient);
}
