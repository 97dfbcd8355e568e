using System;
using System.Diagnostics;
using System.Linq;
using Rlx.Optim.Mpi;

// The MPI collectives that a sharded step makes, timed alone on the same bytes: reduce-scatter of the gradients and
// all-gather of the parameters. Run under mpirun, e.g.
//   mpirun -np 2 dotnet benchmarks/Rlx.Optim.Benchmarks.Mpi/bin/Release/net10.0/Rlx.Optim.Benchmarks.Mpi.dll
// With --gpt2 [--clip] [--adafactor] it instead steps GPT-2 small's 148 tensors with a ShardedOptimizer (clipping to a
// global norm; Adafactor, whose state every process holds whole, instead of Adam) and splits each step into its
// phases, beside the collectives alone on the same bytes (Gpt2Step.cs).
// Collectives span processes in lockstep, which BenchmarkDotNet cannot drive: each call is timed with a Stopwatch
// between barriers, after warm-up rounds, and rank 0 prints the median and the fastest of the rounds.
using MpiWorld world = MpiWorld.Initialize();
if (args is ["--gpt2", ..])
{
    Gpt2Step.Run(world, clip: args.Contains("--clip"), adafactor: args.Contains("--adafactor"));
    return;
}

int[] sizes = args.Length > 0 ? args.Select(int.Parse).ToArray() : [16 * 1024 * 1024, 124 * 1024 * 1024];
const int Warmup = 3, Rounds = 10;
if (world.Rank == 0)
{
    Console.WriteLine($"{world.Size} ranks, {Environment.ProcessorCount} cores per process view; medians (fastest) of {Rounds} rounds");
}

foreach (int size in sizes)
{
    int block = size / world.Size / 32 * 32;
    int total = block * world.Size;
    float[] gradients = GC.AllocateArray<float>(total, pinned: true);
    float[] shard = GC.AllocateArray<float>(block, pinned: true);
    float[] parameters = GC.AllocateArray<float>(total, pinned: true);
    gradients.AsSpan().Fill(world.Rank + 1);
    using var persistent = new PersistentCollectives(world, gradients, shard, parameters, block);

    Report(world, $"{total / 1e6:F0}M floats: MPI_Reduce_scatter_block", Time(world, () => world.ReduceScatterBlock(gradients, shard)), total);
    Report(world, $"{total / 1e6:F0}M floats: persistent reduce-scatter", Time(world, persistent.ReduceScatter), total);
    Report(world, $"{total / 1e6:F0}M floats: ring of MPI_Sendrecv (ours)", Time(world, () => world.ReduceScatterSum(gradients, shard)), total);
    Check(world, shard);
    Report(world, $"{total / 1e6:F0}M floats: MPI_Allgather in place", Time(world, () => world.AllGatherInPlace(parameters, block)), total);
    Report(world, $"{total / 1e6:F0}M floats: persistent all-gather", Time(world, persistent.AllGather), total);
}

static double[] Time(MpiWorld world, Action action)
{
    var times = new double[Rounds];
    for (int round = -Warmup; round < Rounds; round++)
    {
        world.Barrier();
        long start = Stopwatch.GetTimestamp();
        action();
        double elapsed = Stopwatch.GetElapsedTime(start).TotalMilliseconds;
        if (round >= 0)
        {
            times[round] = world.AllReduceSum(elapsed) / world.Size;
        }
    }

    return times;
}

static void Report(MpiWorld world, string what, double[] milliseconds, int floats)
{
    if (world.Rank == 0)
    {
        Array.Sort(milliseconds);
        double median = milliseconds[milliseconds.Length / 2];
        Console.WriteLine($"{what,-52} {median,8:F1} ms ({milliseconds[0]:F1}), {floats * 4.0 / median / 1e6,5:F1} GB/s of buffer");
    }
}

static void Check(MpiWorld world, float[] shard)
{
    float expected = world.Size * (world.Size + 1) / 2f;
    if (shard.Any(x => x != expected))
    {
        throw new InvalidOperationException($"rank {world.Rank}: a reduce-scatter gave a wrong sum");
    }
}
