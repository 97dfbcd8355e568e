using System;
using System.Linq;
using System.Runtime.InteropServices;

namespace Rlx.Optim.Tests.Sharding;

/// <summary>An optimizer declaring the four sets of <see cref="MixedSets"/>, stepped by one process through its <c>StepAll</c>.</summary>
public interface IMixedSets : ICheckpointable
{
    bool StepMixed(MixedSets sets);
}

/// <summary>
/// One process's parameters and gradients of the mixed sets: a bfloat16 set with bfloat16 gradients, a Half set with
/// Half gradients, a float set, and a bfloat16 set with float gradients (ShardAdamW's lengths).
/// </summary>
public sealed class MixedSets
{
    public static readonly int[] Lengths = [15_000, 37, 8_192, 20_001];

    public BFloat16[] A { get; } = new BFloat16[Lengths[0]];
    public BFloat16[] GradientA { get; } = new BFloat16[Lengths[0]];
    public Half[] B { get; } = new Half[Lengths[1]];
    public Half[] GradientB { get; } = new Half[Lengths[1]];
    public float[] C { get; } = new float[Lengths[2]];
    public float[] GradientC { get; } = new float[Lengths[2]];
    public BFloat16[] D { get; } = new BFloat16[Lengths[3]];
    public float[] GradientD { get; } = new float[Lengths[3]];

    /// <summary>Every set's parameters as bit patterns (16-bit values widened to uint).</summary>
    public uint[][] Bits() => [MixedTraining.Bits<BFloat16>(A), MixedTraining.Bits<Half>(B), MixedTraining.Bits<float>(C), MixedTraining.Bits<BFloat16>(D)];
}

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
        where T : class, ICheckpointable
    {
        Fill(sharded.Parameter<BFloat16>(0), i => TrainingData.Initial(0, i));
        Fill(sharded.Parameter<Half>(1), i => TrainingData.Initial(1, i));
        Fill(sharded.Parameter<float>(2), i => TrainingData.Initial(2, i));
        Fill(sharded.Parameter<BFloat16>(3), i => TrainingData.Initial(3, i));
    }

    public static MixedSets Initial()
    {
        var sets = new MixedSets();
        Fill(sets.A.AsSpan(), i => TrainingData.Initial(0, i));
        Fill(sets.B.AsSpan(), i => TrainingData.Initial(1, i));
        Fill(sets.C.AsSpan(), i => TrainingData.Initial(2, i));
        Fill(sets.D.AsSpan(), i => TrainingData.Initial(3, i));
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
            Fill(sharded.Gradient<BFloat16>(0), i => Poisoned(poison, rank, t, 0, i) ? float.NaN : TrainingData.Gradient(rank, t, 0, i));
            Fill(sharded.Gradient<Half>(1), i => TrainingData.Gradient(rank, t, 1, i));
            Fill(sharded.Gradient<float>(2), i => TrainingData.Gradient(rank, t, 2, i));
            Fill(sharded.Gradient<float>(3), i => TrainingData.Gradient(rank, t, 3, i));
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
        where T : class, ICheckpointable =>
        [Bits<BFloat16>(sharded.Parameter<BFloat16>(0)), Bits<Half>(sharded.Parameter<Half>(1)), Bits<float>(sharded.Parameter<float>(2)), Bits<BFloat16>(sharded.Parameter<BFloat16>(3))];

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

    public static uint[] Bits<TE>(ReadOnlySpan<TE> values)
        where TE : unmanaged =>
        Marshal.SizeOf<TE>() == sizeof(float)
            ? MemoryMarshal.Cast<TE, uint>(values).ToArray()
            : MemoryMarshal.Cast<TE, ushort>(values).ToArray().Select(bits => (uint)bits).ToArray();

    public static uint[] Bits<TE>(Span<TE> values)
        where TE : unmanaged => Bits((ReadOnlySpan<TE>)values);

    public static uint[] Bits<TE>(TE[] values)
        where TE : unmanaged => Bits((ReadOnlySpan<TE>)values);

    /// <summary>The averaged gradient of one set: each rank's value in the set's type, widened, summed in the ring's order, scaled, rounded once.</summary>
    private static void Average<TE>(TE[] gradient, ShardLayout layout, int ranks, int step, int set, bool poison)
        where TE : unmanaged
    {
        for (int i = 0; i < gradient.Length; i++)
        {
            int shard = (layout.OffsetOf(set) + i) / layout.ShardLength, e = i;
            float sum = ThreadCollectives.RingOrderSum(
                r => Widen(Round<TE>(Poisoned(poison, r, step, set, e) ? float.NaN : TrainingData.Gradient(r, step, set, e))), shard, ranks);
            gradient[i] = Round<TE>(ranks > 1 ? sum * (1f / ranks) : sum);
        }
    }

    private static void Fill<TE>(Span<TE> span, Func<int, float> value)
        where TE : unmanaged
    {
        for (int i = 0; i < span.Length; i++)
        {
            span[i] = Round<TE>(value(i));
        }
    }

    /// <summary>A float in <typeparamref name="TE"/>, rounded to nearest (ties to even) by the type's own conversion.</summary>
    private static TE Round<TE>(float value)
        where TE : unmanaged =>
        typeof(TE) == typeof(float) ? (TE)(object)value
        : typeof(TE) == typeof(BFloat16) ? (TE)(object)(BFloat16)value
        : (TE)(object)(Half)value;

    private static float Widen<TE>(TE value)
        where TE : unmanaged =>
        value switch
        {
            float single => single,
            BFloat16 bfloat16 => bfloat16,
            Half half => (float)half,
            _ => throw new NotSupportedException(typeof(TE).Name),
        };
}
