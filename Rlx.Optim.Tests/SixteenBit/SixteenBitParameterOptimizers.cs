using System;
using Rlx.Optim;

namespace Rlx.Optim.Tests.SixteenBit;

// 16-bit parameters (with 16-bit or float gradients), with float and with bfloat16 state. Each has a float twin with
// the same settings; the rounded optimizer's step must be the twin's float step from the widened values, rounded.

[AdamWOptimizer(LearningRate = 0.01, RoundingSeed = 9)]
public partial class SixteenBitParameterAdamW
{
    [Parameter(3, 33_335)] public partial void StepW(Span<BFloat16> weights, ReadOnlySpan<BFloat16> gradient);
    [Parameter(37)] public partial void StepB(Span<Half> bias, ReadOnlySpan<float> gradient);
    [Parameter(41)] public partial void StepE(Span<float> embedding, ReadOnlySpan<float> gradient);
}

[AdamWOptimizer(LearningRate = 0.01)]
public partial class SixteenBitParameterAdamWTwin
{
    [Parameter(3, 33_335)] public partial void StepW(Span<float> weights, ReadOnlySpan<float> gradient);
    [Parameter(37)] public partial void StepB(Span<float> bias, ReadOnlySpan<float> gradient);
    [Parameter(41)] public partial void StepE(Span<float> embedding, ReadOnlySpan<float> gradient);
}

[LionOptimizer(LearningRate = 0.001, StatePrecision = StatePrecision.BFloat16, RoundingSeed = 4)]
public partial class AllSixteenBitLion
{
    [Parameter(3, 33_335)] public partial void StepW(Span<BFloat16> weights, ReadOnlySpan<BFloat16> gradient);
    [Parameter(37)] public partial void StepB(Span<Half> bias, ReadOnlySpan<Half> gradient);
    [Parameter(41)] public partial void StepE(Span<float> embedding, ReadOnlySpan<float> gradient);
}

[LionOptimizer(LearningRate = 0.001)]
public partial class AllSixteenBitLionTwin
{
    [Parameter(3, 33_335)] public partial void StepW(Span<float> weights, ReadOnlySpan<float> gradient);
    [Parameter(37)] public partial void StepB(Span<float> bias, ReadOnlySpan<float> gradient);
    [Parameter(41)] public partial void StepE(Span<float> embedding, ReadOnlySpan<float> gradient);
}

[AdamWOptimizer(LearningRate = 0.01, MasterWeights = true, StatePrecision = StatePrecision.BFloat16, RoundingSeed = 21)]
public partial class MasterWeightAdamW
{
    [Parameter(3, 33_335)] public partial void StepW(Span<BFloat16> weights, ReadOnlySpan<BFloat16> gradient);
    [Parameter(37)] public partial void StepB(Span<Half> bias, ReadOnlySpan<float> gradient);
    [Parameter(41)] public partial void StepE(Span<float> embedding, ReadOnlySpan<float> gradient);
}

[AdamOptimizer(LearningRate = 0.01, WeightDecay = 0.01, Precision = OptimizerPrecision.Double, RoundingSeed = 13)]
public partial class SixteenBitParameterDoubleAdam
{
    [Parameter(3, 33_335)] public partial void StepW(Span<BFloat16> weights, ReadOnlySpan<BFloat16> gradient);
    [Parameter(37)] public partial void StepB(Span<Half> bias, ReadOnlySpan<float> gradient);
    [Parameter(41)] public partial void StepE(Span<float> embedding, ReadOnlySpan<float> gradient);
}

[AdamOptimizer(LearningRate = 0.01, WeightDecay = 0.01, Precision = OptimizerPrecision.Double)]
public partial class SixteenBitParameterDoubleAdamTwin
{
    [Parameter(3, 33_335)] public partial void StepW(Span<float> weights, ReadOnlySpan<float> gradient);
    [Parameter(37)] public partial void StepB(Span<float> bias, ReadOnlySpan<float> gradient);
    [Parameter(41)] public partial void StepE(Span<float> embedding, ReadOnlySpan<float> gradient);
}

