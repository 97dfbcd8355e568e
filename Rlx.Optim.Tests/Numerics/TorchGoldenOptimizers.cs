// One optimizer per PyTorch golden case and precision, declared as a user would write PyTorch's constructor
// arguments: the torch tests find each class by name, Torch{Case}{Precision}.
using System;
using Rlx.Optim;

namespace Rlx.Optim.Tests.Numerics;

[AdamOptimizer(LearningRate = 0.001, Precision = OptimizerPrecision.Single)]
public partial class TorchAdamDefaultsSingle
{
    [Parameter(37, Name = "w")] public partial void StepW(Span<float> parameter, ReadOnlySpan<float> gradient);
    [Parameter(5, Name = "b")] public partial void StepB(Span<float> parameter, ReadOnlySpan<float> gradient);
}

[AdamOptimizer(LearningRate = 0.001, Precision = OptimizerPrecision.Double)]
public partial class TorchAdamDefaultsDouble
{
    [Parameter(37, Name = "w")] public partial void StepW(Span<float> parameter, ReadOnlySpan<float> gradient);
    [Parameter(5, Name = "b")] public partial void StepB(Span<float> parameter, ReadOnlySpan<float> gradient);
}

[AdamOptimizer(LearningRate = 0.01, Beta1 = 0.8, Beta2 = 0.99, Epsilon = 1e-06, WeightDecay = 0.05, Precision = OptimizerPrecision.Single)]
public partial class TorchAdamL2DecaySingle
{
    [Parameter(129, Name = "w")] public partial void StepW(Span<float> parameter, ReadOnlySpan<float> gradient);
}

[AdamOptimizer(LearningRate = 0.01, Beta1 = 0.8, Beta2 = 0.99, Epsilon = 1e-06, WeightDecay = 0.05, Precision = OptimizerPrecision.Double)]
public partial class TorchAdamL2DecayDouble
{
    [Parameter(129, Name = "w")] public partial void StepW(Span<float> parameter, ReadOnlySpan<float> gradient);
}

[AdamOptimizer(LearningRate = 0.01, Beta1 = 0.9, Beta2 = 0.9, AmsGrad = true, Precision = OptimizerPrecision.Single)]
public partial class TorchAdamAmsgradSingle
{
    [Parameter(65, Name = "w")] public partial void StepW(Span<float> parameter, ReadOnlySpan<float> gradient);
}

[AdamOptimizer(LearningRate = 0.01, Beta1 = 0.9, Beta2 = 0.9, AmsGrad = true, Precision = OptimizerPrecision.Double)]
public partial class TorchAdamAmsgradDouble
{
    [Parameter(65, Name = "w")] public partial void StepW(Span<float> parameter, ReadOnlySpan<float> gradient);
}

[AdamOptimizer(LearningRate = 0.001, Maximize = true, Precision = OptimizerPrecision.Single)]
public partial class TorchAdamMaximizeSingle
{
    [Parameter(17, Name = "w")] public partial void StepW(Span<float> parameter, ReadOnlySpan<float> gradient);
}

[AdamOptimizer(LearningRate = 0.001, Maximize = true, Precision = OptimizerPrecision.Double)]
public partial class TorchAdamMaximizeDouble
{
    [Parameter(17, Name = "w")] public partial void StepW(Span<float> parameter, ReadOnlySpan<float> gradient);
}

[AdamWOptimizer(LearningRate = 0.001, Precision = OptimizerPrecision.Single)]
public partial class TorchAdamwDefaultsSingle
{
    [Parameter(100, Name = "w")] public partial void StepW(Span<float> parameter, ReadOnlySpan<float> gradient);
    [Parameter(3, Name = "b")] public partial void StepB(Span<float> parameter, ReadOnlySpan<float> gradient);
}

[AdamWOptimizer(LearningRate = 0.001, Precision = OptimizerPrecision.Double)]
public partial class TorchAdamwDefaultsDouble
{
    [Parameter(100, Name = "w")] public partial void StepW(Span<float> parameter, ReadOnlySpan<float> gradient);
    [Parameter(3, Name = "b")] public partial void StepB(Span<float> parameter, ReadOnlySpan<float> gradient);
}

