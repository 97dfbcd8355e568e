using System;
using Rlx.Optim;

namespace EndToEnd;

[AdafactorOptimizer(/*RLXO0031*/Epsilon2 = -1e-3)]
public partial class BadAdafactorEpsilon
{
    [Parameter(4, 6)] public partial void StepW(Span<float> weights, ReadOnlySpan<float> gradient);
}
