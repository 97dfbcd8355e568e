using System;
using Rlx.Optim;

namespace EndToEnd;

[AdafactorOptimizer(/*RLXO0033*/StatePrecision = StatePrecision.BFloat16)]
public partial class BFloat16Adafactor
{
    [Parameter(4, 6)] public partial void StepW(Span<float> weights, ReadOnlySpan<float> gradient);
}
