using System.ComponentModel;

namespace Rlx.Optim.CompilerServices;

/// <summary>
/// A generated optimizer with declared sets, whose whole step runs through its <see cref="StepPlan"/>: how a step
/// taken outside its own <c>StepAll</c> (a shard's, by <see cref="ShardedOptimizer{TOptimizer}"/>) uses its plan and
/// ends as <c>StepAll</c> ends.
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public interface IPlannedOptimizer : ICheckpointable
{
    /// <summary>The plan over the declared sets (created on first use), every set's scalars prepared for the coming step.</summary>
    /// <exception cref="System.InvalidOperationException">The attached schedule gives the coming step an invalid rate.</exception>
    StepPlan Prepare();

    /// <summary>Below this many elements in all, a step stays on the calling thread (the attribute's <c>ParallelThreshold</c>).</summary>
    int ParallelThreshold { get; }

    /// <summary>
    /// Ends a step taken through the plan: records <paramref name="gradientNorm"/> as <see cref="IOptimizer.GradientNorm"/>,
    /// then counts a skipped step, or ends the iteration (<see cref="IOptimizer.EndIteration"/>).
    /// </summary>
    void CompleteStep(bool stepped, float gradientNorm);
}