[AdamWOptimizer(LearningRate = 0.003, Beta1 = 0.9, Beta2 = 0.95, WeightDecay = 0.1, AmsGrad = true, Precision = OptimizerPrecision.Single)]
public partial class TorchAdamwAmsgradDecaySingle
{
    [Parameter(77, Name = "w")] public partial void StepW(Span<float> parameter, ReadOnlySpan<float> gradient);
}

[AdamWOptimizer(LearningRate = 0.003, Beta1 = 0.9, Beta2 = 0.95, WeightDecay = 0.1, AmsGrad = true, Precision = OptimizerPrecision.Double)]
public partial class TorchAdamwAmsgradDecayDouble
{
    [Parameter(77, Name = "w")] public partial void StepW(Span<float> parameter, ReadOnlySpan<float> gradient);
}

[NAdamOptimizer(LearningRate = 0.002, Precision = OptimizerPrecision.Single)]
public partial class TorchNadamDefaultsSingle
{
    [Parameter(50, Name = "w")] public partial void StepW(Span<float> parameter, ReadOnlySpan<float> gradient);
}

[NAdamOptimizer(LearningRate = 0.002, Precision = OptimizerPrecision.Double)]
public partial class TorchNadamDefaultsDouble
{
    [Parameter(50, Name = "w")] public partial void StepW(Span<float> parameter, ReadOnlySpan<float> gradient);
}

[NAdamOptimizer(LearningRate = 0.002, WeightDecay = 0.01, MomentumDecay = 0.004, Precision = OptimizerPrecision.Single)]
public partial class TorchNadamL2DecaySingle
{
    [Parameter(33, Name = "w")] public partial void StepW(Span<float> parameter, ReadOnlySpan<float> gradient);
}

[NAdamOptimizer(LearningRate = 0.002, WeightDecay = 0.01, MomentumDecay = 0.004, Precision = OptimizerPrecision.Double)]
public partial class TorchNadamL2DecayDouble
{
    [Parameter(33, Name = "w")] public partial void StepW(Span<float> parameter, ReadOnlySpan<float> gradient);
}

[RAdamOptimizer(LearningRate = 0.001, Precision = OptimizerPrecision.Single)]
public partial class TorchRadamDefaultsSingle
{
    [Parameter(60, Name = "w")] public partial void StepW(Span<float> parameter, ReadOnlySpan<float> gradient);
}

[RAdamOptimizer(LearningRate = 0.001, Precision = OptimizerPrecision.Double)]
public partial class TorchRadamDefaultsDouble
{
    [Parameter(60, Name = "w")] public partial void StepW(Span<float> parameter, ReadOnlySpan<float> gradient);
}

[RAdamOptimizer(LearningRate = 0.01, Beta1 = 0.9, Beta2 = 0.99, WeightDecay = 0.01, Precision = OptimizerPrecision.Single)]
public partial class TorchRadamL2DecaySingle
{
    [Parameter(41, Name = "w")] public partial void StepW(Span<float> parameter, ReadOnlySpan<float> gradient);
}

[RAdamOptimizer(LearningRate = 0.01, Beta1 = 0.9, Beta2 = 0.99, WeightDecay = 0.01, Precision = OptimizerPrecision.Double)]
public partial class TorchRadamL2DecayDouble
{
    [Parameter(41, Name = "w")] public partial void StepW(Span<float> parameter, ReadOnlySpan<float> gradient);
}

[AdamaxOptimizer(LearningRate = 0.002, Precision = OptimizerPrecision.Single)]
public partial class TorchAdamaxDefaultsSingle
{
    [Parameter(45, Name = "w")] public partial void StepW(Span<float> parameter, ReadOnlySpan<float> gradient);
}

[AdamaxOptimizer(LearningRate = 0.002, Precision = OptimizerPrecision.Double)]
public partial class TorchAdamaxDefaultsDouble
{
    [Parameter(45, Name = "w")] public partial void StepW(Span<float> parameter, ReadOnlySpan<float> gradient);
}

[AdamaxOptimizer(LearningRate = 0.01, WeightDecay = 0.01, Precision = OptimizerPrecision.Single)]
public partial class TorchAdamaxDecaySingle
{
    [Parameter(20, Name = "w")] public partial void StepW(Span<float> parameter, ReadOnlySpan<float> gradient);
}