[AdagradOptimizer(LearningRate = 0.01, InitialAccumulatorValue = 0.1, StatePrecision = StatePrecision.BFloat16, RoundingSeed = 23)]
public partial class AllSixteenBitAdagrad
{
    [Parameter(3, 33_335)] public partial void StepW(Span<BFloat16> weights, ReadOnlySpan<BFloat16> gradient);
    [Parameter(37)] public partial void StepB(Span<Half> bias, ReadOnlySpan<Half> gradient);
    [Parameter(41)] public partial void StepE(Span<float> embedding, ReadOnlySpan<float> gradient);
}

[AdagradOptimizer(LearningRate = 0.01, InitialAccumulatorValue = 0.1)]
public partial class AllSixteenBitAdagradTwin
{
    [Parameter(3, 33_335)] public partial void StepW(Span<float> weights, ReadOnlySpan<float> gradient);
    [Parameter(37)] public partial void StepB(Span<float> bias, ReadOnlySpan<float> gradient);
    [Parameter(41)] public partial void StepE(Span<float> embedding, ReadOnlySpan<float> gradient);
}

[RMSpropOptimizer(LearningRate = 0.01, Momentum = 0.9, Centered = true, WeightDecay = 0.01, RoundingSeed = 29)]
public partial class SixteenBitParameterRMSprop
{
    [Parameter(3, 33_335)] public partial void StepW(Span<BFloat16> weights, ReadOnlySpan<BFloat16> gradient);
    [Parameter(37)] public partial void StepB(Span<Half> bias, ReadOnlySpan<float> gradient);
    [Parameter(41)] public partial void StepE(Span<float> embedding, ReadOnlySpan<float> gradient);
}

[RMSpropOptimizer(LearningRate = 0.01, Momentum = 0.9, Centered = true, WeightDecay = 0.01)]
public partial class SixteenBitParameterRMSpropTwin
{
    [Parameter(3, 33_335)] public partial void StepW(Span<float> weights, ReadOnlySpan<float> gradient);
    [Parameter(37)] public partial void StepB(Span<float> bias, ReadOnlySpan<float> gradient);
    [Parameter(41)] public partial void StepE(Span<float> embedding, ReadOnlySpan<float> gradient);
}

// LAMB over every storage: its norms measured from the widened 16-bit θ and g and the bfloat16 state.
[LambOptimizer(LearningRate = 0.01, WeightDecay = 0.01, StatePrecision = StatePrecision.BFloat16, RoundingSeed = 31)]
public partial class AllSixteenBitLamb
{
    [Parameter(3, 33_335)] public partial void StepW(Span<BFloat16> weights, ReadOnlySpan<BFloat16> gradient);
    [Parameter(37)] public partial void StepB(Span<Half> bias, ReadOnlySpan<Half> gradient);
    [Parameter(41)] public partial void StepE(Span<float> embedding, ReadOnlySpan<float> gradient);
}

[LambOptimizer(LearningRate = 0.01, WeightDecay = 0.01)]
public partial class AllSixteenBitLambTwin
{
    [Parameter(3, 33_335)] public partial void StepW(Span<float> weights, ReadOnlySpan<float> gradient);
    [Parameter(37)] public partial void StepB(Span<float> bias, ReadOnlySpan<float> gradient);
    [Parameter(41)] public partial void StepE(Span<float> embedding, ReadOnlySpan<float> gradient);
}

// Schedule-Free reads θ in its update and starts z from it: z copies the 16-bit value as stored.
[ScheduleFreeAdamWOptimizer(LearningRate = 0.01, WeightDecay = 0.01, RoundingSeed = 37)]
public partial class SixteenBitParameterScheduleFree
{
    [Parameter(3, 33_335)] public partial void StepW(Span<BFloat16> weights, ReadOnlySpan<BFloat16> gradient);
    [Parameter(37)] public partial void StepB(Span<Half> bias, ReadOnlySpan<float> gradient);
    [Parameter(41)] public partial void StepE(Span<float> embedding, ReadOnlySpan<float> gradient);
}

