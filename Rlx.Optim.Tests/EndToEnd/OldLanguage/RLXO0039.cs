using System;
using Rlx.Optim;

namespace EndToEnd;

// Built with <LangVersion>12</LangVersion> (CommandLineBuild): each optimizer attribute reports RLXO0039, and nothing else
// does, the code that uses the optimizers included.
[/*RLXO0039*/AdamWOptimizer(StatePrecision = StatePrecision.BFloat16)]
public partial class PinnedToCSharp12
{
    [Parameter(8, 4)] public partial void StepW(Span<BFloat16> weights, ReadOnlySpan<float> gradient);
    [Parameter(4)] public partial void StepB(Span<float> bias, ReadOnlySpan<float> gradient);
}

[/*RLXO0039*/LionOptimizer]
public partial class NameKeyedInCSharp12
{
}

public static class UsesThem
{
    public static bool Train(BFloat16[] w, float[] gw, float[] b, float[] gb)
    {
        var optimizer = new PinnedToCSharp12 { MaxGradientNorm = 1f };
        var byName = new NameKeyedInCSharp12();
        byName.Step("b", b, gb);
        byName.EndIteration();
        return optimizer.StepAll(w, gw, b, gb) && optimizer.StepCount == 1;
    }
}