[AdamaxOptimizer(LearningRate = 0.01, WeightDecay = 0.01, Precision = OptimizerPrecision.Double)]
public partial class TorchAdamaxDecayDouble
{
    [Parameter(20, Name = "w")] public partial void StepW(Span<float> parameter, ReadOnlySpan<float> gradient);
}

[SgdOptimizer(LearningRate = 0.1, Precision = OptimizerPrecision.Single)]
public partial class TorchSgdPlainSingle
{
    [Parameter(30, Name = "w")] public partial void StepW(Span<float> parameter, ReadOnlySpan<float> gradient);
}

[SgdOptimizer(LearningRate = 0.1, Precision = OptimizerPrecision.Double)]
public partial class TorchSgdPlainDouble
{
    [Parameter(30, Name = "w")] public partial void StepW(Span<float> parameter, ReadOnlySpan<float> gradient);
}

[SgdOptimizer(LearningRate = 0.05, Momentum = 0.9, Dampening = 0.1, WeightDecay = 0.001, Precision = OptimizerPrecision.Single)]
public partial class TorchSgdMomentumDampeningDecaySingle
{
    [Parameter(70, Name = "w")] public partial void StepW(Span<float> parameter, ReadOnlySpan<float> gradient);
}

[SgdOptimizer(LearningRate = 0.05, Momentum = 0.9, Dampening = 0.1, WeightDecay = 0.001, Precision = OptimizerPrecision.Double)]
public partial class TorchSgdMomentumDampeningDecayDouble
{
    [Parameter(70, Name = "w")] public partial void StepW(Span<float> parameter, ReadOnlySpan<float> gradient);
}

[SgdOptimizer(LearningRate = 0.05, Momentum = 0.9, Nesterov = true, Precision = OptimizerPrecision.Single)]
public partial class TorchSgdNesterovSingle
{
    [Parameter(70, Name = "w")] public partial void StepW(Span<float> parameter, ReadOnlySpan<float> gradient);
}

[SgdOptimizer(LearningRate = 0.05, Momentum = 0.9, Nesterov = true, Precision = OptimizerPrecision.Double)]
public partial class TorchSgdNesterovDouble
{
    [Parameter(70, Name = "w")] public partial void StepW(Span<float> parameter, ReadOnlySpan<float> gradient);
}

[SgdOptimizer(LearningRate = 0.05, Momentum = 0.5, Maximize = true, Precision = OptimizerPrecision.Single)]
public partial class TorchSgdMaximizeSingle
{
    [Parameter(9, Name = "w")] public partial void StepW(Span<float> parameter, ReadOnlySpan<float> gradient);
}

[SgdOptimizer(LearningRate = 0.05, Momentum = 0.5, Maximize = true, Precision = OptimizerPrecision.Double)]
public partial class TorchSgdMaximizeDouble
{
    [Parameter(9, Name = "w")] public partial void StepW(Span<float> parameter, ReadOnlySpan<float> gradient);
}

[LionOptimizer(LearningRate = 0.0001, Beta1 = 0.9, Beta2 = 0.99, WeightDecay = 0.0, Precision = OptimizerPrecision.Single)]
public partial class TorchLionDefaultsSingle
{
    [Parameter(64, Name = "w")] public partial void StepW(Span<float> parameter, ReadOnlySpan<float> gradient);
}

[LionOptimizer(LearningRate = 0.0001, Beta1 = 0.9, Beta2 = 0.99, WeightDecay = 0.0, Precision = OptimizerPrecision.Double)]
public partial class TorchLionDefaultsDouble
{
    [Parameter(64, Name = "w")] public partial void StepW(Span<float> parameter, ReadOnlySpan<float> gradient);
}

[LionOptimizer(LearningRate = 0.0003, Beta1 = 0.95, Beta2 = 0.98, WeightDecay = 0.1, Precision = OptimizerPrecision.Single)]
public partial class TorchLionDecaySingle
{
    [Parameter(31, Name = "w")] public partial void StepW(Span<float> parameter, ReadOnlySpan<float> gradient);
}