[ScheduleFreeAdamWOptimizer(LearningRate = 0.01, WeightDecay = 0.01)]
public partial class SixteenBitParameterScheduleFreeTwin
{
    [Parameter(3, 33_335)] public partial void StepW(Span<float> weights, ReadOnlySpan<float> gradient);
    [Parameter(37)] public partial void StepB(Span<float> bias, ReadOnlySpan<float> gradient);
    [Parameter(41)] public partial void StepE(Span<float> embedding, ReadOnlySpan<float> gradient);
}

// Adafactor without master weights: its passes read the widened θ and g, θ is stored rounded stochastically; the
// matrix is factored (row_var, col_var), the vector and the float set keep variance.
[AdafactorOptimizer(LearningRate = 0.02, WeightDecay = 0.1, RoundingSeed = 41)]
public partial class SixteenBitParameterAdafactor
{
    [Parameter(3, 33_335)] public partial void StepW(Span<BFloat16> weights, ReadOnlySpan<BFloat16> gradient);
    [Parameter(37)] public partial void StepB(Span<Half> bias, ReadOnlySpan<float> gradient);
    [Parameter(41)] public partial void StepE(Span<float> embedding, ReadOnlySpan<float> gradient);
}

[AdafactorOptimizer(LearningRate = 0.02, WeightDecay = 0.1, StatePrecision = StatePrecision.BFloat16, RoundingSeed = 43)]
public partial class AllSixteenBitAdafactor
{
    [Parameter(3, 33_335)] public partial void StepW(Span<BFloat16> weights, ReadOnlySpan<BFloat16> gradient);
    [Parameter(37)] public partial void StepB(Span<Half> bias, ReadOnlySpan<Half> gradient);
    [Parameter(41)] public partial void StepE(Span<float> embedding, ReadOnlySpan<float> gradient);
}

[AdafactorOptimizer(LearningRate = 0.02, WeightDecay = 0.1)]
public partial class SixteenBitParameterAdafactorTwin
{
    [Parameter(3, 33_335)] public partial void StepW(Span<float> weights, ReadOnlySpan<float> gradient);
    [Parameter(37)] public partial void StepB(Span<float> bias, ReadOnlySpan<float> gradient);
    [Parameter(41)] public partial void StepE(Span<float> embedding, ReadOnlySpan<float> gradient);
}

[AdafactorOptimizer(LearningRate = 0.02, WeightDecay = 0.1, StatePrecision = StatePrecision.BFloat16, RoundingSeed = 47,
    Precision = OptimizerPrecision.Double)]
public partial class DoubleSixteenBitAdafactor
{
    [Parameter(3, 33_335)] public partial void StepW(Span<BFloat16> weights, ReadOnlySpan<BFloat16> gradient);
    [Parameter(37)] public partial void StepB(Span<Half> bias, ReadOnlySpan<float> gradient);
    [Parameter(41)] public partial void StepE(Span<float> embedding, ReadOnlySpan<float> gradient);
}

[AdafactorOptimizer(LearningRate = 0.02, WeightDecay = 0.1, Precision = OptimizerPrecision.Double)]
public partial class DoubleSixteenBitAdafactorTwin
{
    [Parameter(3, 33_335)] public partial void StepW(Span<float> weights, ReadOnlySpan<float> gradient);
    [Parameter(37)] public partial void StepB(Span<float> bias, ReadOnlySpan<float> gradient);
    [Parameter(41)] public partial void StepE(Span<float> embedding, ReadOnlySpan<float> gradient);
}

// Half parameters through master weights, a set large enough to be split across cores and into several rounding
// blocks per chunk, stepped by its own method; its twin is the float-state float declaration.
[AdamOptimizer(LearningRate = 0.01, MasterWeights = true, RoundingSeed = 29)]
public partial class MasterWeightHalfAdam
{
    [Parameter(100_003)] public partial void StepH(Span<Half> weights, ReadOnlySpan<Half> gradient);
    [Parameter(5)] public partial void StepS(Span<BFloat16> scale, ReadOnlySpan<float> gradient);
}

[AdamOptimizer(LearningRate = 0.01)]
public partial class MasterWeightHalfAdamTwin
{
    [Parameter(100_003)] public partial void StepH(Span<float> weights, ReadOnlySpan<float> gradient);
    [Parameter(5)] public partial void StepS(Span<float> scale, ReadOnlySpan<float> gradient);
}
