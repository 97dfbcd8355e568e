using System;
using System.IO;
using Rlx.Optim;
using Rlx.Optim.Mpi;
using Rlx.Optim.Tests.Sharding;

// One rank of a sharded run over Open MPI, for the MPI tests:
//   Rlx.Optim.Tests.MpiRanks <out-file> <from-step> <to-step> [--optimizer adamw|lamb|adafactor | --mixed]
//                            [--clip <max-norm>] [--load <checkpoint>] [--save <checkpoint>]
// One of the tests' float optimizers (ShardAdamW by default), or with --mixed ShardMasterWeightAdam's 16-bit and
// float sets (MixedSets). Parameters start at TrainingData.Initial, or at <out-file>'s contents when it exists (a
// resumed run). Rank 0 writes the final parameters (every set's values in its own type, in order) to <out-file>; each
// rank prints its state and buffer bytes.
using MpiWorld world = MpiWorld.Initialize();
string? Option(string name) => Array.IndexOf(args, name) is int i and >= 0 ? args[i + 1] : null;
if (Array.IndexOf(args, "--mixed") >= 0)
{
    var mixed = new ShardedOptimizer<ShardMasterWeightAdam>(world, () => new ShardMasterWeightAdam());
    Train(mixed, MixedSets.Initialize, step => MixedSets.WriteGradients(mixed, step, (_, _) => false), set => MixedSets.ParameterBytes(mixed, set));
}
else
{
    switch (Option("--optimizer") ?? "adamw")
    {
        case "adamw":
            TrainFloats(new ShardedOptimizer<ShardAdamW>(world, () => new ShardAdamW()));
            break;
        case "lamb":
            TrainFloats(new ShardedOptimizer<ShardLamb>(world, () => new ShardLamb()));
            break;
        case "adafactor":
            TrainFloats(new ShardedOptimizer<ShardAdafactor>(world, () => new ShardAdafactor()));
            break;
        default:
            throw new ArgumentException($"Unknown optimizer '{Option("--optimizer")}': adamw, lamb or adafactor.");
    }
}

void TrainFloats<T>(ShardedOptimizer<T> sharded)
    where T : class, ICheckpointable =>
    Train(sharded, InitializeFloats, step => WriteFloatGradients(sharded, step), set => System.Runtime.InteropServices.MemoryMarshal.AsBytes(sharded.Parameter(set)));

void Train<T>(ShardedOptimizer<T> sharded, Action<ShardedOptimizer<T>> initialize, Action<int> writeGradients, ParameterBytes parameterBytes)
    where T : class, ICheckpointable
{
    string output = args[0];
    int from = int.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture), to = int.Parse(args[2], System.Globalization.CultureInfo.InvariantCulture);
    if (Option("--clip") is { } clip)
    {
        sharded.Optimizer.MaxGradientNorm = float.Parse(clip, System.Globalization.CultureInfo.InvariantCulture);
    }

    initialize(sharded);
    if (File.Exists(output))
    {
        byte[] saved = File.ReadAllBytes(output);
        for (int set = 0, offset = 0; set < sharded.Layout.SetCount; set++)
        {
            Span<byte> parameter = parameterBytes(set);
            saved.AsSpan(offset, parameter.Length).CopyTo(parameter);
            offset += parameter.Length;
        }
    }

    if (Option("--load") is { } load)
    {
        sharded.LoadCheckpoint(load);
    }

    for (int step = from; step < to; step++)
    {
        writeGradients(step);
        sharded.Step();
    }

    if (Option("--save") is { } save)
    {
        sharded.SaveCheckpoint(save);
    }

    Console.WriteLine($"rank {world.Rank} of {world.Size}: step {sharded.Optimizer.StepCount}, state {sharded.Optimizer.StateBytes} bytes, buffers {sharded.BufferBytes} bytes");
    world.Barrier();
    if (world.Rank == 0)
    {
        using var file = new FileStream(output, FileMode.Create, FileAccess.Write);
        for (int set = 0; set < sharded.Layout.SetCount; set++)
        {
            file.Write(parameterBytes(set));
        }
    }
}

static void InitializeFloats<T>(ShardedOptimizer<T> sharded)
    where T : class, ICheckpointable
{
    for (int set = 0; set < sharded.Layout.SetCount; set++)
    {
        Span<float> parameter = sharded.Parameter(set);
        for (int i = 0; i < parameter.Length; i++)
        {
            parameter[i] = TrainingData.Initial(set, i);
        }
    }
}

void WriteFloatGradients<T>(ShardedOptimizer<T> sharded, int step)
    where T : class, ICheckpointable
{
    for (int set = 0; set < sharded.Layout.SetCount; set++)
    {
        Span<float> gradient = sharded.Gradient(set);
        for (int i = 0; i < gradient.Length; i++)
        {
            gradient[i] = TrainingData.Gradient(world.Rank, step, set, i);
        }
    }
}

/// <summary>A set's parameters, as bytes.</summary>
internal delegate Span<byte> ParameterBytes(int set);
