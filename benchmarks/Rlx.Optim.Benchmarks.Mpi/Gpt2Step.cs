using System;
using System.Diagnostics;
using System.Linq;
using Rlx.Optim;
using Rlx.Optim.Benchmarks;
using Rlx.Optim.Mpi;

/// <summary>
/// A sharded step of GPT-2 small (Adam, or Adafactor with its state replicated; 124M parameters) split into its phases
/// from the step's own timestamps (<see cref="ShardedOptimizer{TOptimizer}.LastStepTimestamps"/>), then the two
/// collectives alone on the same buffers. What is neither communication nor the update is the optimizer's own overhead.
/// </summary>
internal static class Gpt2Step
{
    // Under tiered compilation Adafactor's loops reach their optimized code after about five GPT-2 steps (its steps
    // before then take about three times as long); the warm-up covers that, so the phases are steady ones.
    private const int Warmup = 8, Rounds = 7;

    public static void Run(MpiWorld world, bool clip, bool adafactor)
    {
        if (adafactor)
        {
            Run(world, clip, "Adafactor (state replicated)", () => new Gpt2SmallAdafactor { MaxGradientNorm = clip ? 1f : null });
        }
        else
        {
            Run(world, clip, "Adam", () => new Gpt2SmallAdam { MaxGradientNorm = clip ? 1f : null });
        }
    }

    private static void Run<T>(MpiWorld world, bool clip, string rule, Func<T> create)
        where T : class, ICheckpointable
    {
        var sharded = new ShardedOptimizer<T>(world, create);
        for (int set = 0; set < sharded.Layout.SetCount; set++)
        {
            sharded.Parameter(set).Fill(0.02f);
            sharded.Gradient(set).Fill(1e-3f * (world.Rank + 1));
        }

        string[] phases =
        [
            "prepare the scalars", "reduce-scatter, average", "norm: the shard's sums", "norm: gather sums, decide",
            sharded.ReplicatesState ? "all-gather of averaged g" : "update of the shard", sharded.ReplicatesState ? "update of every set" : "all-gather",
            "whole step",
        ];
        var times = new double[phases.Length][];
        for (int p = 0; p < phases.Length; p++)
        {
            times[p] = new double[Rounds];
        }

        for (int round = -Warmup; round < Rounds; round++)
        {
            world.Barrier();
            sharded.Step();
            long[] t = sharded.LastStepTimestamps;
            if (round < 0)
            {
                continue;
            }

            for (int p = 0; p < 6; p++)
            {
                times[p][round] = Mean(world, Stopwatch.GetElapsedTime(t[p], t[p + 1]).TotalMilliseconds);
            }

            times[6][round] = Mean(world, Stopwatch.GetElapsedTime(t[0], t[6]).TotalMilliseconds);
        }

        int shard = sharded.Layout.ShardLength;
        float[] gradients = GC.AllocateArray<float>(sharded.Layout.Length, pinned: true);
        float[] received = GC.AllocateArray<float>(shard, pinned: true);
        gradients.AsSpan().Fill(1e-3f); // touched, as the step's own buffers are: an untouched page reads as the zero page
        received.AsSpan().Fill(0f);
        double[] reduceScatter = Time(world, () => world.ReduceScatterSum(gradients, received));
        double[] allGather = Time(world, () => world.AllGatherInPlace(gradients, shard));
        double allProcesses = world.AllReduceSum(sharded.Optimizer.StateBytes);
        if (world.Rank != 0)
        {
            return;
        }

        long parameters = Enumerable.Range(0, sharded.Layout.SetCount).Sum(set => (long)sharded.Layout.LengthOf(set));
        Console.WriteLine($"GPT-2 small, {rule}{(clip ? " clipped to norm 1" : string.Empty)}, {parameters:N0} parameters over {world.Size} processes, {Environment.ProcessorCount} cores; medians of {Rounds} steps (fastest), each the mean over the processes");
        string whole = sharded.ReplicatesState ? "every process holds the whole state" : $"all processes: {allProcesses / 1e6:F1} MB";
        Console.WriteLine($"state per process {sharded.Optimizer.StateBytes / 1e6:F1} MB ({whole}); flat buffers {sharded.BufferBytes / 1e6:F1} MB");
        for (int p = 0; p < phases.Length; p++)
        {
            Console.WriteLine($"  {phases[p],-24} {Median(times[p]),8:F1} ms ({times[p].Min():F1})");
        }

        Console.WriteLine($"  {"reduce-scatter alone",-24} {Median(reduceScatter),8:F1} ms ({reduceScatter.Min():F1})");
        Console.WriteLine($"  {"all-gather alone",-24} {Median(allGather),8:F1} ms ({allGather.Min():F1})");
        // Ours besides the update and the norm's own sums: preparing the scalars; the gather of the block sums is a
        // collective of 16 bytes per 4,096 elements, and it absorbs the processes' skew from the reduce-scatter.
        double collectives = Median(times[1]) + Median(times[sharded.ReplicatesState ? 4 : 5]);
        Console.WriteLine($"  ours besides the update and the norm: {Median(times[0]):F2} ms, {Median(times[0]) / collectives:P2} of the collectives' time in the step");
    }

    private static double[] Time(MpiWorld world, Action action)
    {
        var times = new double[Rounds];
        for (int round = -Warmup; round < Rounds; round++)
        {
            world.Barrier();
            long start = Stopwatch.GetTimestamp();
            action();
            double elapsed = Mean(world, Stopwatch.GetElapsedTime(start).TotalMilliseconds);
            if (round >= 0)
            {
                times[round] = elapsed;
            }
        }

        return times;
    }

    private static double Mean(MpiWorld world, double value) => world.AllReduceSum(value) / world.Size;

    private static double Median(double[] values) => values.Order().ElementAt(values.Length / 2);
}
