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

[AdagradOptimizer(WeightDecay = 1e-4)]
public partial class SpiralAdagrad
{
    [Parameter(Mlp.Inputs, Mlp.Hidden)] public partial void StepW1(Span<float> weights, ReadOnlySpan<float> gradient);
    [Parameter(Mlp.Hidden, WeightDecay = 0)] public partial void StepB1(Span<float> bias, ReadOnlySpan<float> gradient);
    [Parameter(Mlp.Hidden, Mlp.Classes)] public partial void StepW2(Span<float> weights, ReadOnlySpan<float> gradient);
    [Parameter(Mlp.Classes, WeightDecay = 0)] public partial void StepB2(Span<float> bias, ReadOnlySpan<float> gradient);
}

[RMSpropOptimizer(Momentum = 0.9, Centered = true, WeightDecay = 1e-4)]
public partial class SpiralRMSprop
{
    [Parameter(Mlp.Inputs, Mlp.Hidden)] public partial void StepW1(Span<float> weights, ReadOnlySpan<float> gradient);
    [Parameter(Mlp.Hidden, WeightDecay = 0)] public partial void StepB1(Span<float> bias, ReadOnlySpan<float> gradient);
    [Parameter(Mlp.Hidden, Mlp.Classes)] public partial void StepW2(Span<float> weights, ReadOnlySpan<float> gradient);
    [Parameter(Mlp.Classes, WeightDecay = 0)] public partial void StepB2(Span<float> bias, ReadOnlySpan<float> gradient);
}

/// <summary>
/// Adafactor (PyTorch's): the two weight matrices keep factored second moments (row_var and col_var), the biases a
/// variance.
/// </summary>
[AdafactorOptimizer(WeightDecay = 1e-4)]
public partial class SpiralAdafactor
{
    [Parameter(Mlp.Inputs, Mlp.Hidden)] public partial void StepW1(Span<float> weights, ReadOnlySpan<float> gradient);
    [Parameter(Mlp.Hidden, WeightDecay = 0)] public partial void StepB1(Span<float> bias, ReadOnlySpan<float> gradient);
    [Parameter(Mlp.Hidden, Mlp.Classes)] public partial void StepW2(Span<float> weights, ReadOnlySpan<float> gradient);
    [Parameter(Mlp.Classes, WeightDecay = 0)] public partial void StepB2(Span<float> bias, ReadOnlySpan<float> gradient);
}

/// <summary>
/// Schedule-Free AdamW: trains at y, evaluated at the average x (the test pass swaps to it, <see cref="IEvaluationSwap"/>).
/// </summary>
[ScheduleFreeAdamWOptimizer(WeightDecay = 1e-4)]
public partial class SpiralScheduleFree : IEvaluationSwap
{
    [Parameter(Mlp.Inputs, Mlp.Hidden)] public partial void StepW1(Span<float> weights, ReadOnlySpan<float> gradient);
    [Parameter(Mlp.Hidden, WeightDecay = 0)] public partial void StepB1(Span<float> bias, ReadOnlySpan<float> gradient);
    [Parameter(Mlp.Hidden, Mlp.Classes)] public partial void StepW2(Span<float> weights, ReadOnlySpan<float> gradient);
    [Parameter(Mlp.Classes, WeightDecay = 0)] public partial void StepB2(Span<float> bias, ReadOnlySpan<float> gradient);
}

// LAMB at Optax's defaults but a small weight decay, which Optax adds to the update before the trust ratio; the biases
// without it, as BERT's LAMB masks them.
[LambOptimizer(WeightDecay = 1e-4)]
public partial class SpiralLamb
{
    [Parameter(Mlp.Inputs, Mlp.Hidden)] public partial void StepW1(Span<float> weights, ReadOnlySpan<float> gradient);
    [Parameter(Mlp.Hidden, WeightDecay = 0)] public partial void StepB1(Span<float> bias, ReadOnlySpan<float> gradient);
    [Parameter(Mlp.Hidden, Mlp.Classes)] public partial void StepW2(Span<float> weights, ReadOnlySpan<float> gradient);
    [Parameter(Mlp.Classes, WeightDecay = 0)] public partial void StepB2(Span<float> bias, ReadOnlySpan<float> gradient);
}

