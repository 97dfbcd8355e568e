// Optimizers whose StepAll the plan tests split across cores: ParallelThreshold = 1, sets of mixed sizes (the
// smallest shorter than one vector), so one pass packs several sets into one claimed block and cuts others.
using System;
using Rlx.Optim;

namespace Rlx.Optim.Tests.WholeStep;

[AdamWOptimizer(LearningRate = 0.01, WeightDecay = 0.01, ParallelThreshold = 1)]
public partial class PlanAdamW
{
    [Parameter(40_000)] public partial void StepA(Span<float> parameter, ReadOnlySpan<float> gradient);
    [Parameter(37)] public partial void StepB(Span<float> parameter, ReadOnlySpan<float> gradient);
    [Parameter(1_000, LearningRateScale = 0.5)] public partial void StepC(Span<float> parameter, ReadOnlySpan<float> gradient);
    [Parameter(20_000)] public partial void StepD(Span<float> parameter, ReadOnlySpan<float> gradient);
    [Parameter(3)] public partial void StepE(Span<float> parameter, ReadOnlySpan<float> gradient);
}

/// <summary>A float, a BFloat16 and a Half set, as the mixed-precision plan test steps them.</summary>
public interface IMixedPrecisionPlan : IOptimizer
{
    bool StepAll(Span<float> a, ReadOnlySpan<float> aGradient, Span<BFloat16> b, ReadOnlySpan<BFloat16> bGradient, Span<Half> c, ReadOnlySpan<float> cGradient);

    void StepA(Span<float> parameter, ReadOnlySpan<float> gradient);

    void StepB(Span<BFloat16> parameter, ReadOnlySpan<BFloat16> gradient);

    void StepC(Span<Half> parameter, ReadOnlySpan<float> gradient);
}

[AdamOptimizer(LearningRate = 0.01, ParallelThreshold = 1, StatePrecision = StatePrecision.BFloat16, MasterWeights = true, RoundingSeed = 7)]
public partial class PlanMixedPrecision : IMixedPrecisionPlan
{
    [Parameter(40_000)] public partial void StepA(Span<float> parameter, ReadOnlySpan<float> gradient);
    [Parameter(20_000)] public partial void StepB(Span<BFloat16> parameter, ReadOnlySpan<BFloat16> gradient);
    [Parameter(1_003)] public partial void StepC(Span<Half> parameter, ReadOnlySpan<float> gradient);
}

/// <summary>RMSprop's three buffers in bfloat16 beside each 16-bit set's master copy: four buffers a set.</summary>
[RMSpropOptimizer(LearningRate = 0.001, Momentum = 0.9, Centered = true, ParallelThreshold = 1, StatePrecision = StatePrecision.BFloat16,
    MasterWeights = true, RoundingSeed = 11)]
public partial class PlanMixedPrecisionRMSprop : IMixedPrecisionPlan
{
    [Parameter(40_000)] public partial void StepA(Span<float> parameter, ReadOnlySpan<float> gradient);
    [Parameter(20_000)] public partial void StepB(Span<BFloat16> parameter, ReadOnlySpan<BFloat16> gradient);
    [Parameter(1_003)] public partial void StepC(Span<Half> parameter, ReadOnlySpan<float> gradient);
}

/// <summary>LAMB's norms measured from each 16-bit set's master copy, its two moments in bfloat16.</summary>
[LambOptimizer(LearningRate = 0.01, WeightDecay = 0.01, ParallelThreshold = 1, StatePrecision = StatePrecision.BFloat16,
    MasterWeights = true, RoundingSeed = 13)]
public partial class PlanMixedPrecisionLamb : IMixedPrecisionPlan
{
    [Parameter(40_000)] public partial void StepA(Span<float> parameter, ReadOnlySpan<float> gradient);
    [Parameter(20_000)] public partial void StepB(Span<BFloat16> parameter, ReadOnlySpan<BFloat16> gradient);
    [Parameter(1_003)] public partial void StepC(Span<Half> parameter, ReadOnlySpan<float> gradient);
}

/// <summary>Schedule-Free's z and v in bfloat16 beside each 16-bit set's master copy: z starts from the master copy.</summary>
[ScheduleFreeAdamWOptimizer(LearningRate = 0.001, WeightDecay = 0.01, ParallelThreshold = 1, StatePrecision = StatePrecision.BFloat16,
    MasterWeights = true, RoundingSeed = 13)]
public partial class PlanMixedPrecisionScheduleFree : IMixedPrecisionPlan
{
    [Parameter(40_000)] public partial void StepA(Span<float> parameter, ReadOnlySpan<float> gradient);
    [Parameter(20_000)] public partial void StepB(Span<BFloat16> parameter, ReadOnlySpan<BFloat16> gradient);
    [Parameter(1_003)] public partial void StepC(Span<Half> parameter, ReadOnlySpan<float> gradient);
}

[LionOptimizer(LearningRate = 0.001, ParallelThreshold = 1, StatePrecision = StatePrecision.BFloat16, RoundingSeed = 3)]
public partial class PlanSixteenBitLion
{
    [Parameter(33_000)] public partial void StepA(Span<BFloat16> parameter, ReadOnlySpan<float> gradient);
    [Parameter(17)] public partial void StepB(Span<float> parameter, ReadOnlySpan<float> gradient);
    [Parameter(16_500)] public partial void StepC(Span<Half> parameter, ReadOnlySpan<Half> gradient);
}

/// <summary>LAMB over sets of mixed sizes: one over several norm blocks, two shorter than a vector.</summary>
[LambOptimizer(LearningRate = 0.01, WeightDecay = 0.01, ParallelThreshold = 1)]
public partial class PlanLamb
{
    [Parameter(40_000)] public partial void StepA(Span<float> parameter, ReadOnlySpan<float> gradient);
    [Parameter(37)] public partial void StepB(Span<float> parameter, ReadOnlySpan<float> gradient);
    [Parameter(9_001)] public partial void StepC(Span<float> parameter, ReadOnlySpan<float> gradient);
    [Parameter(3)] public partial void StepD(Span<float> parameter, ReadOnlySpan<float> gradient);
    [Parameter(1)] public partial void StepE(Span<float> parameter, ReadOnlySpan<float> gradient);
}
