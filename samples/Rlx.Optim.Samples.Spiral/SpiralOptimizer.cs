using System;
using Rlx.Optim;

namespace Rlx.Optim.Samples.Spiral;

/// <summary>The generated Adam for the network's four tensors; biases are not decayed.</summary>
[AdamOptimizer(LearningRate = 0.01, Beta1 = 0.9, Beta2 = 0.999, Epsilon = 1e-8, WeightDecay = 1e-4)]
public partial class SpiralOptimizer
{
    [Parameter(Mlp.Inputs, Mlp.Hidden)] public partial void StepW1(Span<float> weights, ReadOnlySpan<float> gradient);
    [Parameter(Mlp.Hidden, WeightDecay = 0)] public partial void StepB1(Span<float> bias, ReadOnlySpan<float> gradient);
    [Parameter(Mlp.Hidden, Mlp.Classes)] public partial void StepW2(Span<float> weights, ReadOnlySpan<float> gradient);
    [Parameter(Mlp.Classes, WeightDecay = 0)] public partial void StepB2(Span<float> bias, ReadOnlySpan<float> gradient);
}
