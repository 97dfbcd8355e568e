using System;

namespace Rlx.Optim.Tests.Sharding;

/// <summary>
/// <see cref="ShardedTraining"/> for the mixed sets: every rank writes its gradients rounded to nearest into each set's
/// gradient type; one process steps what the sharded step forms from them: the 16-bit gradients widened, summed as
/// floats in the ring's order, multiplied by 1/N and rounded to the set's gradient type to nearest once.
/// </summary>
internal static class MixedTraining
{
    /// <summary>With a poisoning twist: rank 1's bfloat16 gradient of step 2 holds a NaN (set 0, element 5).</summary>
    public static bool Poisoned(bool poison, int rank, int step, int set, int i) => poison && rank == 1 && step == 2 && set == 0 && i == 5;

    public static void Initialize<T>(ShardedOptimizer<T> sharded)
        where T : class, ICheckpointable => MixedSets.Initialize(sharded);

    public static MixedSets Initial()
    {
        var sets = new MixedSets();
        MixedSets.Fill(sets.A.AsSpan(), i => TrainingData.Initial(0, i));
        MixedSets.Fill(sets.B.AsSpan(), i => TrainingData.Initial(1, i));
        MixedSets.Fill(sets.C.AsSpan(), i => TrainingData.Initial(2, i));
        MixedSets.Fill(sets.D.AsSpan(), i => TrainingData.Initial(3, i));
        return sets;
    }

    /// <summary>Steps <c>[from, to)</c> of a sharded run; returns each step's gradient norm.</summary>
    public static float[] Steps<T>(ShardedOptimizer<T> sharded, int from, int to, bool poison = false)
        where T : class, ICheckpointable
    {
        int rank = sharded.Collectives.Rank;
        var norms = new float[to - from];
        for (int step = from; step < to; step++)
        {
            int t = step;
            MixedSets.WriteGradients(sharded, step, (set, i) => Poisoned(poison, rank, t, set, i));
            sharded.Step();
            norms[step - from] = sharded.Optimizer.GradientNorm;
        }

        return norms;
    }

    /// <summary>Steps <c>[from, to)</c> of one process stepping what <paramref name="ranks"/> processes' gradients average to.</summary>
    public static float[] Steps(IMixedSets optimizer, MixedSets sets, int ranks, int from, int to, bool poison = false)
    {
        var layout = new ShardLayout(MixedSets.Lengths, ranks);
        var norms = new float[to - from];
        for (int step = from; step < to; step++)
        {
            Average(sets.GradientA, layout, ranks, step, 0, poison);
            Average(sets.GradientB, layout, ranks, step, 1, poison);
            Average(sets.GradientC, layout, ranks, step, 2, poison);
            Average(sets.GradientD, layout, ranks, step, 3, poison);
            optimizer.StepMixed(sets);
            norms[step - from] = optimizer.GradientNorm;
        }

        return norms;
    }

    public static uint[][] Bits<T>(ShardedOptimizer<T> sharded)
        where T : class, ICheckpointable => MixedSets.Bits(sharded);

    /// <summary>Copies one process's parameters into a sharded run's.</summary>
    public static void CopyInto<T>(MixedSets sets, ShardedOptimizer<T> sharded)
        where T : class, ICheckpointable
    {
        sets.A.CopyTo(sharded.Parameter<BFloat16>(0));
        sets.B.CopyTo(sharded.Parameter<Half>(1));
        sets.C.CopyTo(sharded.Parameter<float>(2));
        sets.D.CopyTo(sharded.Parameter<BFloat16>(3));
    }

    public static void AssertSameBits(uint[][] expected, uint[][] actual)
    {
        Assert.Equal(expected.Length, actual.Length);
        for (int set = 0; set < expected.Length; set++)
        {
            Assert.Equal(expected[set], actual[set]);
        }
    }

    /// <summary>The averaged gradient of one set: each rank's value in the set's type, widened, summed in the ring's order, scaled, rounded once.</summary>
    private static void Average<TE>(TE[] gradient, ShardLayout layout, int ranks, int step, int set, bool poison)
        where TE : unmanaged
    {
        for (int i = 0; i < gradient.Length; i++)
        {
            int shard = (layout.OffsetOf(set) + i) / layout.ShardLength, e = i;
            float sum = ThreadCollectives.RingOrderSum(
                r => MixedSets.Widen(MixedSets.Round<TE>(Poisoned(poison, r, step, set, e) ? float.NaN : TrainingData.Gradient(r, step, set, e))), shard, ranks);
            gradient[i] = MixedSets.Round<TE>(ranks > 1 ? sum * (1f / ranks) : sum);
        }
    }
}
