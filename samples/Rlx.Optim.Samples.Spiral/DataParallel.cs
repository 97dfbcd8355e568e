using System;
using System.Diagnostics;
using Rlx.Optim.Mpi;

namespace Rlx.Optim.Samples.Spiral;

/// <summary>
/// The spiral trained data-parallel (--data-parallel, started with mpirun): each process computes the gradients of
/// its block of the training points, and a <see cref="ShardedOptimizer{TOptimizer}"/> keeps 1/N of the optimizer's
/// state per process, averages the gradients over the processes, updates its shard and gathers the parameters
/// (Adafactor: every process keeps the whole state and steps every set from the gathered averaged gradients). With
/// bfloat16 parameters (--parameters bf16) its flat buffers hold them as bfloat16, which the network reads widened.
/// </summary>
internal static class DataParallel
{
    /// <summary>Trains for <paramref name="epochs"/> full-batch steps; returns the test accuracy (the same on every process).</summary>
    public static double Train(
        MpiWorld world, Func<ICheckpointable> createOptimizer, bool bfloat16Parameters, SpiralData train, SpiralData test, int modelSeed,
        int epochs, Func<int, bool> report, out long stateBytes, out long bufferBytes)
    {
        var model = new Mlp(modelSeed);
        var sharded = new ShardedOptimizer<ICheckpointable>(world, createOptimizer);
        if (world.Rank == 0)
        {
            Console.WriteLine(sharded.ReplicatesState
                ? "The optimizer's state is held whole by every process (its rule reduces over whole rows and columns), which steps every set from the averaged gradients."
                : $"The optimizer's state is sharded {world.Size} ways.");
        }

        float[][] parameters = [model.W1, model.B1, model.W2, model.B2];
        float[][] gradients = [model.GradW1, model.GradB1, model.GradW2, model.GradB2];
        for (int set = 0; set < parameters.Length; set++)
        {
            Store(sharded, set, parameters[set], bfloat16Parameters);
        }

        sharded.BroadcastParameters(root: 0); // every process starts from process 0's initialisation
        SpiralData local = train.Shard(world.Rank, world.Size);
        var clock = Stopwatch.StartNew();
        for (int epoch = 1; epoch <= epochs; epoch++)
        {
            // This small network keeps its own arrays, so it copies its four tensors in and out of the optimizer's flat
            // buffers; a large model would allocate its tensors there (ParameterMemory, GradientMemory) and copy nothing.
            for (int set = 0; set < parameters.Length; set++)
            {
                Read(sharded, set, parameters[set], bfloat16Parameters);
            }

            (double loss, double accuracy) = model.Evaluate(local, backward: true);
            for (int set = 0; set < gradients.Length; set++)
            {
                gradients[set].CopyTo(sharded.Gradient(set));
            }

            float rate = sharded.Optimizer.LearningRate;
            sharded.Step();
            double meanLoss = world.AllReduceSum(loss) / world.Size, meanAccuracy = world.AllReduceSum(accuracy) / world.Size;
            if (world.Rank == 0 && report(epoch))
            {
                Console.WriteLine(
                    $"epoch {epoch,4}  loss {meanLoss:F4}  train accuracy {meanAccuracy:P1}  lr {rate:G3}  grad norm {sharded.Optimizer.GradientNorm:F3}  skipped {sharded.Optimizer.SkippedSteps}");
            }
        }

        // Schedule-Free trains at y and is evaluated at the average x: every process swaps its shard and gathers the rest.
        bool swap = sharded.Optimizer is IEvaluationSwap;
        if (swap)
        {
            sharded.SwapToEvaluation();
        }

        for (int set = 0; set < parameters.Length; set++)
        {
            Read(sharded, set, parameters[set], bfloat16Parameters);
        }

        if (swap)
        {
            sharded.SwapToTraining();
        }

        stateBytes = sharded.Optimizer.StateBytes;
        bufferBytes = sharded.BufferBytes;
        if (world.Rank == 0)
        {
            Console.WriteLine($"trained {epochs} steps on {world.Size} processes in {clock.Elapsed.TotalSeconds:F1} s");
        }

        return model.Evaluate(test, backward: false).Accuracy;
    }

    /// <summary>Writes a tensor into the optimizer's parameters: as they are, or rounded to the nearest bfloat16.</summary>
    private static void Store(ShardedOptimizer<ICheckpointable> sharded, int set, float[] values, bool bfloat16)
    {
        if (!bfloat16)
        {
            values.CopyTo(sharded.Parameter(set));
            return;
        }

        BFloat16Weights.Round(values, sharded.Parameter<BFloat16>(set));
    }

    /// <summary>Reads the optimizer's parameters into a tensor the network computes with (bfloat16 widened exactly).</summary>
    private static void Read(ShardedOptimizer<ICheckpointable> sharded, int set, float[] values, bool bfloat16)
    {
        if (!bfloat16)
        {
            sharded.Parameter(set).CopyTo(values);
            return;
        }

        BFloat16Weights.Widen(sharded.Parameter<BFloat16>(set), values);
    }
}
