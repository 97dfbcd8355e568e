using System.Collections.Generic;

namespace Rlx.Optim;

/// <summary>A checkpoint checked against an optimizer: what to restore, and where each tensor's data goes.</summary>
/// <param name="StepCount">The step counter to restore.</param>
/// <param name="LearningRate">The learning rate to restore.</param>
/// <param name="Sets">The checkpoint's sets, in the order of their data.</param>
/// <param name="Tensors">Every tensor, in the order of its data.</param>
/// <param name="RoundingSeed">The seed of 16-bit state's stochastic rounding, or <see langword="null"/> for float state.</param>
internal sealed record RestorePlan(
    long StepCount, float LearningRate, IReadOnlyList<PlannedSet> Sets, IReadOnlyList<PlannedTensor> Tensors, ulong? RoundingSeed)
{
    /// <summary>The values of the optimizer's <see cref="OptimizerDescription.ScalarStateNames"/>, in that order.</summary>
    public IReadOnlyList<double> ScalarState { get; init; } = [];

    /// <summary>The count of skipped steps to restore (0 when the checkpoint records none).</summary>
    public long SkippedSteps { get; init; }
}

/// <summary>One set of a checkpoint.</summary>
/// <param name="Name">Its name.</param>
/// <param name="Shape">Its shape.</param>
/// <param name="Length">Elements in the set: the product of the shape.</param>
/// <param name="DeclaredIndex">Its index among the optimizer's declared sets, or -1 for a set created on first use.</param>
internal sealed record PlannedSet(string Name, int[] Shape, int Length, int DeclaredIndex);

/// <summary>One tensor of a checkpoint: the set and buffer its data belongs to.</summary>
/// <param name="Set">An index into <see cref="RestorePlan.Sets"/>.</param>
/// <param name="Buffer">The buffer's index, in kernel order.</param>
internal sealed record PlannedTensor(int Set, int Buffer);
