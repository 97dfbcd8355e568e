using System;
using System.IO;
using System.Linq;

namespace Rlx.Optim.Tests.Sharding;

/// <summary>
/// LAMB (sharded, its trust ratios' block sums exchanged over MPI) and Adafactor (replicated, its averaged gradient
/// all-gathered) under real <c>mpirun</c>: the bits of one process, and a checkpoint saved at 2 ranks resumes exactly at
/// 1 and at 3.
/// </summary>
public sealed partial class MpiTrainingTests
{
    [MpiTheory]
    [InlineData("lamb", 2)]
    [InlineData("lamb", 3)]
    [InlineData("adafactor", 2)]
    [InlineData("adafactor", 3)]
    public void Measured_rules_under_mpirun_end_with_the_bits_of_one_process(string optimizer, int ranks)
    {
        string output = Path.Combine(_directory, "parameters.bin");
        string log = MpiRun.Ranks(ranks, output, "0", "4", "--optimizer", optimizer, "--clip", "0.05");

        IOptimizer reference = Create(optimizer);
        reference.MaxGradientNorm = 0.05f;
        float[][] expected = ShardedTraining.Initial(reference);
        ShardedTraining.Steps(reference, expected, ranks, 0, 4);

        Assert.Equal(Flatten(expected).Select(BitConverter.SingleToInt32Bits), ReadFloats(output).Select(BitConverter.SingleToInt32Bits));
        Assert.Equal(ranks, log.Split('\n').Count(line => line.Contains("step 4, state", StringComparison.Ordinal)));
    }

    [MpiTheory]
    [InlineData("lamb")]
    [InlineData("adafactor")]
    public void A_measured_rule_checkpoint_saved_at_two_ranks_resumes_exactly_at_one_and_at_three(string optimizer)
    {
        string parameters = Path.Combine(_directory, "parameters.bin"), checkpoint = Path.Combine(_directory, "state.safetensors");
        MpiRun.Ranks(2, parameters, "0", "3", "--optimizer", optimizer, "--save", checkpoint);
        byte[] saved = File.ReadAllBytes(parameters);

        foreach (int ranks in new[] { 1, 3 })
        {
            File.WriteAllBytes(parameters, saved);
            MpiRun.Ranks(ranks, parameters, "3", "5", "--optimizer", optimizer, "--load", checkpoint);

            IOptimizer reference = Create(optimizer);
            float[][] expected = ShardedTraining.Initial(reference);
            ShardedTraining.Steps(reference, expected, 2, 0, 3);
            ShardedTraining.Steps(reference, expected, ranks, 3, 5);
            Assert.Equal(Flatten(expected).Select(BitConverter.SingleToInt32Bits), ReadFloats(parameters).Select(BitConverter.SingleToInt32Bits));
        }
    }

    /// <summary>The optimizer the ranks' program runs for <paramref name="name"/>.</summary>
    private static IOptimizer Create(string name) => name switch
    {
        "lamb" => new ShardLamb(),
        "adafactor" => new ShardAdafactor(),
        _ => throw new ArgumentOutOfRangeException(nameof(name), name, "Not one of the MPI program's optimizers."),
    };
}
