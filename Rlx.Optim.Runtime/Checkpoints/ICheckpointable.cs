using Rlx.Optim.CompilerServices;
using System;
using System.Collections.Generic;
using System.ComponentModel;
using System.IO;

namespace Rlx.Optim;

/// <summary>
/// An optimizer whose whole state can be saved to a checkpoint and loaded back, so a training run resumes exactly.
/// Every generated optimizer implements it; the format and its checks are described on <see cref="OptimizerCheckpoint"/>.
/// </summary>
public interface ICheckpointable : IOptimizer
{
    /// <summary>What the optimizer was generated with: checkpoints are checked against it.</summary>
    OptimizerDescription Description { get; }

    /// <summary>
    /// The live state: every set's moments, declared or created on first use. Generated code implements it and
    /// <see cref="OptimizerCheckpoint"/> reads it; users read the state through <see cref="IOptimizer.States"/>.
    /// </summary>
    [EditorBrowsable(EditorBrowsableState.Never)]
    ParameterStateTable StateTable { get; }

    /// <summary>Saves the whole state to <paramref name="stream"/>, from its current position.</summary>
    void SaveCheckpoint(Stream stream);

    /// <summary>Saves the whole state to a file, atomically: a crash mid-save leaves any previous file intact.</summary>
    void SaveCheckpoint(string path);

    /// <summary>Replaces the whole state with the checkpoint read from <paramref name="stream"/>'s current position to its end.</summary>
    /// <exception cref="CheckpointException">The checkpoint is malformed or belongs to another optimizer; nothing is changed.</exception>
    void LoadCheckpoint(Stream stream);

    /// <summary>Replaces the whole state with the checkpoint in a file.</summary>
    /// <exception cref="CheckpointException">The checkpoint is malformed or belongs to another optimizer; nothing is changed.</exception>
    void LoadCheckpoint(string path);

    /// <summary>
    /// Sets the step counter, as the last act of a load that has validated and applied everything else. Generated
    /// optimizers implement it explicitly and <see cref="OptimizerCheckpoint"/> calls it; call
    /// <see cref="LoadCheckpoint(Stream)"/> instead.
    /// </summary>
    [EditorBrowsable(EditorBrowsableState.Never)]
    void RestoreStepCount(long stepCount);

    /// <summary>
    /// Sets the count of skipped steps (<see cref="IOptimizer.SkippedSteps"/>), during a load that has validated
    /// everything, just before <see cref="RestoreStepCount"/>. Generated optimizers implement it; call
    /// <see cref="LoadCheckpoint(Stream)"/> instead.
    /// </summary>
    [EditorBrowsable(EditorBrowsableState.Never)]
    void RestoreSkippedSteps(long skippedSteps)
    {
    }

    /// <summary>
    /// The values of <see cref="OptimizerDescription.ScalarStateNames"/>, in that order: scalar state that depends on
    /// the learning rates so far (Schedule-Free's largest rate and sum of weights), which checkpoints record.
    /// </summary>
    [EditorBrowsable(EditorBrowsableState.Never)]
    IReadOnlyList<double> ScalarState => Array.Empty<double>();

    /// <summary>
    /// Sets the scalar state (<see cref="ScalarState"/>' order), during a load that has validated everything, just
    /// before <see cref="RestoreStepCount"/>. Call <see cref="LoadCheckpoint(Stream)"/> instead.
    /// </summary>
    [EditorBrowsable(EditorBrowsableState.Never)]
    void RestoreScalarState(IReadOnlyList<double> values)
    {
    }
}
