using System;
using System.IO;
using System.Linq;
using System.Runtime.InteropServices;

namespace Rlx.Optim.Tests.Sharding;

/// <summary>
/// Data-parallel training over Open MPI, end to end: <c>mpirun</c> starts the ranks, which step a
/// <see cref="ShardedOptimizer{TOptimizer}"/> through <c>Rlx.Optim.Mpi</c>. The results are the bits of one process
/// stepping the averaged gradients (the ring's summation order is fixed, so even at 3 ranks), and a checkpoint saved
/// at 2 ranks resumes exactly at 1 and at 3.
/// </summary>
[Collection(nameof(MpiTrainingTests))] // one mpirun at a time: the machine's cores are the ranks'
public sealed partial class MpiTrainingTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("rlx-mpi-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [MpiTheory]
    [InlineData(2)]
    [InlineData(3)]
    public void Ranks_under_mpirun_end_with_the_bits_of_one_process(int ranks)
    {
        string output = Path.Combine(_directory, "parameters.bin");
        string log = MpiRun.Ranks(ranks, output, "0", "4", "--clip", "0.05");

        var reference = new ShardAdamW { MaxGradientNorm = 0.05f };
        float[][] expected = ShardedTraining.Initial(reference);
        ShardedTraining.Steps(reference, expected, ranks, 0, 4);

        Assert.Equal(Flatten(expected).Select(BitConverter.SingleToInt32Bits), ReadFloats(output).Select(BitConverter.SingleToInt32Bits));
        Assert.Equal(ranks, log.Split('\n').Count(line => line.Contains("step 4, state", StringComparison.Ordinal)));
    }

    [MpiFact]
    public void A_checkpoint_saved_at_two_ranks_resumes_exactly_at_one_and_at_three()
    {
        string parameters = Path.Combine(_directory, "parameters.bin"), checkpoint = Path.Combine(_directory, "state.safetensors");
        MpiRun.Ranks(2, parameters, "0", "3", "--save", checkpoint);
        byte[] saved = File.ReadAllBytes(parameters);

        foreach (int ranks in new[] { 1, 3 })
        {
            File.WriteAllBytes(parameters, saved);
            MpiRun.Ranks(ranks, parameters, "3", "5", "--load", checkpoint);

            var reference = new ShardAdamW();
            float[][] expected = ShardedTraining.Initial(reference);
            ShardedTraining.Steps(reference, expected, 2, 0, 3);
            ShardedTraining.Steps(reference, expected, ranks, 3, 5);
            Assert.Equal(Flatten(expected).Select(BitConverter.SingleToInt32Bits), ReadFloats(parameters).Select(BitConverter.SingleToInt32Bits));
        }
    }

    [MpiTheory]
    [InlineData(2)]
    [InlineData(3)]
    public void Sixteen_bit_sets_under_mpirun_end_with_the_bits_of_one_process(int ranks)
    {
        string output = Path.Combine(_directory, "parameters.bin");
        MpiRun.Ranks(ranks, output, "0", "4", "--mixed", "--clip", "0.05");

        var reference = new ShardMasterWeightAdam { MaxGradientNorm = 0.05f };
        MixedSets expected = MixedTraining.Initial();
        MixedTraining.Steps(reference, expected, ranks, 0, 4);

        Assert.Equal(Bytes(expected), File.ReadAllBytes(output));
    }

    [MpiFact]
    public void A_checkpoint_of_16_bit_sets_saved_at_two_ranks_resumes_exactly_at_three()
    {
        string parameters = Path.Combine(_directory, "parameters.bin"), checkpoint = Path.Combine(_directory, "state.safetensors");
        MpiRun.Ranks(2, parameters, "0", "3", "--mixed", "--save", checkpoint);
        MpiRun.Ranks(3, parameters, "3", "5", "--mixed", "--load", checkpoint);

        var reference = new ShardMasterWeightAdam();
        MixedSets expected = MixedTraining.Initial();
        MixedTraining.Steps(reference, expected, 2, 0, 3);
        MixedTraining.Steps(reference, expected, 3, 3, 5);
        Assert.Equal(Bytes(expected), File.ReadAllBytes(parameters));
    }

    /// <summary>Every set's parameters in its own type, in order: what the ranks write.</summary>
    private static byte[] Bytes(MixedSets sets) =>
        [.. MemoryMarshal.AsBytes(sets.A.AsSpan()), .. MemoryMarshal.AsBytes(sets.B.AsSpan()), .. MemoryMarshal.AsBytes(sets.C.AsSpan()), .. MemoryMarshal.AsBytes(sets.D.AsSpan())];

    private static float[] Flatten(float[][] sets) => sets.SelectMany(set => set).ToArray();

    private static float[] ReadFloats(string path) => MemoryMarshal.Cast<byte, float>(File.ReadAllBytes(path)).ToArray();
}
