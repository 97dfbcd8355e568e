using System;
using System.Linq;

namespace Rlx.Optim.Tests.Sharding;

/// <summary>
/// The training the sharded tests run: every rank's gradients a fixed function of (rank, step, set, element), stepped
/// either by a <see cref="ShardedOptimizer{TOptimizer}"/> per rank, or by one process from the averaged gradients,
/// summed in the ring's order and multiplied by 1/N, as the sharded step forms them.
/// </summary>
internal static class ShardedTraining
{
    public static float Initial(int set, int i) => TrainingData.Initial(set, i);

    public static float Gradient(int rank, int step, int set, int i) => TrainingData.Gradient(rank, step, set, i);

    /// <summary>Every set's parameters at their initial values.</summary>
    public static void Initialize<T>(ShardedOptimizer<T> sharded)
        where T : class, ICheckpointable
    {
        for (int set = 0; set < sharded.Layout.SetCount; set++)
        {
            Span<float> parameter = sharded.Parameter(set);
            for (int i = 0; i < parameter.Length; i++)
            {
                parameter[i] = Initial(set, i);
            }
        }
    }

    /// <summary>Steps <c>[from, to)</c> of a sharded run; <paramref name="poison"/> says where a rank's gradient holds a NaN.</summary>
    public static float[] Steps<T>(ShardedOptimizer<T> sharded, int from, int to, Func<int, int, bool>? poison = null)
        where T : class, ICheckpointable
    {
        var norms = new float[to - from];
        for (int step = from; step < to; step++)
        {
            for (int set = 0; set < sharded.Layout.SetCount; set++)
            {
                Span<float> gradient = sharded.Gradient(set);
                for (int i = 0; i < gradient.Length; i++)
                {
                    gradient[i] = Gradient(sharded.Collectives.Rank, step, set, i);
                }

                if (poison?.Invoke(sharded.Collectives.Rank, step) == true && set == 2)
                {
                    gradient[5] = float.NaN;
                }
            }

            sharded.Step();
            norms[step - from] = sharded.Optimizer.GradientNorm;
        }

        return norms;
    }

    /// <summary>Every set's parameters at their initial values, for one process.</summary>
    public static float[][] Initial(IOptimizer optimizer) =>
        optimizer.States.Select((state, set) => Enumerable.Range(0, state.Length).Select(i => Initial(set, i)).ToArray()).ToArray();

    /// <summary>Steps <c>[from, to)</c> of one process stepping what <paramref name="ranks"/> processes' gradients average to.</summary>
    public static float[] Steps(IOptimizer optimizer, float[][] parameters, int ranks, int from, int to, Func<int, int, bool>? poison = null)
    {
        int[] lengths = optimizer.States.Select(state => state.Length).ToArray();
        var layout = new ShardLayout(lengths, ranks);
        var norms = new float[to - from];
        for (int step = from; step < to; step++)
        {
            var named = new NamedParameter[lengths.Length];
            for (int set = 0; set < lengths.Length; set++)
            {
                var gradient = new float[lengths[set]];
                for (int i = 0; i < gradient.Length; i++)
                {
                    int shard = (layout.OffsetOf(set) + i) / layout.ShardLength;
                    int s = set, e = i, t = step;
                    float sum = ThreadCollectives.RingOrderSum(
                        r => poison?.Invoke(r, t) == true && s == 2 && e == 5 ? float.NaN : Gradient(r, t, s, e), shard, ranks);
                    gradient[i] = ranks > 1 ? sum * (1f / ranks) : sum;
                }

                named[set] = new NamedParameter(optimizer.States[set].Name, parameters[set], gradient);
            }

            optimizer.StepAll(named);
            norms[step - from] = optimizer.GradientNorm;
        }

        return norms;
    }

    public static void AssertSameBits(float[][] expected, float[][] actual)
    {
        Assert.Equal(expected.Length, actual.Length);
        for (int set = 0; set < expected.Length; set++)
        {
            Assert.Equal(expected[set].Select(BitConverter.SingleToInt32Bits), actual[set].Select(BitConverter.SingleToInt32Bits));
        }
    }

    public static float[][] Parameters<T>(ShardedOptimizer<T> sharded)
        where T : class, ICheckpointable =>
        Enumerable.Range(0, sharded.Layout.SetCount).Select(set => sharded.Parameter(set).ToArray()).ToArray();
}
