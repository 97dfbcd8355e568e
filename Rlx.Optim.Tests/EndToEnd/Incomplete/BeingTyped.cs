using System;
using Rlx.Optim;

namespace EndToEnd.Incomplete;

// Headers as they stand while being typed. The compiler's errors on these lines are the build's only errors: the
// generator repeats no incomplete header in a generated file, and reports nothing of its own about them. (A syntax
// error, such as a parameter without a name, would stop the compiler before it binds anything, hiding these; the
// in-memory EditStateTests cover those states.)
[AdamOptimizer]
public partial class BeingTyped
{
    [Parameter(8)] public partial void StepMisspelt(Span<flot> weights, ReadOnlySpan<float> gradient);
    [Parameter(8)] public partial void StepUnbound(Span<> weights, ReadOnlySpan<float> gradient);
    [Parameter(8)] public partial void StepComplete(Span<float> weights, ReadOnlySpan<float> gradient);
}
