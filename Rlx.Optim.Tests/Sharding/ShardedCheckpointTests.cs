using System;
using System.IO;
using System.Linq;

namespace Rlx.Optim.Tests.Sharding;

/// <summary>
/// A sharded run's checkpoint is the file one process writes, bit for bit, and resumes exactly at any number of
/// processes, one process with the plain optimizer included.
/// </summary>
public sealed partial class ShardedCheckpointTests : IDisposable
{
    private const int Before = 3, After = 2;
    private readonly string _directory = Directory.CreateTempSubdirectory("rlx-sharded-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Fact]
    public void A_sharded_checkpoint_is_the_file_one_process_writes()
    {
        string sharded = Path.Combine(_directory, "sharded.safetensors"), single = Path.Combine(_directory, "single.safetensors");
        SaveAfterTwoRanks(sharded);

        var optimizer = new ShardAdamW();
        ShardedTraining.Steps(optimizer, ShardedTraining.Initial(optimizer), 2, 0, Before);
        optimizer.SaveCheckpoint(single);

        Assert.Equal(File.ReadAllBytes(single), File.ReadAllBytes(sharded));
        Assert.Empty(Directory.GetFiles(_directory, ".*")); // no temporary file left behind
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public void A_checkpoint_saved_by_two_processes_resumes_exactly_at_any_size(int ranks) =>
        AssertCheckpointResumes<ShardAdamW>(ranks);

    [Fact]
    public void One_process_resumes_a_sharded_checkpoint_with_the_plain_optimizer()
    {
        string path = Path.Combine(_directory, "run.safetensors");
        float[][] parameters = SaveAfterTwoRanks(path);
        var reference = new ShardAdamW();
        float[][] expected = ShardedTraining.Initial(reference);
        ShardedTraining.Steps(reference, expected, 2, 0, Before + After);

        var optimizer = new ShardAdamW();
        optimizer.LoadCheckpoint(path);
        ShardedTraining.Steps(optimizer, parameters, 2, Before, Before + After);

        ShardedTraining.AssertSameBits(expected, parameters);
    }

    [Fact]
    public void A_checkpoint_of_another_optimizer_is_refused_on_every_process_and_changes_nothing()
    {
        string path = Path.Combine(_directory, "other.safetensors");
        new ShardBFloat16Adam().SaveCheckpoint(path);

        string[] messages = ThreadCollectives.Run(2, collectives =>
        {
            var sharded = new ShardedOptimizer<ShardAdamW>(collectives, () => new ShardAdamW());
            ShardedTraining.Steps(sharded, 0, 1);
            float[][] state = sharded.Optimizer.States.SelectMany(s => s.Buffers).Select(b => b.Span.ToArray()).ToArray();
            var refused = Assert.Throws<CheckpointException>(() => sharded.LoadCheckpoint(path));
            Assert.Equal(state, sharded.Optimizer.States.SelectMany(s => s.Buffers).Select(b => b.Span.ToArray()).ToArray());
            Assert.Equal(1, sharded.Optimizer.StepCount);
            return refused.Message;
        });

        Assert.All(messages, message => Assert.Contains("adam", message, StringComparison.OrdinalIgnoreCase));
    }

    [Theory]
    [InlineData(1)]
    [InlineData(3)]
    public void A_schedule_free_checkpoint_is_one_process_file_and_resumes_exactly_at_another_size(int ranks)
    {
        string path = Path.Combine(_directory, "schedulefree.safetensors"), single = Path.Combine(_directory, "single.safetensors");
        float[][] saved = ThreadCollectives.Run(2, collectives =>
        {
            var sharded = new ShardedOptimizer<ShardScheduleFree>(collectives, () => new ShardScheduleFree());
            ShardedTraining.Initialize(sharded);
            ShardedTraining.Steps(sharded, 0, Before);
            sharded.SaveCheckpoint(path);
            return ShardedTraining.Parameters(sharded);
        })[0];

        // The reference: one process all along, the gradients of 2 ranks, then of the resuming run's.
        var reference = new ShardScheduleFree();
        float[][] expected = ShardedTraining.Initial(reference);
        ShardedTraining.Steps(reference, expected, 2, 0, Before);
        reference.SaveCheckpoint(single);
        Assert.Equal(File.ReadAllBytes(single), File.ReadAllBytes(path)); // max_lr and weight_sum included
        Assert.Contains("weight_sum", System.Text.Encoding.UTF8.GetString(File.ReadAllBytes(path)));
        ShardedTraining.Steps(reference, expected, ranks, Before, Before + After);

        float[][][] resumed = ThreadCollectives.Run(ranks, collectives =>
        {
            var sharded = new ShardedOptimizer<ShardScheduleFree>(collectives, () => new ShardScheduleFree());
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
    }

    /// <summary>Two ranks train <see cref="Before"/> steps and save; returns the parameters they reached.</summary>
    private static float[][] SaveAfterTwoRanks(string path) => SaveAfterTwoRanks<ShardAdamW>(path);
}
