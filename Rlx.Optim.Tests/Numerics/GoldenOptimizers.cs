// One optimizer per golden case and precision, declared as a user would: the hyperparameters are the seed's float
// values written as doubles, the sets are the case's tensors. The golden tests find each class by name:
// Golden{Case}{Precision}.
using System;
using Rlx.Optim;

namespace Rlx.Optim.Tests.Numerics;

[AdamOptimizer(LearningRate = 0.0010000000474974513, Beta1 = 0.8999999761581421, Beta2 = 0.9990000128746033, Epsilon = 9.99999993922529e-09, WeightDecay = 0.0,
    Precision = OptimizerPrecision.Single)]
public partial class GoldenDefaultsOneElementSingle
{
    [Parameter(1, Name = "w")] public partial void StepW(Span<float> parameter, ReadOnlySpan<float> gradient);
}

[AdamOptimizer(LearningRate = 0.0010000000474974513, Beta1 = 0.8999999761581421, Beta2 = 0.9990000128746033, Epsilon = 9.99999993922529e-09, WeightDecay = 0.0,
    Precision = OptimizerPrecision.Double)]
public partial class GoldenDefaultsOneElementDouble
{
    [Parameter(1, Name = "w")] public partial void StepW(Span<float> parameter, ReadOnlySpan<float> gradient);
}

[AdamOptimizer(LearningRate = 0.0010000000474974513, Beta1 = 0.8999999761581421, Beta2 = 0.9990000128746033, Epsilon = 9.99999993922529e-09, WeightDecay = 0.0,
    Precision = OptimizerPrecision.Single)]
public partial class GoldenDefaultsOddLengthsSingle
{
    [Parameter(7, Name = "a")] public partial void StepA(Span<float> parameter, ReadOnlySpan<float> gradient);
    [Parameter(33, Name = "b")] public partial void StepB(Span<float> parameter, ReadOnlySpan<float> gradient);
    [Parameter(1000, Name = "c")] public partial void StepC(Span<float> parameter, ReadOnlySpan<float> gradient);
}

[AdamOptimizer(LearningRate = 0.0010000000474974513, Beta1 = 0.8999999761581421, Beta2 = 0.9990000128746033, Epsilon = 9.99999993922529e-09, WeightDecay = 0.0,
    Precision = OptimizerPrecision.Double)]
public partial class GoldenDefaultsOddLengthsDouble
{
    [Parameter(7, Name = "a")] public partial void StepA(Span<float> parameter, ReadOnlySpan<float> gradient);
    [Parameter(33, Name = "b")] public partial void StepB(Span<float> parameter, ReadOnlySpan<float> gradient);
    [Parameter(1000, Name = "c")] public partial void StepC(Span<float> parameter, ReadOnlySpan<float> gradient);
}

[AdamOptimizer(LearningRate = 0.0003000000142492354, Beta1 = 0.800000011920929, Beta2 = 0.9900000095367432, Epsilon = 9.999999974752427e-07, WeightDecay = 0.0,
    Precision = OptimizerPrecision.Single)]
public partial class GoldenCustomBetasEpsSingle
{
    [Parameter(257, Name = "w")] public partial void StepW(Span<float> parameter, ReadOnlySpan<float> gradient);
}

[AdamOptimizer(LearningRate = 0.0003000000142492354, Beta1 = 0.800000011920929, Beta2 = 0.9900000095367432, Epsilon = 9.999999974752427e-07, WeightDecay = 0.0,
    Precision = OptimizerPrecision.Double)]
public partial class GoldenCustomBetasEpsDouble
{
    [Parameter(257, Name = "w")] public partial void StepW(Span<float> parameter, ReadOnlySpan<float> gradient);
}

[AdamOptimizer(LearningRate = 0.009999999776482582, Beta1 = 0.8999999761581421, Beta2 = 0.9990000128746033, Epsilon = 9.99999993922529e-09, WeightDecay = 0.009999999776482582,
    Precision = OptimizerPrecision.Single)]
public partial class GoldenL2WeightDecaySingle
{
    [Parameter(513, Name = "w")] public partial void StepW(Span<float> parameter, ReadOnlySpan<float> gradient);
    [Parameter(3, Name = "bias")] public partial void StepBias(Span<float> parameter, ReadOnlySpan<float> gradient);
}

[AdamOptimizer(LearningRate = 0.009999999776482582, Beta1 = 0.8999999761581421, Beta2 = 0.9990000128746033, Epsilon = 9.99999993922529e-09, WeightDecay = 0.009999999776482582,
    Precision = OptimizerPrecision.Double)]
public partial class GoldenL2WeightDecayDouble
{
    [Parameter(513, Name = "w")] public partial void StepW(Span<float> parameter, ReadOnlySpan<float> gradient);
    [Parameter(3, Name = "bias")] public partial void StepBias(Span<float> parameter, ReadOnlySpan<float> gradient);
}

[AdamOptimizer(LearningRate = 0.10000000149011612, Beta1 = 0.8999999761581421, Beta2 = 0.9990000128746033, Epsilon = 9.99999993922529e-09, WeightDecay = 0.0,
    Precision = OptimizerPrecision.Single)]
public partial class GoldenLargeLrLongRunSingle
{
    [Parameter(64, Name = "w")] public partial void StepW(Span<float> parameter, ReadOnlySpan<float> gradient);
}