/// <summary>An optimizer whose evaluation parameters differ from the ones it trains (Schedule-Free's x and y).</summary>
public interface IEvaluationSwap
{
    void SwapToEvaluation(ReadOnlySpan<NamedParameter> parameters);

    void SwapToTraining(ReadOnlySpan<NamedParameter> parameters);
}

// The same twelve with bfloat16 state (--state bf16): each attribute as above plus StatePrecision, nothing else.

/// <summary>The generated Adam with bfloat16 state (<c>--state bf16</c>).</summary>
[AdamOptimizer(LearningRate = 0.01, Beta1 = 0.9, Beta2 = 0.999, Epsilon = 1e-8, WeightDecay = 1e-4,
    StatePrecision = StatePrecision.BFloat16)]
public partial class SpiralOptimizerBFloat16
{
    [Parameter(Mlp.Inputs, Mlp.Hidden)] public partial void StepW1(Span<float> weights, ReadOnlySpan<float> gradient);
    [Parameter(Mlp.Hidden, WeightDecay = 0)] public partial void StepB1(Span<float> bias, ReadOnlySpan<float> gradient);
    [Parameter(Mlp.Hidden, Mlp.Classes)] public partial void StepW2(Span<float> weights, ReadOnlySpan<float> gradient);
    [Parameter(Mlp.Classes, WeightDecay = 0)] public partial void StepB2(Span<float> bias, ReadOnlySpan<float> gradient);
}

[AdamWOptimizer(WeightDecay = 1e-2, AmsGrad = true, StatePrecision = StatePrecision.BFloat16)]
public partial class SpiralAdamWBFloat16
{
    [Parameter(Mlp.Inputs, Mlp.Hidden)] public partial void StepW1(Span<float> weights, ReadOnlySpan<float> gradient);
    [Parameter(Mlp.Hidden, WeightDecay = 0)] public partial void StepB1(Span<float> bias, ReadOnlySpan<float> gradient);
    [Parameter(Mlp.Hidden, Mlp.Classes)] public partial void StepW2(Span<float> weights, ReadOnlySpan<float> gradient);
    [Parameter(Mlp.Classes, WeightDecay = 0)] public partial void StepB2(Span<float> bias, ReadOnlySpan<float> gradient);
}

[NAdamOptimizer(WeightDecay = 1e-2, DecoupledWeightDecay = true, StatePrecision = StatePrecision.BFloat16)]
public partial class SpiralNAdamBFloat16
{
    [Parameter(Mlp.Inputs, Mlp.Hidden)] public partial void StepW1(Span<float> weights, ReadOnlySpan<float> gradient);
    [Parameter(Mlp.Hidden, WeightDecay = 0)] public partial void StepB1(Span<float> bias, ReadOnlySpan<float> gradient);
    [Parameter(Mlp.Hidden, Mlp.Classes)] public partial void StepW2(Span<float> weights, ReadOnlySpan<float> gradient);
    [Parameter(Mlp.Classes, WeightDecay = 0)] public partial void StepB2(Span<float> bias, ReadOnlySpan<float> gradient);
}

[RAdamOptimizer(WeightDecay = 1e-4, StatePrecision = StatePrecision.BFloat16)]
public partial class SpiralRAdamBFloat16
{
    [Parameter(Mlp.Inputs, Mlp.Hidden)] public partial void StepW1(Span<float> weights, ReadOnlySpan<float> gradient);
    [Parameter(Mlp.Hidden, WeightDecay = 0)] public partial void StepB1(Span<float> bias, ReadOnlySpan<float> gradient);
    [Parameter(Mlp.Hidden, Mlp.Classes)] public partial void StepW2(Span<float> weights, ReadOnlySpan<float> gradient);
    [Parameter(Mlp.Classes, WeightDecay = 0)] public partial void StepB2(Span<float> bias, ReadOnlySpan<float> gradient);
}