[LionOptimizer(LearningRate = 0.0003, Beta1 = 0.95, Beta2 = 0.98, WeightDecay = 0.1, Precision = OptimizerPrecision.Double)]
public partial class TorchLionDecayDouble
{
    [Parameter(31, Name = "w")] public partial void StepW(Span<float> parameter, ReadOnlySpan<float> gradient);
}

// torch-family2-v1.json: Adagrad and RMSprop.

[AdagradOptimizer(LearningRate = 0.01, Precision = OptimizerPrecision.Single)]
public partial class TorchAdagradDefaultsSingle
{
    [Parameter(37, Name = "w")] public partial void StepW(Span<float> parameter, ReadOnlySpan<float> gradient);
    [Parameter(5, Name = "b")] public partial void StepB(Span<float> parameter, ReadOnlySpan<float> gradient);
}

[AdagradOptimizer(LearningRate = 0.01, Precision = OptimizerPrecision.Double)]
public partial class TorchAdagradDefaultsDouble
{
    [Parameter(37, Name = "w")] public partial void StepW(Span<float> parameter, ReadOnlySpan<float> gradient);
    [Parameter(5, Name = "b")] public partial void StepB(Span<float> parameter, ReadOnlySpan<float> gradient);
}

[AdagradOptimizer(LearningRate = 0.05, LearningRateDecay = 0.01, WeightDecay = 0.01, InitialAccumulatorValue = 0.1, Epsilon = 1e-08, Precision = OptimizerPrecision.Single)]
public partial class TorchAdagradDecayAccumulatorSingle
{
    [Parameter(45, Name = "w")] public partial void StepW(Span<float> parameter, ReadOnlySpan<float> gradient);
}

[AdagradOptimizer(LearningRate = 0.05, LearningRateDecay = 0.01, WeightDecay = 0.01, InitialAccumulatorValue = 0.1, Epsilon = 1e-08, Precision = OptimizerPrecision.Double)]
public partial class TorchAdagradDecayAccumulatorDouble
{
    [Parameter(45, Name = "w")] public partial void StepW(Span<float> parameter, ReadOnlySpan<float> gradient);
}

[AdagradOptimizer(LearningRate = 0.01, Maximize = true, Precision = OptimizerPrecision.Single)]
public partial class TorchAdagradMaximizeSingle
{
    [Parameter(17, Name = "w")] public partial void StepW(Span<float> parameter, ReadOnlySpan<float> gradient);
}

[AdagradOptimizer(LearningRate = 0.01, Maximize = true, Precision = OptimizerPrecision.Double)]
public partial class TorchAdagradMaximizeDouble
{
    [Parameter(17, Name = "w")] public partial void StepW(Span<float> parameter, ReadOnlySpan<float> gradient);
}

[AdagradOptimizer(LearningRate = 0.01, Precision = OptimizerPrecision.Single)]
public partial class TorchAdagradOverflowSingle
{
    [Parameter(24, Name = "w")] public partial void StepW(Span<float> parameter, ReadOnlySpan<float> gradient);
}

[AdagradOptimizer(LearningRate = 0.01, Precision = OptimizerPrecision.Double)]
public partial class TorchAdagradOverflowDouble
{
    [Parameter(24, Name = "w")] public partial void StepW(Span<float> parameter, ReadOnlySpan<float> gradient);
}

[RMSpropOptimizer(LearningRate = 0.01, Precision = OptimizerPrecision.Single)]
public partial class TorchRmspropDefaultsSingle
{
    [Parameter(37, Name = "w")] public partial void StepW(Span<float> parameter, ReadOnlySpan<float> gradient);
    [Parameter(5, Name = "b")] public partial void StepB(Span<float> parameter, ReadOnlySpan<float> gradient);
}

[RMSpropOptimizer(LearningRate = 0.01, Precision = OptimizerPrecision.Double)]
public partial class TorchRmspropDefaultsDouble
{
    [Parameter(37, Name = "w")] public partial void StepW(Span<float> parameter, ReadOnlySpan<float> gradient);
    [Parameter(5, Name = "b")] public partial void StepB(Span<float> parameter, ReadOnlySpan<float> gradient);
}

