// Optimizers of 16-bit sets the sharded tests run as N ranks: the same four sets as ShardAdamW's, of mixed element
// types (MixedSets), so shard boundaries cut a bfloat16 set, a Half set and sets of 16-bit and float gradients.
using System;
using Rlx.Optim;

namespace Rlx.Optim.Tests.Sharding;

/// <summary>Float state: 16-bit parameters stochastically rounded, their bits keyed by the element, not the shard.</summary>
[AdamWOptimizer(LearningRate = 0.01, WeightDecay = 0.01, ParallelThreshold = 1, RoundingSeed = 11)]
public partial class ShardSixteenBitAdamW : IMixedSets
{
    [Parameter(3_000, 5)] public partial void StepA(Span<BFloat16> parameter, ReadOnlySpan<BFloat16> gradient);
    [Parameter(37, LearningRateScale = 0.5)] public partial void StepB(Span<Half> parameter, ReadOnlySpan<Half> gradient);
    [Parameter(8_192)] public partial void StepC(Span<float> parameter, ReadOnlySpan<float> gradient);
    [Parameter(20_001)] public partial void StepD(Span<BFloat16> parameter, ReadOnlySpan<float> gradient);

    public bool StepMixed(MixedSets sets) => StepAll(sets.A, sets.GradientA, sets.B, sets.GradientB, sets.C, sets.GradientC, sets.D, sets.GradientD);
}

/// <summary>bfloat16 state and 16-bit parameters: both stochastically rounded.</summary>
[LionOptimizer(LearningRate = 0.001, ParallelThreshold = 1, StatePrecision = StatePrecision.BFloat16, RoundingSeed = 12)]
public partial class ShardSixteenBitLion : IMixedSets
{
    [Parameter(3_000, 5)] public partial void StepA(Span<BFloat16> parameter, ReadOnlySpan<BFloat16> gradient);
    [Parameter(37)] public partial void StepB(Span<Half> parameter, ReadOnlySpan<Half> gradient);
    [Parameter(8_192)] public partial void StepC(Span<float> parameter, ReadOnlySpan<float> gradient);
    [Parameter(20_001)] public partial void StepD(Span<BFloat16> parameter, ReadOnlySpan<float> gradient);

    public bool StepMixed(MixedSets sets) => StepAll(sets.A, sets.GradientA, sets.B, sets.GradientB, sets.C, sets.GradientC, sets.D, sets.GradientD);
}

/// <summary>Master weights (a float copy in the state, sharded with it) and bfloat16 moments.</summary>
[AdamOptimizer(LearningRate = 0.01, ParallelThreshold = 1, MasterWeights = true, StatePrecision = StatePrecision.BFloat16, RoundingSeed = 13)]
public partial class ShardMasterWeightAdam : IMixedSets
{
    [Parameter(3_000, 5)] public partial void StepA(Span<BFloat16> parameter, ReadOnlySpan<BFloat16> gradient);
    [Parameter(37)] public partial void StepB(Span<Half> parameter, ReadOnlySpan<Half> gradient);
    [Parameter(8_192)] public partial void StepC(Span<float> parameter, ReadOnlySpan<float> gradient);
    [Parameter(20_001)] public partial void StepD(Span<BFloat16> parameter, ReadOnlySpan<float> gradient);

    public bool StepMixed(MixedSets sets) => StepAll(sets.A, sets.GradientA, sets.B, sets.GradientB, sets.C, sets.GradientC, sets.D, sets.GradientD);
}

/// <summary>Schedule-Free through master weights: z starts from each shard's slice of the master copy.</summary>
[ScheduleFreeAdamWOptimizer(LearningRate = 0.01, WeightDecay = 0.01, WarmupSteps = 2, ParallelThreshold = 1, MasterWeights = true)]
public partial class ShardMasterWeightScheduleFree : IMixedSets
{
    [Parameter(3_000, 5)] public partial void StepA(Span<BFloat16> parameter, ReadOnlySpan<BFloat16> gradient);
    [Parameter(37, Beta1 = 0.8)] public partial void StepB(Span<Half> parameter, ReadOnlySpan<Half> gradient);
    [Parameter(8_192)] public partial void StepC(Span<float> parameter, ReadOnlySpan<float> gradient);
    [Parameter(20_001)] public partial void StepD(Span<BFloat16> parameter, ReadOnlySpan<float> gradient);

