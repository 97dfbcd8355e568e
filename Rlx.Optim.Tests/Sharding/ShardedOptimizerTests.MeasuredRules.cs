using System;
using System.Linq;

namespace Rlx.Optim.Tests.Sharding;

/// <summary>
/// The rules that measure their sets before updating them: LAMB sharded (each rank measures its shard's blocks of the
/// trust ratio and the blocks' sums are exchanged), Adafactor replicated (every rank steps every set whole from the
/// averaged gradient). Both give every rank the bits of one process stepping the averaged gradients.
/// </summary>
public sealed partial class ShardedOptimizerTests
{
    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public void Lamb_sharded_has_the_bits_of_one_process_on_every_rank(int ranks) =>
        AssertBitsOfOneProcess<ShardLamb>(ranks, Configure.None);

    [Theory]
    [InlineData(2)]
    [InlineData(3)]
    public void Lamb_sharded_clips_with_the_global_norm_and_skips_everywhere(int ranks)
    {
        AssertBitsOfOneProcess<ShardLamb>(ranks, Configure.Clip);
        AssertBitsOfOneProcess<ShardLamb>(ranks, Configure.SkipWithNaN);
    }

    [Fact]
    public void Lamb_sharded_with_bfloat16_moments_has_the_bits_of_one_process() =>
        AssertBitsOfOneProcess<ShardBFloat16Lamb>(3, Configure.None);

