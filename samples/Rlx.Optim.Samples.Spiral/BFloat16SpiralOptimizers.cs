using System;
using System.Collections.Generic;
using Rlx.Optim;

namespace Rlx.Optim.Samples.Spiral;

// bfloat16 parameters (--parameters bf16): Adam, AdamW and Lion with the attributes of SpiralOptimizer.cs, the four
// sets' parameters as Span<BFloat16> and their gradients float. Each is declared four times, with float or bfloat16
// state (--state) and without or with MasterWeights (--master-weights); nothing else changes. The generated StepAll
// implements the interface, so the sample calls one StepAll whichever is chosen.

/// <summary>What every bfloat16-parameter declaration below generates: <c>StepAll</c> over its four sets.</summary>
public interface IBFloat16SpiralOptimizer : ICheckpointable
{
    bool StepAll(
        Span<BFloat16> w1, ReadOnlySpan<float> w1Gradient, Span<BFloat16> b1, ReadOnlySpan<float> b1Gradient,
        Span<BFloat16> w2, ReadOnlySpan<float> w2Gradient, Span<BFloat16> b2, ReadOnlySpan<float> b2Gradient);
}

[AdamOptimizer(LearningRate = 0.01, Beta1 = 0.9, Beta2 = 0.999, Epsilon = 1e-8, WeightDecay = 1e-4)]
public partial class BFloat16Adam : IBFloat16SpiralOptimizer
{
    [Parameter(Mlp.Inputs, Mlp.Hidden)] public partial void StepW1(Span<BFloat16> weights, ReadOnlySpan<float> gradient);
    [Parameter(Mlp.Hidden, WeightDecay = 0)] public partial void StepB1(Span<BFloat16> bias, ReadOnlySpan<float> gradient);
    [Parameter(Mlp.Hidden, Mlp.Classes)] public partial void StepW2(Span<BFloat16> weights, ReadOnlySpan<float> gradient);
    [Parameter(Mlp.Classes, WeightDecay = 0)] public partial void StepB2(Span<BFloat16> bias, ReadOnlySpan<float> gradient);
}

[AdamOptimizer(LearningRate = 0.01, Beta1 = 0.9, Beta2 = 0.999, Epsilon = 1e-8, WeightDecay = 1e-4,
    StatePrecision = StatePrecision.BFloat16)]
public partial class BFloat16AdamBFloat16State : IBFloat16SpiralOptimizer
{
    [Parameter(Mlp.Inputs, Mlp.Hidden)] public partial void StepW1(Span<BFloat16> weights, ReadOnlySpan<float> gradient);
    [Parameter(Mlp.Hidden, WeightDecay = 0)] public partial void StepB1(Span<BFloat16> bias, ReadOnlySpan<float> gradient);
    [Parameter(Mlp.Hidden, Mlp.Classes)] public partial void StepW2(Span<BFloat16> weights, ReadOnlySpan<float> gradient);
    [Parameter(Mlp.Classes, WeightDecay = 0)] public partial void StepB2(Span<BFloat16> bias, ReadOnlySpan<float> gradient);
}

[AdamOptimizer(LearningRate = 0.01, Beta1 = 0.9, Beta2 = 0.999, Epsilon = 1e-8, WeightDecay = 1e-4,
    MasterWeights = true)]
public partial class BFloat16AdamMaster : IBFloat16SpiralOptimizer
{
    [Parameter(Mlp.Inputs, Mlp.Hidden)] public partial void StepW1(Span<BFloat16> weights, ReadOnlySpan<float> gradient);
    [Parameter(Mlp.Hidden, WeightDecay = 0)] public partial void StepB1(Span<BFloat16> bias, ReadOnlySpan<float> gradient);
    [Parameter(Mlp.Hidden, Mlp.Classes)] public partial void StepW2(Span<BFloat16> weights, ReadOnlySpan<float> gradient);
    [Parameter(Mlp.Classes, WeightDecay = 0)] public partial void StepB2(Span<BFloat16> bias, ReadOnlySpan<float> gradient);
}

[AdamOptimizer(LearningRate = 0.01, Beta1 = 0.9, Beta2 = 0.999, Epsilon = 1e-8, WeightDecay = 1e-4,
    MasterWeights = true, StatePrecision = StatePrecision.BFloat16)]
