using System;
using System.IO;
using System.Linq;
using Rlx.Optim;
using Rlx.Optim.Mpi;
using Rlx.Optim.Tests.Sharding;

// One rank of a sharded run over Open MPI, for the MPI tests:
//   Rlx.Optim.Tests.MpiRanks <out-file> <from-step> <to-step> [--optimizer adamw|lamb|adafactor] [--clip <max-norm>]
//                            [--load <checkpoint>] [--save <checkpoint>]
// The optimizer is one of the tests' (ShardAdamW by default). Parameters start at TrainingData.Initial, or at
// <out-file>'s contents when it exists (a resumed run). Rank 0 writes the final parameters (every set's floats, in
// order) to <out-file>; each rank prints its state and buffer bytes.
using MpiWorld world = MpiWorld.Initialize();
string? Option(string name) => Array.IndexOf(args, name) is int i and >= 0 ? args[i + 1] : null;

switch (Option("--optimizer") ?? "adamw")
{
    case "adamw":
        Train(new ShardedOptimizer<ShardAdamW>(world, () => new ShardAdamW()));
        break;
    case "lamb":
        Train(new ShardedOptimizer<ShardLamb>(world, () => new ShardLamb()));
        break;
    case "adafactor":
        Train(new ShardedOptimizer<ShardAdafactor>(world, () => new ShardAdafactor()));
        break;
    default:
        throw new ArgumentException($"Unknown optimizer '{Option("--optimizer")}': adamw, lamb or adafactor.");
}

void Train<T>(ShardedOptimizer<T> sharded)
    where T : class, ICheckpointable
{
    string output = args[0];
    int from = int.Parse(args[1]), to = int.Parse(args[2]);
    if (Option("--clip") is { } clip)
    {
        sharded.Optimizer.MaxGradientNorm = float.Parse(clip, System.Globalization.CultureInfo.InvariantCulture);
    }

    float[] saved = File.Exists(output) ? ReadFloats(output) : [];
    for (int set = 0, offset = 0; set < sharded.Layout.SetCount; offset += sharded.Layout.LengthOf(set), set++)
    {
        Span<float> parameter = sharded.Parameter(set);
        for (int i = 0; i < parameter.Length; i++)
        {
            parameter[i] = saved.Length > 0 ? saved[offset + i] : TrainingData.Initial(set, i);
        }
    }

    if (Option("--load") is { } load)
    {
        sharded.LoadCheckpoint(load);
    }

    for (int step = from; step < to; step++)
    {
        for (int set = 0; set < sharded.Layout.SetCount; set++)
        {
            Span<float> gradient = sharded.Gradient(set);
            for (int i = 0; i < gradient.Length; i++)
            {
                gradient[i] = TrainingData.Gradient(world.Rank, step, set, i);
            }
        }

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
        float[] all = Enumerable.Range(0, sharded.Layout.SetCount).SelectMany(set => sharded.Parameter(set).ToArray()).ToArray();
        File.WriteAllBytes(output, System.Runtime.InteropServices.MemoryMarshal.AsBytes(all.AsSpan()).ToArray());
    }
}

static float[] ReadFloats(string path) => System.Runtime.InteropServices.MemoryMarshal.Cast<byte, float>(File.ReadAllBytes(path)).ToArray();