[RMSpropOptimizer(LearningRate = 0.01, Alpha = 0.9, Centered = true, Precision = OptimizerPrecision.Single)]
public partial class TorchRmspropCenteredSingle
{
    [Parameter(50, Name = "w")] public partial void StepW(Span<float> parameter, ReadOnlySpan<float> gradient);
}

[RMSpropOptimizer(LearningRate = 0.01, Alpha = 0.9, Centered = true, Precision = OptimizerPrecision.Double)]
public partial class TorchRmspropCenteredDouble
{
    [Parameter(50, Name = "w")] public partial void StepW(Span<float> parameter, ReadOnlySpan<float> gradient);
}

[RMSpropOptimizer(LearningRate = 0.01, Momentum = 0.9, Precision = OptimizerPrecision.Single)]
public partial class TorchRmspropMomentumSingle
{
    [Parameter(40, Name = "w")] public partial void StepW(Span<float> parameter, ReadOnlySpan<float> gradient);
}

[RMSpropOptimizer(LearningRate = 0.01, Momentum = 0.9, Precision = OptimizerPrecision.Double)]
public partial class TorchRmspropMomentumDouble
{
    [Parameter(40, Name = "w")] public partial void StepW(Span<float> parameter, ReadOnlySpan<float> gradient);
}

[RMSpropOptimizer(LearningRate = 0.005, Alpha = 0.95, Epsilon = 1e-06, WeightDecay = 0.01, Momentum = 0.5, Centered = true, Precision = OptimizerPrecision.Single)]
public partial class TorchRmspropMomentumCenteredDecaySingle
{
    [Parameter(33, Name = "w")] public partial void StepW(Span<float> parameter, ReadOnlySpan<float> gradient);
}

[RMSpropOptimizer(LearningRate = 0.005, Alpha = 0.95, Epsilon = 1e-06, WeightDecay = 0.01, Momentum = 0.5, Centered = true, Precision = OptimizerPrecision.Double)]
public partial class TorchRmspropMomentumCenteredDecayDouble
{
    [Parameter(33, Name = "w")] public partial void StepW(Span<float> parameter, ReadOnlySpan<float> gradient);
}

[RMSpropOptimizer(LearningRate = 0.01, Maximize = true, Precision = OptimizerPrecision.Single)]
public partial class TorchRmspropMaximizeSingle
{
    [Parameter(17, Name = "w")] public partial void StepW(Span<float> parameter, ReadOnlySpan<float> gradient);
}

[RMSpropOptimizer(LearningRate = 0.01, Maximize = true, Precision = OptimizerPrecision.Double)]
public partial class TorchRmspropMaximizeDouble
{
    [Parameter(17, Name = "w")] public partial void StepW(Span<float> parameter, ReadOnlySpan<float> gradient);
}

// lamb-v1.json: LAMB, against a float32 reference of optax.lamb (make_lamb_goldens.py).

[LambOptimizer(LearningRate = 0.001, Precision = OptimizerPrecision.Single)]
public partial class TorchLambDefaultsSingle
{
    [Parameter(37, Name = "w")] public partial void StepW(Span<float> parameter, ReadOnlySpan<float> gradient);
    [Parameter(5, Name = "b")] public partial void StepB(Span<float> parameter, ReadOnlySpan<float> gradient);
}

// schedulefree-v1.json: Schedule-Free AdamW against the float32 reference with Optax's semantics.

[ScheduleFreeAdamWOptimizer(LearningRate = 0.0025, Precision = OptimizerPrecision.Single)]
public partial class TorchSchedulefreeDefaultsSingle
{
    [Parameter(37, Name = "w")] public partial void StepW(Span<float> parameter, ReadOnlySpan<float> gradient);
    [Parameter(5, Name = "b")] public partial void StepB(Span<float> parameter, ReadOnlySpan<float> gradient);
}

[LambOptimizer(LearningRate = 0.001, Precision = OptimizerPrecision.Double)]
public partial class TorchLambDefaultsDouble
{
    [Parameter(37, Name = "w")] public partial void StepW(Span<float> parameter, ReadOnlySpan<float> gradient);
    [Parameter(5, Name = "b")] public partial void StepB(Span<float> parameter, ReadOnlySpan<float> gradient);
}