public partial class BFloat16AdamMasterBFloat16State : IBFloat16SpiralOptimizer
{
    [Parameter(Mlp.Inputs, Mlp.Hidden)] public partial void StepW1(Span<BFloat16> weights, ReadOnlySpan<float> gradient);
    [Parameter(Mlp.Hidden, WeightDecay = 0)] public partial void StepB1(Span<BFloat16> bias, ReadOnlySpan<float> gradient);
    [Parameter(Mlp.Hidden, Mlp.Classes)] public partial void StepW2(Span<BFloat16> weights, ReadOnlySpan<float> gradient);
    [Parameter(Mlp.Classes, WeightDecay = 0)] public partial void StepB2(Span<BFloat16> bias, ReadOnlySpan<float> gradient);
}

[AdamWOptimizer(WeightDecay = 1e-2, AmsGrad = true)]
public partial class BFloat16AdamW : IBFloat16SpiralOptimizer
{
    [Parameter(Mlp.Inputs, Mlp.Hidden)] public partial void StepW1(Span<BFloat16> weights, ReadOnlySpan<float> gradient);
    [Parameter(Mlp.Hidden, WeightDecay = 0)] public partial void StepB1(Span<BFloat16> bias, ReadOnlySpan<float> gradient);
    [Parameter(Mlp.Hidden, Mlp.Classes)] public partial void StepW2(Span<BFloat16> weights, ReadOnlySpan<float> gradient);
    [Parameter(Mlp.Classes, WeightDecay = 0)] public partial void StepB2(Span<BFloat16> bias, ReadOnlySpan<float> gradient);
}

[AdamWOptimizer(WeightDecay = 1e-2, AmsGrad = true, StatePrecision = StatePrecision.BFloat16)]
public partial class BFloat16AdamWBFloat16State : IBFloat16SpiralOptimizer
{
    [Parameter(Mlp.Inputs, Mlp.Hidden)] public partial void StepW1(Span<BFloat16> weights, ReadOnlySpan<float> gradient);
    [Parameter(Mlp.Hidden, WeightDecay = 0)] public partial void StepB1(Span<BFloat16> bias, ReadOnlySpan<float> gradient);
    [Parameter(Mlp.Hidden, Mlp.Classes)] public partial void StepW2(Span<BFloat16> weights, ReadOnlySpan<float> gradient);
    [Parameter(Mlp.Classes, WeightDecay = 0)] public partial void StepB2(Span<BFloat16> bias, ReadOnlySpan<float> gradient);
}

[AdamWOptimizer(WeightDecay = 1e-2, AmsGrad = true, MasterWeights = true)]
public partial class BFloat16AdamWMaster : IBFloat16SpiralOptimizer
{
    [Parameter(Mlp.Inputs, Mlp.Hidden)] public partial void StepW1(Span<BFloat16> weights, ReadOnlySpan<float> gradient);
    [Parameter(Mlp.Hidden, WeightDecay = 0)] public partial void StepB1(Span<BFloat16> bias, ReadOnlySpan<float> gradient);
    [Parameter(Mlp.Hidden, Mlp.Classes)] public partial void StepW2(Span<BFloat16> weights, ReadOnlySpan<float> gradient);
    [Parameter(Mlp.Classes, WeightDecay = 0)] public partial void StepB2(Span<BFloat16> bias, ReadOnlySpan<float> gradient);
}

[AdamWOptimizer(WeightDecay = 1e-2, AmsGrad = true, MasterWeights = true, StatePrecision = StatePrecision.BFloat16)]
public partial class BFloat16AdamWMasterBFloat16State : IBFloat16SpiralOptimizer
{
    [Parameter(Mlp.Inputs, Mlp.Hidden)] public partial void StepW1(Span<BFloat16> weights, ReadOnlySpan<float> gradient);
    [Parameter(Mlp.Hidden, WeightDecay = 0)] public partial void StepB1(Span<BFloat16> bias, ReadOnlySpan<float> gradient);
    [Parameter(Mlp.Hidden, Mlp.Classes)] public partial void StepW2(Span<BFloat16> weights, ReadOnlySpan<float> gradient);
    [Parameter(Mlp.Classes, WeightDecay = 0)] public partial void StepB2(Span<BFloat16> bias, ReadOnlySpan<float> gradient);
}

