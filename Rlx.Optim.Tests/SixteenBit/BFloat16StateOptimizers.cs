using System;
using Rlx.Optim;
using Rlx.Optim.Tests.Numerics;

namespace Rlx.Optim.Tests.SixteenBit;

// Each optimizer with bfloat16 state has a float-state twin with the same settings: the twin's step, from the same
// (widened) state, is the float arithmetic the bfloat16 optimizer must perform before it rounds.

[AdamOptimizer(LearningRate = 0.01, WeightDecay = 0.01, StatePrecision = StatePrecision.BFloat16, RoundingSeed = 42)]
public partial class BFloat16StateAdam
{
    [Parameter(3, 33_335)] public partial void StepW(Span<float> weights, ReadOnlySpan<float> gradient);
    [Parameter(37)] public partial void StepB(Span<float> bias, ReadOnlySpan<float> gradient);
}

[AdamOptimizer(LearningRate = 0.01, WeightDecay = 0.01)]
public partial class FloatStateAdam
{
    [Parameter(3, 33_335)] public partial void StepW(Span<float> weights, ReadOnlySpan<float> gradient);
    [Parameter(37)] public partial void StepB(Span<float> bias, ReadOnlySpan<float> gradient);
}

[AdamWOptimizer(LearningRate = 0.01, AmsGrad = true, StatePrecision = StatePrecision.BFloat16, RoundingSeed = 7)]
public partial class BFloat16StateAmsGrad
{
    [Parameter(3, 33_335)] public partial void StepW(Span<float> weights, ReadOnlySpan<float> gradient);
    [Parameter(37)] public partial void StepB(Span<float> bias, ReadOnlySpan<float> gradient);
}

[AdamWOptimizer(LearningRate = 0.01, AmsGrad = true)]
public partial class FloatStateAmsGrad
{
    [Parameter(3, 33_335)] public partial void StepW(Span<float> weights, ReadOnlySpan<float> gradient);
    [Parameter(37)] public partial void StepB(Span<float> bias, ReadOnlySpan<float> gradient);
}

[LionOptimizer(LearningRate = 0.001, StatePrecision = StatePrecision.BFloat16, RoundingSeed = 3)]
public partial class BFloat16StateLion
{
    [Parameter(3, 33_335)] public partial void StepW(Span<float> weights, ReadOnlySpan<float> gradient);
    [Parameter(37)] public partial void StepB(Span<float> bias, ReadOnlySpan<float> gradient);
}

[LionOptimizer(LearningRate = 0.001)]
public partial class FloatStateLion
{
    [Parameter(3, 33_335)] public partial void StepW(Span<float> weights, ReadOnlySpan<float> gradient);
    [Parameter(37)] public partial void StepB(Span<float> bias, ReadOnlySpan<float> gradient);
}

[SgdOptimizer(LearningRate = 0.01, Momentum = 0.9, Nesterov = true, StatePrecision = StatePrecision.BFloat16, RoundingSeed = 5)]
public partial class BFloat16StateSgd
{
    [Parameter(3, 33_335)] public partial void StepW(Span<float> weights, ReadOnlySpan<float> gradient);
    [Parameter(37)] public partial void StepB(Span<float> bias, ReadOnlySpan<float> gradient);
}

[SgdOptimizer(LearningRate = 0.01, Momentum = 0.9, Nesterov = true)]
public partial class FloatStateSgd
{
    [Parameter(3, 33_335)] public partial void StepW(Span<float> weights, ReadOnlySpan<float> gradient);
    [Parameter(37)] public partial void StepB(Span<float> bias, ReadOnlySpan<float> gradient);
}

[NAdamOptimizer(LearningRate = 0.01, Precision = OptimizerPrecision.Double, StatePrecision = StatePrecision.BFloat16, RoundingSeed = 11)]
public partial class BFloat16StateDoubleNAdam
{
    [Parameter(3, 33_335)] public partial void StepW(Span<float> weights, ReadOnlySpan<float> gradient);
    [Parameter(37)] public partial void StepB(Span<float> bias, ReadOnlySpan<float> gradient);
}

[NAdamOptimizer(LearningRate = 0.01, Precision = OptimizerPrecision.Double)]
public partial class FloatStateDoubleNAdam
{
    [Parameter(3, 33_335)] public partial void StepW(Span<float> weights, ReadOnlySpan<float> gradient);
    [Parameter(37)] public partial void StepB(Span<float> bias, ReadOnlySpan<float> gradient);
}

// Adagrad's sum starts at 0.5, a bfloat16 exactly: a set created by name starts at the same value in both twins.
[AdagradOptimizer(LearningRate = 0.01, LearningRateDecay = 0.01, InitialAccumulatorValue = 0.5,
    StatePrecision = StatePrecision.BFloat16, RoundingSeed = 17)]
