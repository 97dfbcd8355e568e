using System;
using Rlx.Optim;

// One optimizer of each family with a small set and one above the parallel threshold (a length no vector width
// divides), every switch the family has turned on where it changes the kernel.
namespace Rlx.Optim.Tests.Runtime;

[AdamOptimizer(LearningRate = 0.01, AmsGrad = true, Maximize = true, WeightDecay = 0.01)]
public partial class FamilyAdam
{
    [Parameter(13)] public partial void StepSmall(Span<float> weights, ReadOnlySpan<float> gradient);
    [Parameter(3, 66_667)] public partial void StepLarge(Span<float> weights, ReadOnlySpan<float> gradient);
}

[AdamWOptimizer(LearningRate = 0.01, AmsGrad = true, Precision = OptimizerPrecision.Double)]
public partial class FamilyAdamW
{
    [Parameter(13)] public partial void StepSmall(Span<float> weights, ReadOnlySpan<float> gradient);
    [Parameter(3, 66_667)] public partial void StepLarge(Span<float> weights, ReadOnlySpan<float> gradient);
}

[NAdamOptimizer(LearningRate = 0.01, WeightDecay = 0.01, DecoupledWeightDecay = true)]
public partial class FamilyNAdam
{
    [Parameter(13)] public partial void StepSmall(Span<float> weights, ReadOnlySpan<float> gradient);
    [Parameter(3, 66_667)] public partial void StepLarge(Span<float> weights, ReadOnlySpan<float> gradient);
}

[RAdamOptimizer(LearningRate = 0.01, WeightDecay = 0.01)]
public partial class FamilyRAdam
{
    [Parameter(13)] public partial void StepSmall(Span<float> weights, ReadOnlySpan<float> gradient);
    [Parameter(3, 66_667)] public partial void StepLarge(Span<float> weights, ReadOnlySpan<float> gradient);
}

[AdamaxOptimizer(LearningRate = 0.01, WeightDecay = 0.01, Precision = OptimizerPrecision.Double)]
public partial class FamilyAdamax
{
    [Parameter(13)] public partial void StepSmall(Span<float> weights, ReadOnlySpan<float> gradient);
    [Parameter(3, 66_667)] public partial void StepLarge(Span<float> weights, ReadOnlySpan<float> gradient);
}

[LionOptimizer(LearningRate = 0.001, WeightDecay = 0.1)]
public partial class FamilyLion
{
    [Parameter(13)] public partial void StepSmall(Span<float> weights, ReadOnlySpan<float> gradient);
    [Parameter(3, 66_667)] public partial void StepLarge(Span<float> weights, ReadOnlySpan<float> gradient);
}

[SgdOptimizer(LearningRate = 0.01, Momentum = 0.9, Dampening = 0.1, WeightDecay = 0.001)]
public partial class FamilySgd
{
    [Parameter(13)] public partial void StepSmall(Span<float> weights, ReadOnlySpan<float> gradient);
    [Parameter(3, 66_667)] public partial void StepLarge(Span<float> weights, ReadOnlySpan<float> gradient);
}

[AdagradOptimizer(LearningRate = 0.01, LearningRateDecay = 0.01, InitialAccumulatorValue = 0.1, WeightDecay = 0.01, Maximize = true)]
public partial class FamilyAdagrad
{
    [Parameter(13)] public partial void StepSmall(Span<float> weights, ReadOnlySpan<float> gradient);
    [Parameter(3, 66_667)] public partial void StepLarge(Span<float> weights, ReadOnlySpan<float> gradient);
}

[RMSpropOptimizer(LearningRate = 0.01, Momentum = 0.9, Centered = true, WeightDecay = 0.01, Precision = OptimizerPrecision.Double)]
public partial class FamilyRMSprop
{
    [Parameter(13)] public partial void StepSmall(Span<float> weights, ReadOnlySpan<float> gradient);
    [Parameter(3, 66_667)] public partial void StepLarge(Span<float> weights, ReadOnlySpan<float> gradient);
}

/// <summary>Adafactor: the large set is factored (3 rows of 66,667), the small one and sets met by name are vectors.</summary>
[AdafactorOptimizer(LearningRate = 0.05, WeightDecay = 0.01, Maximize = true)]
public partial class FamilyAdafactor
{
    [Parameter(13)] public partial void StepSmall(Span<float> weights, ReadOnlySpan<float> gradient);
    [Parameter(3, 66_667)] public partial void StepLarge(Span<float> weights, ReadOnlySpan<float> gradient);
}

[LambOptimizer(LearningRate = 0.01, Beta1 = 0.8, EpsilonRoot = 1e-12, WeightDecay = 0.01, Maximize = true)]
public partial class FamilyLamb
{
    [Parameter(13)] public partial void StepSmall(Span<float> weights, ReadOnlySpan<float> gradient);
    [Parameter(3, 66_667)] public partial void StepLarge(Span<float> weights, ReadOnlySpan<float> gradient);
}

[ScheduleFreeAdamWOptimizer(LearningRate = 0.01, WeightDecay = 0.01, WarmupSteps = 2, Maximize = true)]
public partial class FamilyScheduleFree
{
    [Parameter(13)] public partial void StepSmall(Span<float> weights, ReadOnlySpan<float> gradient);
    [Parameter(3, 66_667)] public partial void StepLarge(Span<float> weights, ReadOnlySpan<float> gradient);
}