[LionOptimizer(WeightDecay = 0.1)]
public partial class BFloat16Lion : IBFloat16SpiralOptimizer
{
    [Parameter(Mlp.Inputs, Mlp.Hidden)] public partial void StepW1(Span<BFloat16> weights, ReadOnlySpan<float> gradient);
    [Parameter(Mlp.Hidden, WeightDecay = 0)] public partial void StepB1(Span<BFloat16> bias, ReadOnlySpan<float> gradient);
    [Parameter(Mlp.Hidden, Mlp.Classes)] public partial void StepW2(Span<BFloat16> weights, ReadOnlySpan<float> gradient);
    [Parameter(Mlp.Classes, WeightDecay = 0)] public partial void StepB2(Span<BFloat16> bias, ReadOnlySpan<float> gradient);
}

[LionOptimizer(WeightDecay = 0.1, StatePrecision = StatePrecision.BFloat16)]
public partial class BFloat16LionBFloat16State : IBFloat16SpiralOptimizer
{
    [Parameter(Mlp.Inputs, Mlp.Hidden)] public partial void StepW1(Span<BFloat16> weights, ReadOnlySpan<float> gradient);
    [Parameter(Mlp.Hidden, WeightDecay = 0)] public partial void StepB1(Span<BFloat16> bias, ReadOnlySpan<float> gradient);
    [Parameter(Mlp.Hidden, Mlp.Classes)] public partial void StepW2(Span<BFloat16> weights, ReadOnlySpan<float> gradient);
    [Parameter(Mlp.Classes, WeightDecay = 0)] public partial void StepB2(Span<BFloat16> bias, ReadOnlySpan<float> gradient);
}

[LionOptimizer(WeightDecay = 0.1, MasterWeights = true)]
public partial class BFloat16LionMaster : IBFloat16SpiralOptimizer
{
    [Parameter(Mlp.Inputs, Mlp.Hidden)] public partial void StepW1(Span<BFloat16> weights, ReadOnlySpan<float> gradient);
    [Parameter(Mlp.Hidden, WeightDecay = 0)] public partial void StepB1(Span<BFloat16> bias, ReadOnlySpan<float> gradient);
    [Parameter(Mlp.Hidden, Mlp.Classes)] public partial void StepW2(Span<BFloat16> weights, ReadOnlySpan<float> gradient);
    [Parameter(Mlp.Classes, WeightDecay = 0)] public partial void StepB2(Span<BFloat16> bias, ReadOnlySpan<float> gradient);
}

[LionOptimizer(WeightDecay = 0.1, MasterWeights = true, StatePrecision = StatePrecision.BFloat16)]
public partial class BFloat16LionMasterBFloat16State : IBFloat16SpiralOptimizer
{
    [Parameter(Mlp.Inputs, Mlp.Hidden)] public partial void StepW1(Span<BFloat16> weights, ReadOnlySpan<float> gradient);
    [Parameter(Mlp.Hidden, WeightDecay = 0)] public partial void StepB1(Span<BFloat16> bias, ReadOnlySpan<float> gradient);
    [Parameter(Mlp.Hidden, Mlp.Classes)] public partial void StepW2(Span<BFloat16> weights, ReadOnlySpan<float> gradient);
    [Parameter(Mlp.Classes, WeightDecay = 0)] public partial void StepB2(Span<BFloat16> bias, ReadOnlySpan<float> gradient);
}

/// <summary>
/// Adafactor with the attributes of SpiralOptimizer.cs: without a copy its passes read the bfloat16 parameters widened
/// and each update is rounded stochastically; with MasterWeights they run on the float copies.
/// </summary>
[AdafactorOptimizer(WeightDecay = 1e-4)]
public partial class BFloat16Adafactor : IBFloat16SpiralOptimizer
{
    [Parameter(Mlp.Inputs, Mlp.Hidden)] public partial void StepW1(Span<BFloat16> weights, ReadOnlySpan<float> gradient);
    [Parameter(Mlp.Hidden, WeightDecay = 0)] public partial void StepB1(Span<BFloat16> bias, ReadOnlySpan<float> gradient);
    [Parameter(Mlp.Hidden, Mlp.Classes)] public partial void StepW2(Span<BFloat16> weights, ReadOnlySpan<float> gradient);
    [Parameter(Mlp.Classes, WeightDecay = 0)] public partial void StepB2(Span<BFloat16> bias, ReadOnlySpan<float> gradient);
}

