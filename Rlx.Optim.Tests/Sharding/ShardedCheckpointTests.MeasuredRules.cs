using System;
using System.IO;

namespace Rlx.Optim.Tests.Sharding;

/// <summary>
/// Checkpoints of LAMB's sharded runs and Adafactor's replicated ones (and the helpers every rule's checkpoint tests
/// share): one process's file, byte for byte, resumed exactly at 1, 2 and 3 processes.
/// </summary>
public sealed partial class ShardedCheckpointTests
{
    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public void A_lamb_checkpoint_is_one_process_file_and_resumes_exactly_at_any_size(int ranks) =>
        AssertCheckpointResumes<ShardLamb>(ranks);

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public void An_adafactor_checkpoint_is_one_process_file_and_resumes_exactly_at_any_size(int ranks) =>
        AssertCheckpointResumes<ShardAdafactor>(ranks);

    [Fact]
    public void One_process_resumes_a_replicated_adafactor_checkpoint_with_the_plain_optimizer()
    {
        string path = Path.Combine(_directory, "adafactor.safetensors");
        float[][] parameters = SaveAfterTwoRanks<ShardAdafactor>(path);
        var reference = new ShardAdafactor();
        float[][] expected = ShardedTraining.Initial(reference);
        ShardedTraining.Steps(reference, expected, 2, 0, Before + After);

        var optimizer = new ShardAdafactor();
        optimizer.LoadCheckpoint(path);
        ShardedTraining.Steps(optimizer, parameters, 2, Before, Before + After);

        ShardedTraining.AssertSameBits(expected, parameters);
    }

    /// <summary>
    /// Two ranks train and save; the file is the one process's, and runs of <paramref name="ranks"/> resume it with
    /// the bits of one process all along.
    /// </summary>
    private void AssertCheckpointResumes<T>(int ranks)
        where T : class, ICheckpointable, new()
    {
        string path = Path.Combine(_directory, $"{typeof(T).Name}.safetensors"), single = Path.Combine(_directory, "single.safetensors");
        float[][] saved = SaveAfterTwoRanks<T>(path);

        // The reference: one process all along, the gradients of 2 ranks, then of the resuming run's.
        var reference = new T();
        float[][] expected = ShardedTraining.Initial(reference);
        ShardedTraining.Steps(reference, expected, 2, 0, Before);
        reference.SaveCheckpoint(single);
        Assert.Equal(File.ReadAllBytes(single), File.ReadAllBytes(path));
        ShardedTraining.AssertSameBits(expected, saved);
        ShardedTraining.Steps(reference, expected, ranks, Before, Before + After);

        float[][][] resumed = ThreadCollectives.Run(ranks, collectives =>
        {
            var sharded = new ShardedOptimizer<T>(collectives, () => new T());
            sharded.LoadCheckpoint(path);
            for (int set = 0; set < saved.Length; set++)
            {
                saved[set].CopyTo(sharded.Parameter(set));
            }

            Assert.Equal(Before, sharded.Optimizer.StepCount);
            ShardedTraining.Steps(sharded, Before, Before + After);
            return ShardedTraining.Parameters(sharded);
        });

        Assert.All(resumed, parameters => ShardedTraining.AssertSameBits(expected, parameters));
        Assert.Empty(Directory.GetFiles(_directory, ".*")); // no temporary file left behind
    }

    /// <summary>Two ranks train <see cref="Before"/> steps and save; returns the parameters they reached.</summary>
    private static float[][] SaveAfterTwoRanks<T>(string path)
        where T : class, ICheckpointable, new() =>
        ThreadCollectives.Run(2, collectives =>
        {
            var sharded = new ShardedOptimizer<T>(collectives, () => new T());
            ShardedTraining.Initialize(sharded);
            ShardedTraining.Steps(sharded, 0, Before);
            sharded.SaveCheckpoint(path);
            return ShardedTraining.Parameters(sharded);
        })[0];
}