[AdamaxOptimizer(WeightDecay = 1e-4, StatePrecision = StatePrecision.BFloat16)]
public partial class SpiralAdamaxBFloat16
{
    [Parameter(Mlp.Inputs, Mlp.Hidden)] public partial void StepW1(Span<float> weights, ReadOnlySpan<float> gradient);
    [Parameter(Mlp.Hidden, WeightDecay = 0)] public partial void StepB1(Span<float> bias, ReadOnlySpan<float> gradient);
    [Parameter(Mlp.Hidden, Mlp.Classes)] public partial void StepW2(Span<float> weights, ReadOnlySpan<float> gradient);
    [Parameter(Mlp.Classes, WeightDecay = 0)] public partial void StepB2(Span<float> bias, ReadOnlySpan<float> gradient);
}

[LionOptimizer(WeightDecay = 0.1, StatePrecision = StatePrecision.BFloat16)]
public partial class SpiralLionBFloat16
{
    [Parameter(Mlp.Inputs, Mlp.Hidden)] public partial void StepW1(Span<float> weights, ReadOnlySpan<float> gradient);
    [Parameter(Mlp.Hidden, WeightDecay = 0)] public partial void StepB1(Span<float> bias, ReadOnlySpan<float> gradient);
    [Parameter(Mlp.Hidden, Mlp.Classes)] public partial void StepW2(Span<float> weights, ReadOnlySpan<float> gradient);
    [Parameter(Mlp.Classes, WeightDecay = 0)] public partial void StepB2(Span<float> bias, ReadOnlySpan<float> gradient);
}

[SgdOptimizer(Momentum = 0.9, Nesterov = true, WeightDecay = 1e-4, StatePrecision = StatePrecision.BFloat16)]
public partial class SpiralSgdBFloat16
{
    [Parameter(Mlp.Inputs, Mlp.Hidden)] public partial void StepW1(Span<float> weights, ReadOnlySpan<float> gradient);
    [Parameter(Mlp.Hidden, WeightDecay = 0)] public partial void StepB1(Span<float> bias, ReadOnlySpan<float> gradient);
    [Parameter(Mlp.Hidden, Mlp.Classes)] public partial void StepW2(Span<float> weights, ReadOnlySpan<float> gradient);
    [Parameter(Mlp.Classes, WeightDecay = 0)] public partial void StepB2(Span<float> bias, ReadOnlySpan<float> gradient);
}

[AdagradOptimizer(WeightDecay = 1e-4, StatePrecision = StatePrecision.BFloat16)]
public partial class SpiralAdagradBFloat16
{
    [Parameter(Mlp.Inputs, Mlp.Hidden)] public partial void StepW1(Span<float> weights, ReadOnlySpan<float> gradient);
    [Parameter(Mlp.Hidden, WeightDecay = 0)] public partial void StepB1(Span<float> bias, ReadOnlySpan<float> gradient);
    [Parameter(Mlp.Hidden, Mlp.Classes)] public partial void StepW2(Span<float> weights, ReadOnlySpan<float> gradient);
    [Parameter(Mlp.Classes, WeightDecay = 0)] public partial void StepB2(Span<float> bias, ReadOnlySpan<float> gradient);
}

[RMSpropOptimizer(Momentum = 0.9, Centered = true, WeightDecay = 1e-4, StatePrecision = StatePrecision.BFloat16)]
public partial class SpiralRMSpropBFloat16
{
    [Parameter(Mlp.Inputs, Mlp.Hidden)] public partial void StepW1(Span<float> weights, ReadOnlySpan<float> gradient);
    [Parameter(Mlp.Hidden, WeightDecay = 0)] public partial void StepB1(Span<float> bias, ReadOnlySpan<float> gradient);
    [Parameter(Mlp.Hidden, Mlp.Classes)] public partial void StepW2(Span<float> weights, ReadOnlySpan<float> gradient);
    [Parameter(Mlp.Classes, WeightDecay = 0)] public partial void StepB2(Span<float> bias, ReadOnlySpan<float> gradient);
}