[AdafactorOptimizer(WeightDecay = 1e-4, StatePrecision = StatePrecision.BFloat16)]
public partial class BFloat16AdafactorBFloat16State : IBFloat16SpiralOptimizer
{
    [Parameter(Mlp.Inputs, Mlp.Hidden)] public partial void StepW1(Span<BFloat16> weights, ReadOnlySpan<float> gradient);
    [Parameter(Mlp.Hidden, WeightDecay = 0)] public partial void StepB1(Span<BFloat16> bias, ReadOnlySpan<float> gradient);
    [Parameter(Mlp.Hidden, Mlp.Classes)] public partial void StepW2(Span<BFloat16> weights, ReadOnlySpan<float> gradient);
    [Parameter(Mlp.Classes, WeightDecay = 0)] public partial void StepB2(Span<BFloat16> bias, ReadOnlySpan<float> gradient);
}

[AdafactorOptimizer(WeightDecay = 1e-4, MasterWeights = true, StatePrecision = StatePrecision.BFloat16)]
public partial class BFloat16AdafactorMasterBFloat16State : IBFloat16SpiralOptimizer
{
    [Parameter(Mlp.Inputs, Mlp.Hidden)] public partial void StepW1(Span<BFloat16> weights, ReadOnlySpan<float> gradient);
    [Parameter(Mlp.Hidden, WeightDecay = 0)] public partial void StepB1(Span<BFloat16> bias, ReadOnlySpan<float> gradient);
    [Parameter(Mlp.Hidden, Mlp.Classes)] public partial void StepW2(Span<BFloat16> weights, ReadOnlySpan<float> gradient);
    [Parameter(Mlp.Classes, WeightDecay = 0)] public partial void StepB2(Span<BFloat16> bias, ReadOnlySpan<float> gradient);
}

[AdafactorOptimizer(WeightDecay = 1e-4, MasterWeights = true)]
public partial class BFloat16AdafactorMaster : IBFloat16SpiralOptimizer
{
    [Parameter(Mlp.Inputs, Mlp.Hidden)] public partial void StepW1(Span<BFloat16> weights, ReadOnlySpan<float> gradient);
    [Parameter(Mlp.Hidden, WeightDecay = 0)] public partial void StepB1(Span<BFloat16> bias, ReadOnlySpan<float> gradient);
    [Parameter(Mlp.Hidden, Mlp.Classes)] public partial void StepW2(Span<BFloat16> weights, ReadOnlySpan<float> gradient);
    [Parameter(Mlp.Classes, WeightDecay = 0)] public partial void StepB2(Span<BFloat16> bias, ReadOnlySpan<float> gradient);
}

/// <summary>
/// The declarations above by optimizer name (the learning-rate schedule is <see cref="SpiralOptimizers.All"/>'s), state
/// precision and master weights.
/// </summary>
public static class BFloat16SpiralOptimizers
{
    public static readonly Dictionary<(string Name, string State, bool MasterWeights), Func<IBFloat16SpiralOptimizer>> All = new()
    {
        [("adam", "float", false)] = () => new BFloat16Adam(),
        [("adam", "bf16", false)] = () => new BFloat16AdamBFloat16State(),
        [("adam", "float", true)] = () => new BFloat16AdamMaster(),
        [("adam", "bf16", true)] = () => new BFloat16AdamMasterBFloat16State(),
        [("adamw", "float", false)] = () => new BFloat16AdamW(),
        [("adamw", "bf16", false)] = () => new BFloat16AdamWBFloat16State(),
        [("adamw", "float", true)] = () => new BFloat16AdamWMaster(),
        [("adamw", "bf16", true)] = () => new BFloat16AdamWMasterBFloat16State(),
        [("lion", "float", false)] = () => new BFloat16Lion(),
        [("lion", "bf16", false)] = () => new BFloat16LionBFloat16State(),
        [("lion", "float", true)] = () => new BFloat16LionMaster(),
        [("lion", "bf16", true)] = () => new BFloat16LionMasterBFloat16State(),
        [("adafactor", "float", false)] = () => new BFloat16Adafactor(),
        [("adafactor", "bf16", false)] = () => new BFloat16AdafactorBFloat16State(),
        [("adafactor", "float", true)] = () => new BFloat16AdafactorMaster(),
        [("adafactor", "bf16", true)] = () => new BFloat16AdafactorMasterBFloat16State(),
    };
}
