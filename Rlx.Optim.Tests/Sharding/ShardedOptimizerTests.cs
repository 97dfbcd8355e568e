using System;
using System.Linq;
using Rlx.Optim.CompilerServices;

namespace Rlx.Optim.Tests.Sharding;

/// <summary>
/// A data-parallel run with sharded state, its ranks threads of this process (<see cref="ThreadCollectives"/>), gives
/// the bits of one process stepping the averaged gradients (summed in the ring's order, then multiplied by 1/N), on
/// every rank, with each rank holding only its shard's state.
/// </summary>
public sealed partial class ShardedOptimizerTests
{
    private const int Steps = 4;

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public void A_sharded_run_has_the_bits_of_one_process_on_every_rank(int ranks)
    {
        RankResult[] sharded = RunSharded(ranks, () => new ShardAdamW(), Configure.None);
        float[][] expected = RunSingle(ranks, new ShardAdamW(), Configure.None, out float[] norms);

        foreach (RankResult rank in sharded)
        {
            AssertSameBits(expected, rank.Parameters);
            Assert.Equal(Steps, rank.StepCount);
        }

        Assert.All(norms, norm => Assert.True(float.IsNaN(norm)));
    }

    [Theory]
    [InlineData(2)]
    [InlineData(3)]
    public void Clipping_uses_the_global_norm_with_the_bits_of_one_process(int ranks)
    {
        RankResult[] sharded = RunSharded(ranks, () => new ShardAdamW(), Configure.Clip);
        float[][] expected = RunSingle(ranks, new ShardAdamW(), Configure.Clip, out float[] norms);

        foreach (RankResult rank in sharded)
        {
            AssertSameBits(expected, rank.Parameters);
            Assert.Equal(norms.Select(BitConverter.SingleToInt32Bits), rank.Norms.Select(BitConverter.SingleToInt32Bits));
        }

        Assert.All(norms, norm => Assert.True(norm > Configure.MaxNorm)); // every step was clipped
    }

    [Theory]
    [InlineData(2)]
    [InlineData(3)]
    public void A_non_finite_gradient_on_one_rank_skips_the_step_on_every_rank(int ranks)
    {
        RankResult[] sharded = RunSharded(ranks, () => new ShardAdamW(), Configure.SkipWithNaN);
        float[][] expected = RunSingle(ranks, new ShardAdamW(), Configure.SkipWithNaN, out _);

        foreach (RankResult rank in sharded)
        {
            AssertSameBits(expected, rank.Parameters);
            Assert.Equal(Steps - 1, rank.StepCount);
            Assert.Equal(1, rank.SkippedSteps);
        }
    }

    [Fact]
    public void Bfloat16_state_rounds_with_the_bits_of_one_process()
    {
        RankResult[] sharded = RunSharded(3, () => new ShardBFloat16Adam(), Configure.None);
        float[][] expected = RunSingle(3, new ShardBFloat16Adam(), Configure.None, out _);

        foreach (RankResult rank in sharded)
        {
            AssertSameBits(expected, rank.Parameters);
        }
    }

