using System.Collections.Generic;
using System.ComponentModel;

namespace Rlx.Optim.CompilerServices;

/// <summary>One state buffer of a set as a <see cref="StateLayout"/> lays it out: its name and its own shape.</summary>
/// <param name="Name">The buffer's name, PyTorch's where it has one.</param>
/// <param name="Shape">The buffer's dimensions (a checkpoint records them); its length is their product.</param>
[EditorBrowsable(EditorBrowsableState.Never)]
public readonly record struct StateBufferShape(string Name, int[] Shape);

/// <summary>
/// Which state buffers a set keeps, and of which shapes, when they are not one per name of the set's own shape (the
/// default of <see cref="OptimizerDescription"/>): Adafactor's factored second moment (<see cref="FactoredStateLayout"/>).
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public abstract class StateLayout
{
    private protected StateLayout()
    {
    }

    /// <summary>
    /// Whether a sharded run cuts the sets' state into slices, one per process (true), or every process holds the
    /// whole state and steps every set alike (<see cref="TableShard.Replicated"/>).
    /// </summary>
    internal virtual bool Sliced => true;

    /// <summary>The buffers a set of shape <paramref name="setShape"/> keeps, in kernel order.</summary>
    public abstract StateBufferShape[] BuffersOf(IReadOnlyList<int> setShape);

    /// <summary>
    /// The shape of the set whose buffers have these names and shapes (a checkpoint's tensors of one set), or null when
    /// they are not the buffers of any set.
    /// </summary>
    internal abstract int[]? SetShapeOf(IReadOnlyDictionary<string, int[]> buffers);
}
