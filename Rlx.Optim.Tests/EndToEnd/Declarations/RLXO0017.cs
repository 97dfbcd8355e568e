using System;
using Rlx.Optim;

namespace EndToEnd;

public partial class NoOptimizerAttribute
{
    [Parameter(4)] public partial void /*RLXO0017*/StepW(Span<float> weights, ReadOnlySpan<float> gradient);
}
