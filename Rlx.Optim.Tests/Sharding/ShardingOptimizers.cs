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

/// <summary>
/// LAMB, sharded: each rank measures the trust ratio's blocks of its shard (θ² and u² per 4,096 elements), the blocks'
/// sums are exchanged, and every rank ends each set's ratio as one process does. Shards cut sets A and D.
/// </summary>
[LambOptimizer(LearningRate = 0.01, WeightDecay = 0.01, ParallelThreshold = 1)]
public partial class ShardLamb
{
    [Parameter(3_000, 5)] public partial void StepA(Span<float> parameter, ReadOnlySpan<float> gradient);
    [Parameter(37)] public partial void StepB(Span<float> parameter, ReadOnlySpan<float> gradient);
    [Parameter(8_192, LearningRateScale = 0.5)] public partial void StepC(Span<float> parameter, ReadOnlySpan<float> gradient);
    [Parameter(20_001)] public partial void StepD(Span<float> parameter, ReadOnlySpan<float> gradient);
}

/// <summary>LAMB with bfloat16 moments: the trust ratio's measure reads a shard's bfloat16 slices.</summary>
[LambOptimizer(LearningRate = 0.01, ParallelThreshold = 1, StatePrecision = StatePrecision.BFloat16, RoundingSeed = 11)]
public partial class ShardBFloat16Lamb
{
    [Parameter(3_000, 5)] public partial void StepA(Span<float> parameter, ReadOnlySpan<float> gradient);
    [Parameter(37)] public partial void StepB(Span<float> parameter, ReadOnlySpan<float> gradient);
    [Parameter(8_192)] public partial void StepC(Span<float> parameter, ReadOnlySpan<float> gradient);
    [Parameter(20_001)] public partial void StepD(Span<float> parameter, ReadOnlySpan<float> gradient);
}

/// <summary>
/// Adafactor, replicated: every rank holds the whole (factored) state and steps every set from the averaged gradient.
/// Matrices (one a batch of two), and vectors that keep <c>variance</c>.
/// </summary>
[AdafactorOptimizer(LearningRate = 0.01, WeightDecay = 0.01, ParallelThreshold = 1)]
public partial class ShardAdafactor
{
    [Parameter(300, 50)] public partial void StepA(Span<float> parameter, ReadOnlySpan<float> gradient);
    [Parameter(37)] public partial void StepB(Span<float> parameter, ReadOnlySpan<float> gradient);
    [Parameter(2, 64, 64)] public partial void StepC(Span<float> parameter, ReadOnlySpan<float> gradient);
    [Parameter(20_001)] public partial void StepD(Span<float> parameter, ReadOnlySpan<float> gradient);
}

/// <summary>Adafactor's double path (PyTorch's arithmetic in double), replicated.</summary>
[AdafactorOptimizer(LearningRate = 0.01, Precision = OptimizerPrecision.Double, ParallelThreshold = 1)]
public partial class ShardDoubleAdafactor
{
    [Parameter(300, 50)] public partial void StepA(Span<float> parameter, ReadOnlySpan<float> gradient);
    [Parameter(37)] public partial void StepB(Span<float> parameter, ReadOnlySpan<float> gradient);
    [Parameter(2, 64, 64)] public partial void StepC(Span<float> parameter, ReadOnlySpan<float> gradient);
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