    [Fact]
    public void Lamb_ranks_hold_one_shard_of_the_state()
    {
        long whole = new ShardLamb().StateBytes;
        RankResult[] sharded = RunSharded(3, () => new ShardLamb(), Configure.None);
        var layout = new ShardLayout([15_000, 37, 8_192, 20_001], 3);
        for (int rank = 0; rank < 3; rank++)
        {
            long slices = Enumerable.Range(0, layout.SetCount).Sum(set => (long)layout.SliceOf(set, rank).Length);
            Assert.Equal(2 * slices, sharded[rank].StateElements); // exp_avg and exp_avg_sq of the shard's slices
            Assert.True(sharded[rank].StateBytes < whole / 2);
        }
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public void Adafactor_replicated_has_the_bits_of_one_process_on_every_rank(int ranks) =>
        AssertBitsOfOneProcess<ShardAdafactor>(ranks, Configure.None);

    [Theory]
    [InlineData(2)]
    [InlineData(3)]
    public void Adafactor_replicated_clips_with_the_global_norm_and_skips_everywhere(int ranks)
    {
        AssertBitsOfOneProcess<ShardAdafactor>(ranks, Configure.Clip);
        AssertBitsOfOneProcess<ShardAdafactor>(ranks, Configure.SkipWithNaN);
    }

    [Fact]
    public void Adafactor_replicated_in_double_has_the_bits_of_one_process() =>
        AssertBitsOfOneProcess<ShardDoubleAdafactor>(3, Configure.Clip);

    [Fact]
    public void Adafactor_ranks_each_hold_the_whole_state_of_one_process()
    {
        var single = new ShardAdafactor();
        ShardedTraining.Steps(single, ShardedTraining.Initial(single), 2, 0, Steps);
        float[][] expected = single.States.SelectMany(s => s.Buffers).Select(b => b.Span.ToArray()).ToArray();

        (float[][] State, long Bytes)[] ranks = ThreadCollectives.Run(2, collectives =>
        {
            var sharded = new ShardedOptimizer<ShardAdafactor>(collectives, () => new ShardAdafactor());
            ShardedTraining.Initialize(sharded);
            ShardedTraining.Steps(sharded, 0, Steps);
            return (sharded.Optimizer.States.SelectMany(s => s.Buffers).Select(b => b.Span.ToArray()).ToArray(), sharded.Optimizer.StateBytes);
        });

        Assert.Equal(["row_var", "col_var", "variance", "row_var", "col_var", "variance"], single.States.SelectMany(s => s.Buffers).Select(b => b.Name));
        foreach ((float[][] state, long bytes) in ranks)
        {
            Assert.Equal(single.StateBytes, bytes);
            Assert.Equal(expected.Length, state.Length);
            for (int buffer = 0; buffer < expected.Length; buffer++)
            {
                Assert.Equal(expected[buffer].Select(BitConverter.SingleToInt32Bits), state[buffer].Select(BitConverter.SingleToInt32Bits));
            }
        }
    }

    [Fact]
    public void An_adafactor_rank_refuses_whole_set_steps_and_plain_checkpoints()
    {
        ThreadCollectives.Run(2, collectives =>
        {
            var sharded = new ShardedOptimizer<ShardAdafactor>(collectives, () => new ShardAdafactor());
            ShardAdafactor optimizer = sharded.Optimizer;
            float[] p = new float[37], g = new float[37];
            g.AsSpan().Fill(0.5f);
            Assert.Contains("ShardedOptimizer", Assert.Throws<InvalidOperationException>(() => optimizer.StepB(p, g)).Message);
            Assert.Throws<InvalidOperationException>(() => optimizer.Step("b", p, g));
            Assert.Throws<InvalidOperationException>(() => optimizer.Step("other", p, g));
            Assert.Throws<InvalidOperationException>(() => optimizer.StepAll([new NamedParameter("b", p, g)]));
            Assert.Throws<InvalidOperationException>(() => optimizer.SaveCheckpoint(new System.IO.MemoryStream()));
            Assert.Equal(0, optimizer.StepCount);
            Assert.All(p, x => Assert.Equal(0f, x));
            Assert.All(optimizer.States.SelectMany(s => s.Buffers), buffer => Assert.All(buffer.Span.ToArray(), x => Assert.Equal(0f, x)));
            return 0;
        });
    }

    [Fact]
    public void Lamb_and_adafactor_sharded_steps_allocate_nothing()
    {
        AssertStepsAllocateNothing(new ShardedOptimizer<ShardLamb>(new SingleProcess(), () => new ShardLamb()));
        AssertStepsAllocateNothing(new ShardedOptimizer<ShardAdafactor>(new SingleProcess(), () => new ShardAdafactor()));
    }

    private static void AssertStepsAllocateNothing<T>(ShardedOptimizer<T> sharded)
        where T : class, ICheckpointable
    {
        sharded.Optimizer.MaxGradientNorm = 0.5f;
        ShardedTraining.Initialize(sharded);
        for (int set = 0; set < sharded.Layout.SetCount; set++)
        {
            sharded.Gradient(set).Fill(0.25f);
        }

        sharded.Step();
        long before = GC.GetAllocatedBytesForCurrentThread();
        sharded.Step();
        sharded.Step();

        Assert.Equal(before, GC.GetAllocatedBytesForCurrentThread());
        Assert.Equal(3, sharded.Optimizer.StepCount);
    }

    /// <summary>Every rank of a run of <paramref name="ranks"/> ends with one process's parameters, norms and step counts.</summary>
    private static void AssertBitsOfOneProcess<T>(int ranks, Action<IOptimizer> configure)
        where T : class, ICheckpointable, new()
    {
        RankResult[] sharded = RunSharded(ranks, () => new T(), configure);
        var single = new T();
        float[][] expected = RunSingle(ranks, single, configure, out float[] norms);

        foreach (RankResult rank in sharded)
        {
            AssertSameBits(expected, rank.Parameters);
            Assert.Equal(norms.Select(BitConverter.SingleToInt32Bits), rank.Norms.Select(BitConverter.SingleToInt32Bits));
            Assert.Equal(single.StepCount, rank.StepCount);
            Assert.Equal(single.SkippedSteps, rank.SkippedSteps);
        }

        Assert.Equal(configure == Configure.SkipWithNaN ? 1 : 0, single.SkippedSteps);
        Assert.NotEqual(ShardedTraining.Initial(single)[0], expected[0]); // the parameters moved
    }
}
