using System;
using Rlx.Optim;

namespace EndToEnd;

// Valid beside the invalid declarations: it keeps building and generating.
[AdamWOptimizer(LearningRate = 1e-3, WeightDecay = 0.01)]
public partial class ValidOptimizer
{
    [Parameter(8, 4)] public partial void StepW(Span<float> weights, ReadOnlySpan<float> gradient);
    [Parameter(4, WeightDecay = 0)] public partial void StepB(Span<float> bias, ReadOnlySpan<float> gradient);
}

public static class UsesValidOptimizer
{
    public static long StepOnce()
    {
        var optimizer = new ValidOptimizer();
        optimizer.StepAll(new float[ValidOptimizer.WLength], new float[ValidOptimizer.WLength], new float[ValidOptimizer.BLength], new float[ValidOptimizer.BLength]);
        return optimizer.StepCount;
    }
}