    [Theory]
    [InlineData(2)]
    [InlineData(3)]
    public void Schedule_free_has_the_bits_of_one_process(int ranks)
    {
        RankResult[] sharded = RunSharded(ranks, () => new ShardScheduleFree(), Configure.None);
        float[][] expected = RunSingle(ranks, new ShardScheduleFree(), Configure.None, out _);

        foreach (RankResult rank in sharded)
        {
            AssertSameBits(expected, rank.Parameters);
            Assert.Equal(Steps, rank.StepCount);
        }
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public void Schedule_free_swaps_every_rank_to_one_process_x_and_back(int ranks)
    {
        // The reference: one process, the same averaged gradients, then its own swap of every set.
        var reference = new ShardScheduleFree();
        float[][] y = ShardedTraining.Initial(reference);
        ShardedTraining.Steps(reference, y, ranks, 0, 3);
        float[][] x = y.Select(set => (float[])set.Clone()).ToArray();
        reference.SwapToEvaluation(reference.States.Select((state, set) => new NamedParameter(state.Name, x[set], ReadOnlyMemory<float>.Empty)).ToArray());

        (float[][] Evaluation, float[][] Training, bool Refused)[] results = ThreadCollectives.Run(ranks, collectives =>
        {
            var sharded = new ShardedOptimizer<ShardScheduleFree>(collectives, () => new ShardScheduleFree());
            ShardedTraining.Initialize(sharded);
            ShardedTraining.Steps(sharded, 0, 3);
            sharded.SwapToEvaluation();
            float[][] evaluation = ShardedTraining.Parameters(sharded);
            bool refused = Assert.Throws<InvalidOperationException>(() => sharded.Step()).Message.Contains("SwapToTraining", StringComparison.Ordinal);
            Assert.Throws<InvalidOperationException>(() => sharded.SwapToEvaluation());
            Assert.True(sharded.IsEvaluating);
            Assert.Equal(3, sharded.Optimizer.StepCount);
            sharded.SwapToTraining();
            Assert.False(sharded.IsEvaluating);
            return (evaluation, ShardedTraining.Parameters(sharded), refused);
        });

        Assert.NotEqual(y[0].Select(BitConverter.SingleToInt32Bits), x[0].Select(BitConverter.SingleToInt32Bits)); // x is not y
        foreach ((float[][] evaluation, float[][] training, bool refused) in results)
        {
            AssertSameBits(x, evaluation);
            AssertSameBits(y, training);
            Assert.True(refused);
        }
    }

    [Fact]
    public void Evaluation_swaps_are_refused_where_they_do_not_apply_and_change_nothing()
    {
        ThreadCollectives.Run(2, collectives =>
        {
            var sharded = new ShardedOptimizer<ShardScheduleFree>(collectives, () => new ShardScheduleFree());
            ShardedTraining.Initialize(sharded);
            ShardedTraining.Steps(sharded, 0, 2);
            ShardScheduleFree optimizer = sharded.Optimizer;
            float[] parameter = sharded.Parameter(1).ToArray(), before = (float[])parameter.Clone();
            string name = optimizer.States[1].Name;

            // The optimizer's own swap cannot see the other shards' z: it points to the ShardedOptimizer's.
            var one = Assert.Throws<InvalidOperationException>(() => optimizer.SwapToEvaluation(name, parameter));
            Assert.Contains("ShardedOptimizer (SwapToEvaluation", one.Message);
            Assert.Equal(before, parameter);
            Assert.Throws<InvalidOperationException>(() => sharded.SwapToTraining());

            var adam = new ShardedOptimizer<ShardAdamW>(collectives, () => new ShardAdamW());
            Assert.Contains("only Schedule-Free", Assert.Throws<NotSupportedException>(() => adam.SwapToEvaluation()).Message);
            var sixteen = new ShardedOptimizer<ShardMasterWeightScheduleFree>(collectives, () => new ShardMasterWeightScheduleFree());
            Assert.Contains("not float", Assert.Throws<NotSupportedException>(() => sixteen.SwapToEvaluation()).Message);
            Assert.False(sixteen.IsEvaluating);
            ShardedTraining.Steps(sharded, 2, 3); // still steps
            Assert.Equal(3, optimizer.StepCount);
            return 0;
        });
    }

    [Fact]
    public void A_planned_step_is_refused_while_swapped_to_evaluation()
    {
        var optimizer = new ShardScheduleFree();
        float[] p = new float[37], g = new float[37];
        optimizer.StepB(p, g);
        optimizer.EndIteration();
        optimizer.SwapToEvaluation("b", p);
        var refused = Assert.Throws<InvalidOperationException>(() => ((IPlannedOptimizer)optimizer).Prepare());
        Assert.Contains("SwapToTraining", refused.Message);
        optimizer.SwapToTraining("b", p);
        ((IPlannedOptimizer)optimizer).Prepare();
        Assert.Equal(1, optimizer.StepCount);
    }

    [Fact]
    public void Each_rank_holds_one_shard_of_the_state()
    {
        long whole = new ShardAdamW().StateBytes;
        RankResult[] sharded = RunSharded(3, () => new ShardAdamW(), Configure.None);
        var layout = new ShardLayout([15_000, 37, 8_192, 20_001], 3);

        Assert.Equal(15_000 + 37 + 8_192 + 20_001, Enumerable.Range(0, 3).Sum(rank => sharded[rank].StateElements / 2));
        for (int rank = 0; rank < 3; rank++)
        {
            long slices = Enumerable.Range(0, layout.SetCount).Sum(set => (long)layout.SliceOf(set, rank).Length);
            Assert.Equal(2 * slices, sharded[rank].StateElements); // exp_avg and exp_avg_sq of the shard's slices
            Assert.True(sharded[rank].StateBytes < whole / 2);
        }
    }

    [Fact]
    public void A_shard_refuses_whole_set_steps_and_plain_checkpoints()
    {
        ThreadCollectives.Run(2, collectives =>
        {
            var sharded = new ShardedOptimizer<ShardAdamW>(collectives, () => new ShardAdamW());
            ShardAdamW optimizer = sharded.Optimizer;
            float[] p = new float[37], g = new float[37];
            Assert.Throws<InvalidOperationException>(() => optimizer.StepB(p, g));
            Assert.Throws<InvalidOperationException>(() => optimizer.Step("b", p, g));
            Assert.Throws<InvalidOperationException>(() => optimizer.Step("other", p, g));
            Assert.Throws<InvalidOperationException>(() => optimizer.StepAll([new NamedParameter("b", p, g)]));
            Assert.Throws<InvalidOperationException>(() => optimizer.SaveCheckpoint(new System.IO.MemoryStream()));
            Assert.Equal(0, optimizer.StepCount);
            Assert.All(optimizer.States.SelectMany(s => s.Buffers), buffer => Assert.All(buffer.Span.ToArray(), x => Assert.Equal(0f, x)));
            return 0;
        });
    }

    [Fact]
    public void A_step_allocates_nothing()
    {
        var sharded = new ShardedOptimizer<ShardAdamW>(new SingleProcess(), () => new ShardAdamW());
        sharded.Optimizer.MaxGradientNorm = 0.5f;
        sharded.Gradient(0).Fill(0.25f);
        sharded.Step();
        long before = GC.GetAllocatedBytesForCurrentThread();
        sharded.Step();
        sharded.Step();

        Assert.Equal(before, GC.GetAllocatedBytesForCurrentThread());
        Assert.Equal(3, sharded.Optimizer.StepCount);
    }

    [Fact]
    public void A_step_of_16_bit_sets_with_master_weights_allocates_nothing()
    {
        var sharded = new ShardedOptimizer<ShardMasterWeightAdam>(new SingleProcess(), () => new ShardMasterWeightAdam());
        sharded.Optimizer.MaxGradientNorm = 0.5f;
        sharded.Gradient<BFloat16>(0).Fill((BFloat16)0.25f);
        sharded.Gradient<Half>(1).Fill((Half)0.25f);
        sharded.Step();
        long before = GC.GetAllocatedBytesForCurrentThread();
        sharded.Step();
        sharded.Step();

        Assert.Equal(before, GC.GetAllocatedBytesForCurrentThread());
        Assert.Equal(3, sharded.Optimizer.StepCount);
    }

    /// <summary>What each test sets on the optimizer, and the gradients' twist.</summary>
    private static class Configure
    {
        public const float MaxNorm = 0.05f;

        public static readonly Action<IOptimizer> None = _ => { };

        public static readonly Action<IOptimizer> Clip = optimizer => optimizer.MaxGradientNorm = MaxNorm;

        public static readonly Action<IOptimizer> SkipWithNaN = optimizer => optimizer.SkipNonFiniteSteps = true;

        /// <summary>With <see cref="SkipWithNaN"/>: rank 1's gradient of step 2 holds a NaN.</summary>
        public static bool PoisonsStep(Action<IOptimizer> configure, int rank, int step) => configure == SkipWithNaN && rank == 1 && step == 2;
    }

    private sealed record RankResult(float[][] Parameters, long StepCount, long SkippedSteps, long StateBytes, long StateElements, float[] Norms);

    private static RankResult[] RunSharded<T>(int ranks, Func<T> create, Action<IOptimizer> configure)
        where T : class, ICheckpointable =>
        ThreadCollectives.Run(ranks, collectives =>
        {
            var sharded = new ShardedOptimizer<T>(collectives, create);
            configure(sharded.Optimizer);
            ShardedTraining.Initialize(sharded);
            float[] norms = ShardedTraining.Steps(sharded, 0, Steps, (rank, step) => Configure.PoisonsStep(configure, rank, step));
            long elements = sharded.Optimizer.States.SelectMany(state => state.Buffers).Sum(buffer => (long)buffer.Length);
            return new RankResult(
                ShardedTraining.Parameters(sharded), sharded.Optimizer.StepCount, sharded.Optimizer.SkippedSteps,
                sharded.Optimizer.StateBytes, elements, norms);
        });

    /// <summary>One process stepping the averaged gradients: summed in the ring's order, multiplied by 1/N.</summary>
    private static float[][] RunSingle(int ranks, ICheckpointable optimizer, Action<IOptimizer> configure, out float[] norms)
    {
        configure(optimizer);
        float[][] parameters = ShardedTraining.Initial(optimizer);
        norms = ShardedTraining.Steps(optimizer, parameters, ranks, 0, Steps, (rank, step) => Configure.PoisonsStep(configure, rank, step));
        return parameters;
    }

    private static void AssertSameBits(float[][] expected, float[][] actual) => ShardedTraining.AssertSameBits(expected, actual);

    /// <summary>One process alone: every collective is the identity.</summary>
    private sealed class SingleProcess : ICollectives
    {
        public int Rank => 0;

        public int Size => 1;

        public void ReduceScatterSum(ReadOnlySpan<float> send, Span<float> receive, float scale) => send.CopyTo(receive);

        public void AllGatherInPlace(Span<float> buffer, int blockLength)
        {
        }

        public void AllGatherInPlace(Span<double> buffer, int blockLength)
        {
        }

        public void AllGatherInPlace(Span<uint> buffer, ReadOnlySpan<int> blockOffsets)
        {
        }

        public void Broadcast(Span<byte> data, int root)
        {
        }

        public void Barrier()
        {
        }
    }
}
