using System;
using Rlx.Optim;

namespace Rlx.Optim.Samples.Spiral;

// The network's four tensors, declared once per optimizer family: only the attribute changes. Biases are not decayed.

/// <summary>The generated Adam (the default).</summary>
[AdamOptimizer(LearningRate = 0.01, Beta1 = 0.9, Beta2 = 0.999, Epsilon = 1e-8, WeightDecay = 1e-4)]
public partial class SpiralOptimizer
{
    [Parameter(Mlp.Inputs, Mlp.Hidden)] public partial void StepW1(Span<float> weights, ReadOnlySpan<float> gradient);
    [Parameter(Mlp.Hidden, WeightDecay = 0)] public partial void StepB1(Span<float> bias, ReadOnlySpan<float> gradient);
    [Parameter(Mlp.Hidden, Mlp.Classes)] public partial void StepW2(Span<float> weights, ReadOnlySpan<float> gradient);
    [Parameter(Mlp.Classes, WeightDecay = 0)] public partial void StepB2(Span<float> bias, ReadOnlySpan<float> gradient);
}

[AdamWOptimizer(WeightDecay = 1e-2, AmsGrad = true)]
public partial class SpiralAdamW
{
    [Parameter(Mlp.Inputs, Mlp.Hidden)] public partial void StepW1(Span<float> weights, ReadOnlySpan<float> gradient);
    [Parameter(Mlp.Hidden, WeightDecay = 0)] public partial void StepB1(Span<float> bias, ReadOnlySpan<float> gradient);
    [Parameter(Mlp.Hidden, Mlp.Classes)] public partial void StepW2(Span<float> weights, ReadOnlySpan<float> gradient);
    [Parameter(Mlp.Classes, WeightDecay = 0)] public partial void StepB2(Span<float> bias, ReadOnlySpan<float> gradient);
}

[NAdamOptimizer(WeightDecay = 1e-2, DecoupledWeightDecay = true)]
public partial class SpiralNAdam
{
    [Parameter(Mlp.Inputs, Mlp.Hidden)] public partial void StepW1(Span<float> weights, ReadOnlySpan<float> gradient);
    [Parameter(Mlp.Hidden, WeightDecay = 0)] public partial void StepB1(Span<float> bias, ReadOnlySpan<float> gradient);
    [Parameter(Mlp.Hidden, Mlp.Classes)] public partial void StepW2(Span<float> weights, ReadOnlySpan<float> gradient);
    [Parameter(Mlp.Classes, WeightDecay = 0)] public partial void StepB2(Span<float> bias, ReadOnlySpan<float> gradient);
}

[RAdamOptimizer(WeightDecay = 1e-4)]
public partial class SpiralRAdam
{
    [Parameter(Mlp.Inputs, Mlp.Hidden)] public partial void StepW1(Span<float> weights, ReadOnlySpan<float> gradient);
    [Parameter(Mlp.Hidden, WeightDecay = 0)] public partial void StepB1(Span<float> bias, ReadOnlySpan<float> gradient);
    [Parameter(Mlp.Hidden, Mlp.Classes)] public partial void StepW2(Span<float> weights, ReadOnlySpan<float> gradient);
    [Parameter(Mlp.Classes, WeightDecay = 0)] public partial void StepB2(Span<float> bias, ReadOnlySpan<float> gradient);
}

[AdamaxOptimizer(WeightDecay = 1e-4)]
public partial class SpiralAdamax
{
    [Parameter(Mlp.Inputs, Mlp.Hidden)] public partial void StepW1(Span<float> weights, ReadOnlySpan<float> gradient);
    [Parameter(Mlp.Hidden, WeightDecay = 0)] public partial void StepB1(Span<float> bias, ReadOnlySpan<float> gradient);
    [Parameter(Mlp.Hidden, Mlp.Classes)] public partial void StepW2(Span<float> weights, ReadOnlySpan<float> gradient);
    [Parameter(Mlp.Classes, WeightDecay = 0)] public partial void StepB2(Span<float> bias, ReadOnlySpan<float> gradient);
}

[LionOptimizer(WeightDecay = 0.1)]
public partial class SpiralLion
{
    [Parameter(Mlp.Inputs, Mlp.Hidden)] public partial void StepW1(Span<float> weights, ReadOnlySpan<float> gradient);
    [Parameter(Mlp.Hidden, WeightDecay = 0)] public partial void StepB1(Span<float> bias, ReadOnlySpan<float> gradient);
    [Parameter(Mlp.Hidden, Mlp.Classes)] public partial void StepW2(Span<float> weights, ReadOnlySpan<float> gradient);
    [Parameter(Mlp.Classes, WeightDecay = 0)] public partial void StepB2(Span<float> bias, ReadOnlySpan<float> gradient);
}

[SgdOptimizer(Momentum = 0.9, Nesterov = true, WeightDecay = 1e-4)]
public partial class SpiralSgd
{
    [Parameter(Mlp.Inputs, Mlp.Hidden)] public partial void StepW1(Span<float> weights, ReadOnlySpan<float> gradient);
    [Parameter(Mlp.Hidden, WeightDecay = 0)] public partial void StepB1(Span<float> bias, ReadOnlySpan<float> gradient);
    [Parameter(Mlp.Hidden, Mlp.Classes)] public partial void StepW2(Span<float> weights, ReadOnlySpan<float> gradient);
    [Parameter(Mlp.Classes, WeightDecay = 0)] public partial void StepB2(Span<float> bias, ReadOnlySpan<float> gradient);
}

/// <summary>The optimizers the sample can train with, by name, each with the peak of its learning-rate schedule.</summary>
public static class SpiralOptimizers
{
    public static readonly (string Name, float PeakLearningRate, Func<ICheckpointable> Create)[] All =
    [
        ("adam", 0.02f, () => new SpiralOptimizer()),
        ("adamw", 0.02f, () => new SpiralAdamW()),
        ("nadam", 0.02f, () => new SpiralNAdam()),
        ("radam", 0.06f, () => new SpiralRAdam()),
        ("adamax", 0.06f, () => new SpiralAdamax()),
        ("lion", 0.01f, () => new SpiralLion()),
        ("sgd", 0.4f, () => new SpiralSgd()),
    ];
}