[ScheduleFreeAdamWOptimizer(LearningRate = 0.0025, Precision = OptimizerPrecision.Double)]
public partial class TorchSchedulefreeDefaultsDouble
{
    [Parameter(37, Name = "w")] public partial void StepW(Span<float> parameter, ReadOnlySpan<float> gradient);
    [Parameter(5, Name = "b")] public partial void StepB(Span<float> parameter, ReadOnlySpan<float> gradient);
}

[LambOptimizer(LearningRate = 0.01, Beta1 = 0.8, Beta2 = 0.99, Epsilon = 1e-08, WeightDecay = 0.01, Precision = OptimizerPrecision.Single)]
public partial class TorchLambWeightDecaySingle
{
    [Parameter(45, Name = "w")] public partial void StepW(Span<float> parameter, ReadOnlySpan<float> gradient);
}

[ScheduleFreeAdamWOptimizer(LearningRate = 0.01, WeightDecay = 0.05, Epsilon = 1e-06, Precision = OptimizerPrecision.Single)]
public partial class TorchSchedulefreeDecaySingle
{
    [Parameter(45, Name = "w")] public partial void StepW(Span<float> parameter, ReadOnlySpan<float> gradient);
}

[LambOptimizer(LearningRate = 0.01, Beta1 = 0.8, Beta2 = 0.99, Epsilon = 1e-08, WeightDecay = 0.01, Precision = OptimizerPrecision.Double)]
public partial class TorchLambWeightDecayDouble
{
    [Parameter(45, Name = "w")] public partial void StepW(Span<float> parameter, ReadOnlySpan<float> gradient);
}

[ScheduleFreeAdamWOptimizer(LearningRate = 0.01, WeightDecay = 0.05, Epsilon = 1e-06, Precision = OptimizerPrecision.Double)]
public partial class TorchSchedulefreeDecayDouble
{
    [Parameter(45, Name = "w")] public partial void StepW(Span<float> parameter, ReadOnlySpan<float> gradient);
}

[LambOptimizer(LearningRate = 0.01, Precision = OptimizerPrecision.Single)]
public partial class TorchLambZeroParametersSingle
{
    [Parameter(33, Name = "w")] public partial void StepW(Span<float> parameter, ReadOnlySpan<float> gradient);
    [Parameter(3, Name = "b")] public partial void StepB(Span<float> parameter, ReadOnlySpan<float> gradient);
}

[LambOptimizer(LearningRate = 0.01, Precision = OptimizerPrecision.Double)]
public partial class TorchLambZeroParametersDouble
{
    [Parameter(33, Name = "w")] public partial void StepW(Span<float> parameter, ReadOnlySpan<float> gradient);
    [Parameter(3, Name = "b")] public partial void StepB(Span<float> parameter, ReadOnlySpan<float> gradient);
}

[LambOptimizer(LearningRate = 0.01, Precision = OptimizerPrecision.Single)]
public partial class TorchLambZeroGradientsSingle
{
    [Parameter(20, Name = "w")] public partial void StepW(Span<float> parameter, ReadOnlySpan<float> gradient);
}

[LambOptimizer(LearningRate = 0.01, Precision = OptimizerPrecision.Double)]
public partial class TorchLambZeroGradientsDouble
{
    [Parameter(20, Name = "w")] public partial void StepW(Span<float> parameter, ReadOnlySpan<float> gradient);
}

[LambOptimizer(LearningRate = 0.002, WeightDecay = 0.001, EpsilonRoot = 1e-10, Precision = OptimizerPrecision.Single)]
public partial class TorchLambSetsSingle
{
    [Parameter(4500, Name = "w")] public partial void StepW(Span<float> parameter, ReadOnlySpan<float> gradient);
    [Parameter(37, Name = "b")] public partial void StepB(Span<float> parameter, ReadOnlySpan<float> gradient);
    [Parameter(1, Name = "s")] public partial void StepS(Span<float> parameter, ReadOnlySpan<float> gradient);
}

