using System;
using System.IO;

namespace Rlx.Optim;

/// <summary>
/// Saves and loads an optimizer's whole state as a safetensors file: one F32 tensor per set and moment, named as
/// PyTorch's Adam names its state (<c>w1.exp_avg</c>, <c>w1.exp_avg_sq</c>), and the step, learning rate, kind,
/// precision and hyperparameters in the header's <c>__metadata__</c>. Generated optimizers expose this as
/// <c>SaveCheckpoint</c> and <c>LoadCheckpoint</c>.
/// </summary>
/// <remarks>
/// <para>
/// A load checks everything before it changes anything, and either replaces the whole state or throws
/// <see cref="CheckpointException"/> and leaves the optimizer exactly as it was. Refused: a malformed file (truncated,
/// a header that is not JSON or too large to be real, offsets that overlap, leave gaps or run past the end, trailing
/// bytes), an unknown format version, another optimizer kind or precision, any hyperparameter folded into a kernel
/// (β₁, β₂, ε, weight decay, on the optimizer or a declared set) that differs in any bit, a declared set that is
/// missing or has another shape, and a set the saving optimizer declared that this one does not.
/// </para>
/// <para>
/// The checkpoint's learning rate and step count are restored: a schedule's position is state. Sets created on first
/// use are replaced by the checkpoint's: those it holds are re-created, any others are dropped. Settings that do not
/// change the arithmetic (<see cref="IOptimizer.MaxDegreeOfParallelism"/>, the parallel threshold) are neither
/// saved nor checked. Input/output errors propagate as <see cref="IOException"/>, also without changing anything.
/// </para>
/// </remarks>
public static class OptimizerCheckpoint
{
    /// <summary>Saves <paramref name="optimizer"/>'s whole state to <paramref name="stream"/>, from its current position.</summary>
    public static void Save(ICheckpointable optimizer, Stream stream)
    {
        ArgumentNullException.ThrowIfNull(optimizer);
        ArgumentNullException.ThrowIfNull(stream);
        ThrowIfShard(optimizer);
        CheckpointWriter.Write(optimizer, stream);
    }

    /// <summary>
    /// Saves <paramref name="optimizer"/>'s whole state to a file, atomically: it is written to a temporary file
    /// beside <paramref name="path"/>, flushed to disk and renamed over it, so a crash mid-save never leaves a
    /// truncated checkpoint where a good one was.
    /// </summary>
    public static void Save(ICheckpointable optimizer, string path)
    {
        ArgumentNullException.ThrowIfNull(optimizer);
        ThrowIfShard(optimizer);
        AtomicFile.Write(path, stream => CheckpointWriter.Write(optimizer, stream));
    }

    /// <summary>
    /// Replaces <paramref name="optimizer"/>'s whole state with the checkpoint that fills <paramref name="stream"/>
    /// from its current position to its end.
    /// </summary>
    /// <exception cref="CheckpointException">The checkpoint is malformed or belongs to another optimizer. Nothing is changed.</exception>
    public static void Load(ICheckpointable optimizer, Stream stream)
    {
        ArgumentNullException.ThrowIfNull(optimizer);
        ArgumentNullException.ThrowIfNull(stream);
        Load(optimizer, stream, new CheckpointSource("stream", TypeName(optimizer)));
    }

    /// <summary>Replaces <paramref name="optimizer"/>'s whole state with the checkpoint in a file.</summary>
    /// <exception cref="CheckpointException">The checkpoint is malformed or belongs to another optimizer. Nothing is changed.</exception>
    /// <exception cref="FileNotFoundException">There is no such file.</exception>
    public static void Load(ICheckpointable optimizer, string path)
    {
        ArgumentNullException.ThrowIfNull(optimizer);
        ArgumentException.ThrowIfNullOrEmpty(path);
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, bufferSize: 1 << 16, FileOptions.SequentialScan);
        Load(optimizer, stream, new CheckpointSource($"file '{path}'", TypeName(optimizer)));
    }

    /// <summary>A shard's state is saved and loaded with the run's other shards, by its <see cref="ShardedOptimizer{TOptimizer}"/>.</summary>
    private static void ThrowIfShard(ICheckpointable optimizer)
    {
        if (optimizer.StateTable.Shard is not null)
        {
            throw new InvalidOperationException(
                "The optimizer holds one shard of its state: save and load it with its ShardedOptimizer's SaveCheckpoint and LoadCheckpoint.");
        }
    }

    private static void Load(ICheckpointable optimizer, Stream stream, CheckpointSource source)
    {
        ThrowIfShard(optimizer);
        OptimizerDescription description = optimizer.Description;
        SafetensorsHeader header = SafetensorsReader.ReadHeader(stream, source);
        RestorePlan plan = CheckpointValidator.Plan(header, description, source);
        RestoredState restored = RestoredState.Read(plan, description, TensorBytes.From(stream, header, source));

        // Everything is read and checked: from here on nothing can fail, so nothing is ever half-applied.
        optimizer.StateTable.Restore(restored.DeclaredValues, restored.Created);
        if (optimizer.LearningRateSchedule is null)
        {
            // With a schedule attached, the schedule gives the rate of the restored step count instead.
            optimizer.LearningRate = plan.LearningRate;
        }

        if (plan.RoundingSeed is ulong seed)
        {
            optimizer.StateTable.RoundingSeed = seed;
        }

        if (plan.ScalarState.Count > 0)
        {
            optimizer.RestoreScalarState(plan.ScalarState);
        }

        optimizer.RestoreSkippedSteps(plan.SkippedSteps);
        optimizer.RestoreStepCount(plan.StepCount);
    }

    private static string TypeName(ICheckpointable optimizer) => optimizer.GetType().FullName ?? optimizer.GetType().Name;
}
