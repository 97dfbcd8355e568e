// Optimizers the sharded-step tests run as N ranks: sets of mixed sizes so shard boundaries cut sets, and a set that
// ends exactly on a 4096-element block while another is shorter than one vector.
using System;
using Rlx.Optim;

namespace Rlx.Optim.Tests.Sharding;

[AdamWOptimizer(LearningRate = 0.01, WeightDecay = 0.01, ParallelThreshold = 1)]
public partial class ShardAdamW
{
    [Parameter(3_000, 5)] public partial void StepA(Span<float> parameter, ReadOnlySpan<float> gradient);
    [Parameter(37)] public partial void StepB(Span<float> parameter, ReadOnlySpan<float> gradient);
    [Parameter(8_192, LearningRateScale = 0.5)] public partial void StepC(Span<float> parameter, ReadOnlySpan<float> gradient);
    [Parameter(20_001)] public partial void StepD(Span<float> parameter, ReadOnlySpan<float> gradient);
}

/// <summary>bfloat16 state, stochastically rounded: the rounding's bits follow the element, so shards keep them.</summary>
[AdamOptimizer(LearningRate = 0.01, ParallelThreshold = 1, StatePrecision = StatePrecision.BFloat16, RoundingSeed = 5)]
public partial class ShardBFloat16Adam
{
    [Parameter(3_000, 5)] public partial void StepA(Span<float> parameter, ReadOnlySpan<float> gradient);
    [Parameter(37)] public partial void StepB(Span<float> parameter, ReadOnlySpan<float> gradient);
    [Parameter(8_192)] public partial void StepC(Span<float> parameter, ReadOnlySpan<float> gradient);
    [Parameter(20_001)] public partial void StepD(Span<float> parameter, ReadOnlySpan<float> gradient);
}

/// <summary>Factored state (Adafactor's row and column accumulators) cannot be cut into slices.</summary>
[AdafactorOptimizer]
public partial class ShardAdafactor
{
    [Parameter(64, 32)] public partial void StepA(Span<float> parameter, ReadOnlySpan<float> gradient);
}

/// <summary>LAMB's trust ratio needs each set's norms before its update: a reduction across processes it does not have.</summary>
[LambOptimizer]
public partial class ShardLamb
{
    [Parameter(100)] public partial void StepA(Span<float> parameter, ReadOnlySpan<float> gradient);
}

/// <summary>
/// Schedule-Free with a warm-up and a set with its own β₁ and rate (a second kernel): z starts from each shard's slice
/// of θ, and every process advances each kernel's max_lr and weight_sum alike, so they are in its checkpoint.
/// </summary>
[ScheduleFreeAdamWOptimizer(LearningRate = 0.01, WeightDecay = 0.01, WarmupSteps = 2, ParallelThreshold = 1)]
public partial class ShardScheduleFree
{
    [Parameter(3_000, 5)] public partial void StepA(Span<float> parameter, ReadOnlySpan<float> gradient);
    [Parameter(37, Beta1 = 0.8, LearningRateScale = 0.5)] public partial void StepB(Span<float> parameter, ReadOnlySpan<float> gradient);
    [Parameter(8_192)] public partial void StepC(Span<float> parameter, ReadOnlySpan<float> gradient);
    [Parameter(20_001)] public partial void StepD(Span<float> parameter, ReadOnlySpan<float> gradient);
}