public partial class BFloat16StateAdagrad
{
    [Parameter(3, 33_335)] public partial void StepW(Span<float> weights, ReadOnlySpan<float> gradient);
    [Parameter(37)] public partial void StepB(Span<float> bias, ReadOnlySpan<float> gradient);
}

[AdagradOptimizer(LearningRate = 0.01, LearningRateDecay = 0.01, InitialAccumulatorValue = 0.5)]
public partial class FloatStateAdagrad
{
    [Parameter(3, 33_335)] public partial void StepW(Span<float> weights, ReadOnlySpan<float> gradient);
    [Parameter(37)] public partial void StepB(Span<float> bias, ReadOnlySpan<float> gradient);
}

// RMSprop with three buffers: square_avg and momentum_buffer share one word's halves, grad_avg draws its own.
[RMSpropOptimizer(LearningRate = 0.01, Momentum = 0.9, Centered = true, StatePrecision = StatePrecision.BFloat16, RoundingSeed = 19)]
public partial class BFloat16StateRMSprop
{
    [Parameter(3, 33_335)] public partial void StepW(Span<float> weights, ReadOnlySpan<float> gradient);
    [Parameter(37)] public partial void StepB(Span<float> bias, ReadOnlySpan<float> gradient);
}

[RMSpropOptimizer(LearningRate = 0.01, Momentum = 0.9, Centered = true)]
public partial class FloatStateRMSprop
{
    [Parameter(3, 33_335)] public partial void StepW(Span<float> weights, ReadOnlySpan<float> gradient);
    [Parameter(37)] public partial void StepB(Span<float> bias, ReadOnlySpan<float> gradient);
}

// LAMB: its norms are measured from the stored (rounded) state, the update's u from the new moments before rounding.
[LambOptimizer(LearningRate = 0.01, WeightDecay = 0.01, StatePrecision = StatePrecision.BFloat16, RoundingSeed = 23)]
public partial class BFloat16StateLamb
{
    [Parameter(3, 33_335)] public partial void StepW(Span<float> weights, ReadOnlySpan<float> gradient);
    [Parameter(37)] public partial void StepB(Span<float> bias, ReadOnlySpan<float> gradient);
}

[LambOptimizer(LearningRate = 0.01, WeightDecay = 0.01)]
public partial class FloatStateLamb
{
    [Parameter(3, 33_335)] public partial void StepW(Span<float> weights, ReadOnlySpan<float> gradient);
    [Parameter(37)] public partial void StepB(Span<float> bias, ReadOnlySpan<float> gradient);
}

// The long run (BFloat16StateLongRunTests): Adam at PyTorch's defaults with lr 1e-3, as in the scalar study
// (Numerics/BFloat16StateTests), over that study's 128-parameter problem; the twins differ only in StatePrecision.

[AdamOptimizer(LearningRate = 1e-3, Beta1 = 0.9, Beta2 = 0.999, Epsilon = 1e-8,
    StatePrecision = StatePrecision.BFloat16, RoundingSeed = 0x5EED_B16)]
public partial class LongRunBFloat16StateAdam
{
    [Parameter(IllConditionedLeastSquares.Parameters)] public partial void StepTheta(Span<float> theta, ReadOnlySpan<float> gradient);
}

[AdamOptimizer(LearningRate = 1e-3, Beta1 = 0.9, Beta2 = 0.999, Epsilon = 1e-8)]
public partial class LongRunFloatStateAdam
{
    [Parameter(IllConditionedLeastSquares.Parameters)] public partial void StepTheta(Span<float> theta, ReadOnlySpan<float> gradient);
}

// Schedule-Free: z starts as NaN in both twins (a bfloat16 NaN widens to a float NaN) and copies the parameters.
[ScheduleFreeAdamWOptimizer(LearningRate = 0.01, WeightDecay = 0.01, StatePrecision = StatePrecision.BFloat16, RoundingSeed = 31)]
public partial class BFloat16StateScheduleFree
{
    [Parameter(3, 33_335)] public partial void StepW(Span<float> weights, ReadOnlySpan<float> gradient);
    [Parameter(37)] public partial void StepB(Span<float> bias, ReadOnlySpan<float> gradient);
}

[ScheduleFreeAdamWOptimizer(LearningRate = 0.01, WeightDecay = 0.01)]
public partial class FloatStateScheduleFree
{
    [Parameter(3, 33_335)] public partial void StepW(Span<float> weights, ReadOnlySpan<float> gradient);
    [Parameter(37)] public partial void StepB(Span<float> bias, ReadOnlySpan<float> gradient);
}