[AdamOptimizer(LearningRate = 0.10000000149011612, Beta1 = 0.8999999761581421, Beta2 = 0.9990000128746033, Epsilon = 9.99999993922529e-09, WeightDecay = 0.0,
    Precision = OptimizerPrecision.Double)]
public partial class GoldenLargeLrLongRunDouble
{
    [Parameter(64, Name = "w")] public partial void StepW(Span<float> parameter, ReadOnlySpan<float> gradient);
}

[AdamOptimizer(LearningRate = 0.0010000000474974513, Beta1 = 0.0, Beta2 = 0.5, Epsilon = 9.99999993922529e-09, WeightDecay = 0.0,
    Precision = OptimizerPrecision.Single)]
public partial class GoldenBeta1ZeroSingle
{
    [Parameter(31, Name = "w")] public partial void StepW(Span<float> parameter, ReadOnlySpan<float> gradient);
}

[AdamOptimizer(LearningRate = 0.0010000000474974513, Beta1 = 0.0, Beta2 = 0.5, Epsilon = 9.99999993922529e-09, WeightDecay = 0.0,
    Precision = OptimizerPrecision.Double)]
public partial class GoldenBeta1ZeroDouble
{
    [Parameter(31, Name = "w")] public partial void StepW(Span<float> parameter, ReadOnlySpan<float> gradient);
}

[AdamOptimizer(LearningRate = 0.0010000000474974513, Beta1 = 0.8999999761581421, Beta2 = 0.9990000128746033, Epsilon = 9.99999993922529e-09, WeightDecay = 0.0,
    Precision = OptimizerPrecision.Single)]
public partial class GoldenTinyGradientsSingle
{
    [Parameter(40, Name = "w")] public partial void StepW(Span<float> parameter, ReadOnlySpan<float> gradient);
}

[AdamOptimizer(LearningRate = 0.0010000000474974513, Beta1 = 0.8999999761581421, Beta2 = 0.9990000128746033, Epsilon = 9.99999993922529e-09, WeightDecay = 0.0,
    Precision = OptimizerPrecision.Double)]
public partial class GoldenTinyGradientsDouble
{
    [Parameter(40, Name = "w")] public partial void StepW(Span<float> parameter, ReadOnlySpan<float> gradient);
}

[AdamOptimizer(LearningRate = 0.0010000000474974513, Beta1 = 0.8999999761581421, Beta2 = 0.9990000128746033, Epsilon = 9.99999993922529e-09, WeightDecay = 0.0,
    Precision = OptimizerPrecision.Single)]
public partial class GoldenHugeGradientsSingle
{
    [Parameter(40, Name = "w")] public partial void StepW(Span<float> parameter, ReadOnlySpan<float> gradient);
}

[AdamOptimizer(LearningRate = 0.0010000000474974513, Beta1 = 0.8999999761581421, Beta2 = 0.9990000128746033, Epsilon = 9.99999993922529e-09, WeightDecay = 0.0,
    Precision = OptimizerPrecision.Double)]
public partial class GoldenHugeGradientsDouble
{
    [Parameter(40, Name = "w")] public partial void StepW(Span<float> parameter, ReadOnlySpan<float> gradient);
}

[AdamOptimizer(LearningRate = 0.0010000000474974513, Beta1 = 0.8999999761581421, Beta2 = 0.9990000128746033, Epsilon = 9.99999993922529e-09, WeightDecay = 0.0,
    Precision = OptimizerPrecision.Single)]
public partial class GoldenSpecialValuesSingle
{
    [Parameter(16, Name = "w")] public partial void StepW(Span<float> parameter, ReadOnlySpan<float> gradient);
}

[AdamOptimizer(LearningRate = 0.0010000000474974513, Beta1 = 0.8999999761581421, Beta2 = 0.9990000128746033, Epsilon = 9.99999993922529e-09, WeightDecay = 0.0,
    Precision = OptimizerPrecision.Double)]
public partial class GoldenSpecialValuesDouble
{
    [Parameter(16, Name = "w")] public partial void StepW(Span<float> parameter, ReadOnlySpan<float> gradient);
}

[AdamOptimizer(LearningRate = 0.0020000000949949026, Beta1 = 0.8999999761581421, Beta2 = 0.9800000190734863, Epsilon = 1.0000000116860974e-07, WeightDecay = 0.0010000000474974513,
    Precision = OptimizerPrecision.Single)]
public partial class GoldenManyTensors4099Single
{
    [Parameter(4099, Name = "embed")] public partial void StepEmbed(Span<float> parameter, ReadOnlySpan<float> gradient);
    [Parameter(129, Name = "proj")] public partial void StepProj(Span<float> parameter, ReadOnlySpan<float> gradient);
    [Parameter(1, Name = "norm")] public partial void StepNorm(Span<float> parameter, ReadOnlySpan<float> gradient);
}

[AdamOptimizer(LearningRate = 0.0020000000949949026, Beta1 = 0.8999999761581421, Beta2 = 0.9800000190734863, Epsilon = 1.0000000116860974e-07, WeightDecay = 0.0010000000474974513,
    Precision = OptimizerPrecision.Double)]
public partial class GoldenManyTensors4099Double
{
    [Parameter(4099, Name = "embed")] public partial void StepEmbed(Span<float> parameter, ReadOnlySpan<float> gradient);
    [Parameter(129, Name = "proj")] public partial void StepProj(Span<float> parameter, ReadOnlySpan<float> gradient);
    [Parameter(1, Name = "norm")] public partial void StepNorm(Span<float> parameter, ReadOnlySpan<float> gradient);
}
