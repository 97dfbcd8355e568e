// One Adafactor optimizer per golden case of torch-adafactor-v1.json and precision, declared as a user would write
// torch.optim.Adafactor's arguments, each set with the case's shape: AdafactorGoldenTests finds them by name.
using System;
using Rlx.Optim;

namespace Rlx.Optim.Tests.Numerics;

[AdafactorOptimizer(LearningRate = 0.01, Precision = OptimizerPrecision.Single)]
public partial class TorchAdafactorMatrixSingle
{
    [Parameter(6, 10, Name = "w")] public partial void StepW(Span<float> parameter, ReadOnlySpan<float> gradient);
    [Parameter(10, Name = "b")] public partial void StepB(Span<float> parameter, ReadOnlySpan<float> gradient);
}

[AdafactorOptimizer(LearningRate = 0.01, Precision = OptimizerPrecision.Double)]
public partial class TorchAdafactorMatrixDouble
{
    [Parameter(6, 10, Name = "w")] public partial void StepW(Span<float> parameter, ReadOnlySpan<float> gradient);
    [Parameter(10, Name = "b")] public partial void StepB(Span<float> parameter, ReadOnlySpan<float> gradient);
}

[AdafactorOptimizer(LearningRate = 0.01, Precision = OptimizerPrecision.Single)]
public partial class TorchAdafactorBatchSingle
{
    [Parameter(2, 3, 8, Name = "w")] public partial void StepW(Span<float> parameter, ReadOnlySpan<float> gradient);
}

[AdafactorOptimizer(LearningRate = 0.01, Precision = OptimizerPrecision.Double)]
public partial class TorchAdafactorBatchDouble
{
    [Parameter(2, 3, 8, Name = "w")] public partial void StepW(Span<float> parameter, ReadOnlySpan<float> gradient);
}

[AdafactorOptimizer(LearningRate = 0.01, Precision = OptimizerPrecision.Single)]
public partial class TorchAdafactorVectorSingle
{
    [Parameter(37, Name = "w")] public partial void StepW(Span<float> parameter, ReadOnlySpan<float> gradient);
}

[AdafactorOptimizer(LearningRate = 0.01, Precision = OptimizerPrecision.Double)]
public partial class TorchAdafactorVectorDouble
{
    [Parameter(37, Name = "w")] public partial void StepW(Span<float> parameter, ReadOnlySpan<float> gradient);
}

[AdafactorOptimizer(LearningRate = 0.01, Precision = OptimizerPrecision.Single)]
public partial class TorchAdafactorScalarSingle
{
    [Parameter(Name = "s")] public partial void StepS(Span<float> parameter, ReadOnlySpan<float> gradient);
}

[AdafactorOptimizer(LearningRate = 0.01, Precision = OptimizerPrecision.Double)]
public partial class TorchAdafactorScalarDouble
{
    [Parameter(Name = "s")] public partial void StepS(Span<float> parameter, ReadOnlySpan<float> gradient);
}

[AdafactorOptimizer(LearningRate = 0.02, WeightDecay = 0.5, Precision = OptimizerPrecision.Single)]
public partial class TorchAdafactorWeightDecaySingle
{
    [Parameter(5, 7, Name = "w")] public partial void StepW(Span<float> parameter, ReadOnlySpan<float> gradient);
    [Parameter(7, Name = "b")] public partial void StepB(Span<float> parameter, ReadOnlySpan<float> gradient);
}

[AdafactorOptimizer(LearningRate = 0.02, WeightDecay = 0.5, Precision = OptimizerPrecision.Double)]
public partial class TorchAdafactorWeightDecayDouble
{
    [Parameter(5, 7, Name = "w")] public partial void StepW(Span<float> parameter, ReadOnlySpan<float> gradient);
    [Parameter(7, Name = "b")] public partial void StepB(Span<float> parameter, ReadOnlySpan<float> gradient);
}

[AdafactorOptimizer(LearningRate = 0.01, Maximize = true, Precision = OptimizerPrecision.Single)]
public partial class TorchAdafactorMaximizeSingle
{
    [Parameter(4, 9, Name = "w")] public partial void StepW(Span<float> parameter, ReadOnlySpan<float> gradient);
}

[AdafactorOptimizer(LearningRate = 0.01, Maximize = true, Precision = OptimizerPrecision.Double)]
public partial class TorchAdafactorMaximizeDouble
{
    [Parameter(4, 9, Name = "w")] public partial void StepW(Span<float> parameter, ReadOnlySpan<float> gradient);
}

[AdafactorOptimizer(LearningRate = 0.5, Beta2Decay = -0.5, Epsilon1 = 1e-30, Epsilon2 = 0.01, ClippingThreshold = 1.5, Precision = OptimizerPrecision.Single)]
public partial class TorchAdafactorRelativeStepSingle
{
    [Parameter(8, 6, Name = "w")] public partial void StepW(Span<float> parameter, ReadOnlySpan<float> gradient);
    [Parameter(6, Name = "b")] public partial void StepB(Span<float> parameter, ReadOnlySpan<float> gradient);
}

[AdafactorOptimizer(LearningRate = 0.5, Beta2Decay = -0.5, Epsilon1 = 1e-30, Epsilon2 = 0.01, ClippingThreshold = 1.5, Precision = OptimizerPrecision.Double)]
public partial class TorchAdafactorRelativeStepDouble
{
    [Parameter(8, 6, Name = "w")] public partial void StepW(Span<float> parameter, ReadOnlySpan<float> gradient);
    [Parameter(6, Name = "b")] public partial void StepB(Span<float> parameter, ReadOnlySpan<float> gradient);
}

[AdafactorOptimizer(LearningRate = 0.01, Precision = OptimizerPrecision.Single)]
public partial class TorchAdafactorClippedSingle
{
    [Parameter(16, 12, Name = "w")] public partial void StepW(Span<float> parameter, ReadOnlySpan<float> gradient);
}

[AdafactorOptimizer(LearningRate = 0.01, Precision = OptimizerPrecision.Double)]
public partial class TorchAdafactorClippedDouble
{
    [Parameter(16, 12, Name = "w")] public partial void StepW(Span<float> parameter, ReadOnlySpan<float> gradient);
}
