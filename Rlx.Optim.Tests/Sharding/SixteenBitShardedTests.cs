using System;
using System.IO;
using System.Linq;

namespace Rlx.Optim.Tests.Sharding;

/// <summary>
/// Sharded runs of 16-bit sets (bfloat16 and Half parameters, 16-bit or float gradients, master weights), their ranks
/// threads of this process: every rank ends with the bits of one process stepping the averaged gradients, each 16-bit
/// gradient's float average rounded to its type once (<see cref="MixedTraining"/>), and the checkpoint is one
/// process's file.
/// </summary>
public sealed class SixteenBitShardedTests : IDisposable
{
    private const int Steps = 4;
    private readonly string _directory = Directory.CreateTempSubdirectory("rlx-sharded16-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public void Sixteen_bit_parameters_with_float_state_have_the_bits_of_one_process(int ranks) =>
        AssertOneProcessBits(ranks, () => new ShardSixteenBitAdamW(), _ => { });

    [Theory]
    [InlineData(2)]
    [InlineData(3)]
    public void Bfloat16_state_and_parameters_round_with_the_bits_of_one_process(int ranks) =>
        AssertOneProcessBits(ranks, () => new ShardSixteenBitLion(), _ => { });

    [Theory]
    [InlineData(2)]
    [InlineData(3)]
    public void Master_weights_shard_with_the_state_and_keep_the_bits_of_one_process(int ranks) =>
        AssertOneProcessBits(ranks, () => new ShardMasterWeightAdam(), _ => { });

    [Theory]
    [InlineData(2)]
    [InlineData(3)]
    public void Schedule_free_through_master_weights_has_the_bits_of_one_process(int ranks) =>
        AssertOneProcessBits(ranks, () => new ShardMasterWeightScheduleFree(), _ => { });

    [Theory]
    [InlineData(2)]
    [InlineData(3)]
    public void Adafactor_replicated_on_16_bit_sets_has_the_bits_of_one_process(int ranks) =>
        AssertOneProcessBits(ranks, () => new ShardSixteenBitAdafactor(), optimizer => optimizer.MaxGradientNorm = 0.05f);

    [Fact]
    public void Lamb_on_16_bit_parameters_measures_each_shard_as_stored() =>
        AssertOneProcessBits(3, () => new ShardSixteenBitLamb(), optimizer => optimizer.MaxGradientNorm = 0.05f);

    [Theory]
    [InlineData(2)]
    [InlineData(3)]
    public void Lamb_through_master_weights_measures_each_shard_of_the_copy(int ranks) =>
        AssertOneProcessBits(ranks, () => new ShardMasterWeightLamb(), _ => { });

    [Fact]
    public void Adafactor_replicated_through_master_weights_has_the_bits_of_one_process() =>
        AssertOneProcessBits(3, () => new ShardMasterWeightAdafactor(), _ => { });

    [Theory]
    [InlineData(2)]
    [InlineData(3)]
    public void Clipping_uses_the_global_norm_of_the_rounded_averages(int ranks)
    {
        float[][] norms = AssertOneProcessBits(ranks, () => new ShardSixteenBitAdamW(), optimizer => optimizer.MaxGradientNorm = 0.05f, out float[] expected);
        Assert.All(norms, rank => Assert.Equal(expected.Select(BitConverter.SingleToInt32Bits), rank.Select(BitConverter.SingleToInt32Bits)));
        Assert.All(expected, norm => Assert.True(norm > 0.05f)); // every step was clipped
    }

    [Fact]
    public void A_non_finite_16_bit_gradient_on_one_rank_skips_the_step_on_every_rank()
    {
        const int Ranks = 3;
        var reference = new ShardMasterWeightAdam { SkipNonFiniteSteps = true };
        MixedSets expected = MixedTraining.Initial();
        MixedTraining.Steps(reference, expected, Ranks, 0, Steps, poison: true);

        (uint[][] Bits, long StepCount, long Skipped)[] ranks = ThreadCollectives.Run(Ranks, collectives =>
        {
            var sharded = new ShardedOptimizer<ShardMasterWeightAdam>(collectives, () => new ShardMasterWeightAdam { SkipNonFiniteSteps = true });
            MixedTraining.Initialize(sharded);
            MixedTraining.Steps(sharded, 0, Steps, poison: true);
            sharded.SaveCheckpoint(Path.Combine(_directory, "skipped.safetensors"));
            return (MixedTraining.Bits(sharded), sharded.Optimizer.StepCount, sharded.Optimizer.SkippedSteps);
        });

        Assert.Equal(1, reference.SkippedSteps);
        foreach ((uint[][] bits, long stepCount, long skipped) in ranks)
        {
            MixedTraining.AssertSameBits(expected.Bits(), bits);
            Assert.Equal(Steps - 1, stepCount);
            Assert.Equal(1, skipped);
        }

        // The checkpoint carries the count, into one process and into every rank of another run.
        string path = Path.Combine(_directory, "skipped.safetensors");
        var single = new ShardMasterWeightAdam();
        single.LoadCheckpoint(path);
        Assert.Equal(1, single.SkippedSteps);
        long[] loaded = ThreadCollectives.Run(2, collectives =>
        {
            var sharded = new ShardedOptimizer<ShardMasterWeightAdam>(collectives, () => new ShardMasterWeightAdam());
            sharded.LoadCheckpoint(path);
            return sharded.Optimizer.SkippedSteps;
        });
        Assert.All(loaded, count => Assert.Equal(1, count));
    }

    [Fact]
    public void A_sharded_checkpoint_of_16_bit_sets_is_the_file_one_process_writes() =>
        AssertCheckpointIsOneProcessFile(() => new ShardMasterWeightAdam());

    [Fact]
    public void A_replicated_checkpoint_through_master_weights_is_the_file_one_process_writes() =>
        AssertCheckpointIsOneProcessFile(() => new ShardMasterWeightAdafactor());

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public void A_checkpoint_with_master_weights_resumes_exactly_at_any_size(int ranks) =>
        AssertResumesExactly(ranks, () => new ShardMasterWeightAdam());

    [Theory]
    [InlineData(1)]
    [InlineData(3)]
    public void A_replicated_checkpoint_with_master_weights_resumes_exactly_at_any_size(int ranks) =>
        AssertResumesExactly(ranks, () => new ShardMasterWeightAdafactor());

    [Fact]
    public void A_set_is_read_and_written_in_its_declared_element_type_only()
    {
        ThreadCollectives.Run(2, collectives =>
        {
            var sharded = new ShardedOptimizer<ShardSixteenBitAdamW>(collectives, () => new ShardSixteenBitAdamW());
            var parameter = Assert.Throws<ArgumentException>(() => sharded.Parameter(0));
            Assert.Contains("Parameter<BFloat16>(0)", parameter.Message);
            var gradient = Assert.Throws<ArgumentException>(() => sharded.Gradient<BFloat16>(3));
            Assert.Contains("Single gradients", gradient.Message);
            Assert.Equal(37, sharded.Parameter<Half>(1).Length);
            Assert.Equal(37, sharded.GradientMemory<Half>(1).Length);
            Assert.Equal(20_001, sharded.ParameterMemory<BFloat16>(3).Span.Length);
            return 0;
        });
    }

    private void AssertCheckpointIsOneProcessFile<T>(Func<T> create)
        where T : class, IMixedSets
    {
        string sharded = Path.Combine(_directory, "sharded.safetensors"), single = Path.Combine(_directory, "single.safetensors");
        SaveAfterTwoRanks(sharded, create);

        T reference = create();
        MixedTraining.Steps(reference, MixedTraining.Initial(), 2, 0, 3);
        reference.SaveCheckpoint(single);

        Assert.Equal(File.ReadAllBytes(single), File.ReadAllBytes(sharded));
        Assert.Contains("master_weight", System.Text.Encoding.UTF8.GetString(File.ReadAllBytes(sharded)));
    }

    private void AssertResumesExactly<T>(int ranks, Func<T> create)
        where T : class, IMixedSets
    {
        string path = Path.Combine(_directory, "run.safetensors");
        MixedSets saved = SaveAfterTwoRanks(path, create);

        T reference = create();
        MixedSets expected = MixedTraining.Initial();
        MixedTraining.Steps(reference, expected, 2, 0, 3);
        MixedTraining.Steps(reference, expected, ranks, 3, 5);

        uint[][][] resumed = ThreadCollectives.Run(ranks, collectives =>
        {
            var sharded = new ShardedOptimizer<T>(collectives, create);
            sharded.LoadCheckpoint(path);
            MixedTraining.CopyInto(saved, sharded);
            MixedTraining.Steps(sharded, 3, 5);
            return MixedTraining.Bits(sharded);
        });

        Assert.All(resumed, bits => MixedTraining.AssertSameBits(expected.Bits(), bits));
    }

    /// <summary>Two ranks train 3 steps and save; returns the parameters they reached.</summary>
    private static MixedSets SaveAfterTwoRanks<T>(string path, Func<T> create)
        where T : class, IMixedSets
    {
        MixedSets reached = MixedTraining.Initial();
        ThreadCollectives.Run(2, collectives =>
        {
            var sharded = new ShardedOptimizer<T>(collectives, create);
            MixedTraining.Initialize(sharded);
            MixedTraining.Steps(sharded, 0, 3);
            sharded.SaveCheckpoint(path);
            if (collectives.Rank == 0)
            {
                sharded.Parameter<BFloat16>(0).CopyTo(reached.A);
                sharded.Parameter<Half>(1).CopyTo(reached.B);
                sharded.Parameter<float>(2).CopyTo(reached.C);
                sharded.Parameter<BFloat16>(3).CopyTo(reached.D);
            }

            return 0;
        });

        return reached;
    }

    private static void AssertOneProcessBits<T>(int ranks, Func<T> create, Action<IOptimizer> configure)
        where T : class, IMixedSets =>
        AssertOneProcessBits(ranks, create, configure, out _);

    /// <summary>
    /// Runs <paramref name="ranks"/> ranks and one process, asserts every rank's parameters are the one process's bits
    /// and that the ranks' state adds up to the one process's (each rank's is the one process's, when the state is
    /// replicated); returns each rank's norms.
    /// </summary>
    private static float[][] AssertOneProcessBits<T>(int ranks, Func<T> create, Action<IOptimizer> configure, out float[] expectedNorms)
        where T : class, IMixedSets
    {
        T reference = create();
        configure(reference);
        MixedSets expected = MixedTraining.Initial();
        expectedNorms = MixedTraining.Steps(reference, expected, ranks, 0, Steps);

        (uint[][] Bits, float[] Norms, long StepCount, long StateElements, bool Replicated)[] results = ThreadCollectives.Run(ranks, collectives =>
        {
            var sharded = new ShardedOptimizer<T>(collectives, create);
            configure(sharded.Optimizer);
            MixedTraining.Initialize(sharded);
            float[] norms = MixedTraining.Steps(sharded, 0, Steps);
            return (MixedTraining.Bits(sharded), norms, sharded.Optimizer.StepCount, StateElements(sharded.Optimizer), sharded.ReplicatesState);
        });

        foreach ((uint[][] bits, _, long stepCount, _, _) in results)
        {
            MixedTraining.AssertSameBits(expected.Bits(), bits);
            Assert.Equal(Steps, stepCount);
        }

        if (results[0].Replicated)
        {
            Assert.All(results, rank => Assert.Equal(StateElements(reference), rank.StateElements));
        }
        else
        {
            Assert.Equal(StateElements(reference), results.Sum(rank => rank.StateElements));
        }
        return results.Select(rank => rank.Norms).ToArray();
    }

    private static long StateElements(IOptimizer optimizer) =>
        optimizer.States.SelectMany(state => state.Buffers).Sum(buffer => (long)buffer.Length);
}