    public bool StepMixed(MixedSets sets) => StepAll(sets.A, sets.GradientA, sets.B, sets.GradientB, sets.C, sets.GradientC, sets.D, sets.GradientD);
}

/// <summary>
/// Adafactor, replicated, on 16-bit sets: every rank steps every set from the whole averaged gradient, each 16-bit
/// gradient's average rounded to nearest once; bfloat16 state and parameters rounded stochastically.
/// </summary>
[AdafactorOptimizer(LearningRate = 0.01, WeightDecay = 0.01, ParallelThreshold = 1, StatePrecision = StatePrecision.BFloat16, RoundingSeed = 14)]
public partial class ShardSixteenBitAdafactor : IMixedSets
{
    [Parameter(3_000, 5)] public partial void StepA(Span<BFloat16> parameter, ReadOnlySpan<BFloat16> gradient);
    [Parameter(37)] public partial void StepB(Span<Half> parameter, ReadOnlySpan<Half> gradient);
    [Parameter(8_192)] public partial void StepC(Span<float> parameter, ReadOnlySpan<float> gradient);
    [Parameter(20_001)] public partial void StepD(Span<BFloat16> parameter, ReadOnlySpan<float> gradient);

    public bool StepMixed(MixedSets sets) => StepAll(sets.A, sets.GradientA, sets.B, sets.GradientB, sets.C, sets.GradientC, sets.D, sets.GradientD);
}

/// <summary>Adafactor, replicated, through master weights: the float copy is whole on every rank, like the state.</summary>
[AdafactorOptimizer(LearningRate = 0.01, ParallelThreshold = 1, MasterWeights = true)]
public partial class ShardMasterWeightAdafactor : IMixedSets
{
    [Parameter(3_000, 5)] public partial void StepA(Span<BFloat16> parameter, ReadOnlySpan<BFloat16> gradient);
    [Parameter(37)] public partial void StepB(Span<Half> parameter, ReadOnlySpan<Half> gradient);
    [Parameter(8_192)] public partial void StepC(Span<float> parameter, ReadOnlySpan<float> gradient);
    [Parameter(20_001)] public partial void StepD(Span<BFloat16> parameter, ReadOnlySpan<float> gradient);

    public bool StepMixed(MixedSets sets) => StepAll(sets.A, sets.GradientA, sets.B, sets.GradientB, sets.C, sets.GradientC, sets.D, sets.GradientD);
}

/// <summary>LAMB through master weights: each rank's trust-ratio blocks read its slice of the float copy.</summary>
[LambOptimizer(LearningRate = 0.01, WeightDecay = 0.01, ParallelThreshold = 1, MasterWeights = true, StatePrecision = StatePrecision.BFloat16, RoundingSeed = 15)]
public partial class ShardMasterWeightLamb : IMixedSets
{
    [Parameter(3_000, 5)] public partial void StepA(Span<BFloat16> parameter, ReadOnlySpan<BFloat16> gradient);
    [Parameter(37)] public partial void StepB(Span<Half> parameter, ReadOnlySpan<Half> gradient);
    [Parameter(8_192)] public partial void StepC(Span<float> parameter, ReadOnlySpan<float> gradient);
    [Parameter(20_001)] public partial void StepD(Span<BFloat16> parameter, ReadOnlySpan<float> gradient);

    public bool StepMixed(MixedSets sets) => StepAll(sets.A, sets.GradientA, sets.B, sets.GradientB, sets.C, sets.GradientC, sets.D, sets.GradientD);
}

/// <summary>LAMB on 16-bit parameters without a copy: each rank measures its shard of θ as stored, then rounds it stochastically.</summary>
[LambOptimizer(LearningRate = 0.01, ParallelThreshold = 1, StatePrecision = StatePrecision.BFloat16, RoundingSeed = 16)]
public partial class ShardSixteenBitLamb : IMixedSets
{
    [Parameter(3_000, 5)] public partial void StepA(Span<BFloat16> parameter, ReadOnlySpan<BFloat16> gradient);
    [Parameter(37)] public partial void StepB(Span<Half> parameter, ReadOnlySpan<Half> gradient);
    [Parameter(8_192)] public partial void StepC(Span<float> parameter, ReadOnlySpan<float> gradient);
    [Parameter(20_001)] public partial void StepD(Span<BFloat16> parameter, ReadOnlySpan<float> gradient);

    public bool StepMixed(MixedSets sets) => StepAll(sets.A, sets.GradientA, sets.B, sets.GradientB, sets.C, sets.GradientC, sets.D, sets.GradientD);
}