[LambOptimizer(LearningRate = 0.002, WeightDecay = 0.001, EpsilonRoot = 1e-10, Precision = OptimizerPrecision.Double)]
public partial class TorchLambSetsDouble
{
    [Parameter(4500, Name = "w")] public partial void StepW(Span<float> parameter, ReadOnlySpan<float> gradient);
    [Parameter(37, Name = "b")] public partial void StepB(Span<float> parameter, ReadOnlySpan<float> gradient);
    [Parameter(1, Name = "s")] public partial void StepS(Span<float> parameter, ReadOnlySpan<float> gradient);
}

[ScheduleFreeAdamWOptimizer(LearningRate = 0.01, WarmupSteps = 5, Precision = OptimizerPrecision.Single)]
public partial class TorchSchedulefreeWarmupSingle
{
    [Parameter(40, Name = "w")] public partial void StepW(Span<float> parameter, ReadOnlySpan<float> gradient);
}

[ScheduleFreeAdamWOptimizer(LearningRate = 0.01, WarmupSteps = 5, Precision = OptimizerPrecision.Double)]
public partial class TorchSchedulefreeWarmupDouble
{
    [Parameter(40, Name = "w")] public partial void StepW(Span<float> parameter, ReadOnlySpan<float> gradient);
}

[ScheduleFreeAdamWOptimizer(LearningRate = 0.005, Beta1 = 0.5, Beta2 = 0.99, WeightLrPower = 1.0, Precision = OptimizerPrecision.Single)]
public partial class TorchSchedulefreeBeta1Single
{
    [Parameter(33, Name = "w")] public partial void StepW(Span<float> parameter, ReadOnlySpan<float> gradient);
}

[ScheduleFreeAdamWOptimizer(LearningRate = 0.005, Beta1 = 0.5, Beta2 = 0.99, WeightLrPower = 1.0, Precision = OptimizerPrecision.Double)]
public partial class TorchSchedulefreeBeta1Double
{
    [Parameter(33, Name = "w")] public partial void StepW(Span<float> parameter, ReadOnlySpan<float> gradient);
}

[ScheduleFreeAdamWOptimizer(LearningRate = 0.002, Beta1 = 0.98, WeightDecay = 0.01, Precision = OptimizerPrecision.Single)]
public partial class TorchSchedulefreeBeta1HighSingle
{
    [Parameter(33, Name = "w")] public partial void StepW(Span<float> parameter, ReadOnlySpan<float> gradient);
}

[ScheduleFreeAdamWOptimizer(LearningRate = 0.002, Beta1 = 0.98, WeightDecay = 0.01, Precision = OptimizerPrecision.Double)]
public partial class TorchSchedulefreeBeta1HighDouble
{
    [Parameter(33, Name = "w")] public partial void StepW(Span<float> parameter, ReadOnlySpan<float> gradient);
}

[ScheduleFreeAdamWOptimizer(LearningRate = 0.001, Precision = OptimizerPrecision.Single)]
public partial class TorchSchedulefreeRatesSingle
{
    [Parameter(29, Name = "w")] public partial void StepW(Span<float> parameter, ReadOnlySpan<float> gradient);
    [Parameter(3, Name = "b")] public partial void StepB(Span<float> parameter, ReadOnlySpan<float> gradient);
}

[ScheduleFreeAdamWOptimizer(LearningRate = 0.001, Precision = OptimizerPrecision.Double)]
public partial class TorchSchedulefreeRatesDouble
{
    [Parameter(29, Name = "w")] public partial void StepW(Span<float> parameter, ReadOnlySpan<float> gradient);
    [Parameter(3, Name = "b")] public partial void StepB(Span<float> parameter, ReadOnlySpan<float> gradient);
}

[ScheduleFreeAdamWOptimizer(LearningRate = 0.0025, Maximize = true, Precision = OptimizerPrecision.Single)]
public partial class TorchSchedulefreeMaximizeSingle
{
    [Parameter(17, Name = "w")] public partial void StepW(Span<float> parameter, ReadOnlySpan<float> gradient);
}

[ScheduleFreeAdamWOptimizer(LearningRate = 0.0025, Maximize = true, Precision = OptimizerPrecision.Double)]
public partial class TorchSchedulefreeMaximizeDouble
{
    [Parameter(17, Name = "w")] public partial void StepW(Span<float> parameter, ReadOnlySpan<float> gradient);
}