[LambOptimizer(WeightDecay = 1e-4, StatePrecision = StatePrecision.BFloat16)]
public partial class SpiralLambBFloat16
{
    [Parameter(Mlp.Inputs, Mlp.Hidden)] public partial void StepW1(Span<float> weights, ReadOnlySpan<float> gradient);
    [Parameter(Mlp.Hidden, WeightDecay = 0)] public partial void StepB1(Span<float> bias, ReadOnlySpan<float> gradient);
    [Parameter(Mlp.Hidden, Mlp.Classes)] public partial void StepW2(Span<float> weights, ReadOnlySpan<float> gradient);
    [Parameter(Mlp.Classes, WeightDecay = 0)] public partial void StepB2(Span<float> bias, ReadOnlySpan<float> gradient);
}

[AdafactorOptimizer(WeightDecay = 1e-4, StatePrecision = StatePrecision.BFloat16)]
public partial class SpiralAdafactorBFloat16
{
    [Parameter(Mlp.Inputs, Mlp.Hidden)] public partial void StepW1(Span<float> weights, ReadOnlySpan<float> gradient);
    [Parameter(Mlp.Hidden, WeightDecay = 0)] public partial void StepB1(Span<float> bias, ReadOnlySpan<float> gradient);
    [Parameter(Mlp.Hidden, Mlp.Classes)] public partial void StepW2(Span<float> weights, ReadOnlySpan<float> gradient);
    [Parameter(Mlp.Classes, WeightDecay = 0)] public partial void StepB2(Span<float> bias, ReadOnlySpan<float> gradient);
}

[ScheduleFreeAdamWOptimizer(WeightDecay = 1e-4, StatePrecision = StatePrecision.BFloat16)]
public partial class SpiralScheduleFreeBFloat16 : IEvaluationSwap
{
    [Parameter(Mlp.Inputs, Mlp.Hidden)] public partial void StepW1(Span<float> weights, ReadOnlySpan<float> gradient);
    [Parameter(Mlp.Hidden, WeightDecay = 0)] public partial void StepB1(Span<float> bias, ReadOnlySpan<float> gradient);
    [Parameter(Mlp.Hidden, Mlp.Classes)] public partial void StepW2(Span<float> weights, ReadOnlySpan<float> gradient);
    [Parameter(Mlp.Classes, WeightDecay = 0)] public partial void StepB2(Span<float> bias, ReadOnlySpan<float> gradient);
}

/// <summary>
/// The optimizers the sample can train with, by name, each with the peak of its learning-rate schedule and its float-state
/// and bfloat16-state declarations (the same schedule for both; null where the optimizer has no bfloat16 state).
/// </summary>
public static class SpiralOptimizers
{
    public static readonly (string Name, float PeakLearningRate, Func<ICheckpointable> Create, Func<ICheckpointable>? CreateBFloat16)[] All =
    [
        ("adam", 0.02f, () => new SpiralOptimizer(), () => new SpiralOptimizerBFloat16()),
        ("adamw", 0.02f, () => new SpiralAdamW(), () => new SpiralAdamWBFloat16()),
        ("nadam", 0.02f, () => new SpiralNAdam(), () => new SpiralNAdamBFloat16()),
        ("radam", 0.06f, () => new SpiralRAdam(), () => new SpiralRAdamBFloat16()),
        ("adamax", 0.06f, () => new SpiralAdamax(), () => new SpiralAdamaxBFloat16()),
        ("lion", 0.01f, () => new SpiralLion(), () => new SpiralLionBFloat16()),
        ("sgd", 0.4f, () => new SpiralSgd(), () => new SpiralSgdBFloat16()),
        ("adagrad", 0.5f, () => new SpiralAdagrad(), () => new SpiralAdagradBFloat16()),
        ("rmsprop", 0.01f, () => new SpiralRMSprop(), () => new SpiralRMSpropBFloat16()),
        ("adafactor", 0.1f, () => new SpiralAdafactor(), () => new SpiralAdafactorBFloat16()),
        ("lamb", 0.01f, () => new SpiralLamb(), () => new SpiralLambBFloat16()),
        ("schedulefree", 0.03f, () => new SpiralScheduleFree(), () => new SpiralScheduleFreeBFloat16()),
    ];
}
