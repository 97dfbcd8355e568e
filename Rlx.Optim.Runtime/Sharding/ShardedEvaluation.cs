using System;
using System.Linq;
using Rlx.Optim.CompilerServices;

namespace Rlx.Optim;

/// <summary>
/// Schedule-Free's evaluation swap for a <see cref="ShardedOptimizer{TOptimizer}"/>: each process recovers x from y
/// and its z for its own shard (<see cref="ScheduleFreeEvaluation"/>'s rule, element by element), keeps its slices of
/// y, and the parameters are all-gathered, so every process holds the whole x with the bits one process's swap gives;
/// the swap back restores each process's y and gathers again.
/// </summary>
internal sealed class ShardedEvaluation
{
    private float[]? _training;

    /// <summary>Whether the parameters hold x.</summary>
    public bool IsEvaluating => _training is not null;

    /// <summary>Swaps every set's parameters from y to x, on every process together.</summary>
    /// <exception cref="NotSupportedException">The rule has no evaluation parameters, or a set is not float.</exception>
    /// <exception cref="InvalidOperationException">The parameters already hold x.</exception>
    public void ToEvaluation(ICheckpointable optimizer, ShardBuffers buffers, ShardLayout layout, ICollectives collectives)
    {
        OptimizerDescription description = optimizer.Description;
        if (description.Kind != ScheduleFreeEvaluation.Kind)
        {
            throw new NotSupportedException($"{optimizer.GetType().Name} ({description.Kind}) has no evaluation parameters: only Schedule-Free AdamW swaps. Nothing was changed.");
        }

        if (_training is not null)
        {
            throw new InvalidOperationException("The parameters already hold their evaluation parameters x. Nothing was changed.");
        }

        if (Enumerable.Range(0, layout.SetCount).FirstOrDefault(set => !buffers.HoldsFloatParameters(set), -1) is int sixteenBit and >= 0)
        {
            throw new NotSupportedException(
                $"Parameter set '{optimizer.StateTable[sixteenBit].Name}' is not float: the evaluation swap takes float parameters, as one process's does. Nothing was changed.");
        }

        int rank = collectives.Rank;
        var training = new float[layout.ShardLength];
        for (int set = 0; set < layout.SetCount; set++)
        {
            (int start, int length) = layout.SliceOf(set, rank);
            if (length == 0)
            {
                continue;
            }

            ParameterState state = optimizer.StateTable[set];
            Span<float> y = buffers.Parameter<float>(set).Slice(start, length);
            Span<float> kept = training.AsSpan(layout.OffsetOf(set) + start - layout.ShardStart(rank), length);
            y.CopyTo(kept);
            var z = new float[length];
            state[ScheduleFreeEvaluation.ZBuffer].CopyTo(z);
            ScheduleFreeEvaluation.Average(kept, z, Beta1Of(description.Sets[set]), y);
        }

        _training = training;
        collectives.AllGatherInPlace(buffers.ParameterWords, buffers.BlockOffsets);
    }

    /// <summary>Swaps every set's parameters back to the y they held (bit for bit), on every process together.</summary>
    /// <exception cref="InvalidOperationException">The parameters hold y.</exception>
    public void ToTraining(ShardBuffers buffers, ShardLayout layout, ICollectives collectives)
    {
        float[] training = _training
            ?? throw new InvalidOperationException("The parameters were not swapped to evaluation (SwapToEvaluation): they already hold y. Nothing was changed.");
        int rank = collectives.Rank;
        for (int set = 0; set < layout.SetCount; set++)
        {
            (int start, int length) = layout.SliceOf(set, rank);
            if (length == 0)
            {
                continue;
            }

            training.AsSpan(layout.OffsetOf(set) + start - layout.ShardStart(rank), length).CopyTo(buffers.Parameter<float>(set).Slice(start, length));
        }

        _training = null;
        collectives.AllGatherInPlace(buffers.ParameterWords, buffers.BlockOffsets);
    }

    /// <summary>The set's β₁, as its kernel folds it in (and its description records it).</summary>
    private static double Beta1Of(ParameterSetDescription set) =>
        set.Hyperparameters.First(hyperparameter => hyperparameter.Name == "beta1").Value;
}
