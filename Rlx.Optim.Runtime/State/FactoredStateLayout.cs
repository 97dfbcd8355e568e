using System;
using System.Collections.Generic;
using System.ComponentModel;
using System.Linq;

namespace Rlx.Optim.CompilerServices;

/// <summary>
/// Adafactor's state, as PyTorch's <c>torch.optim.Adafactor</c> keeps it: a set of two or more dimensions keeps its
/// second moment factored over the last two, <c>row_var</c> of shape […, R, 1] and <c>col_var</c> of shape
/// […, 1, C]; a vector or a scalar keeps <c>variance</c>, of its own shape.
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public sealed class FactoredStateLayout : StateLayout
{
    /// <summary>The name of the row factor.</summary>
    public const string RowName = "row_var";

    /// <summary>The name of the column factor.</summary>
    public const string ColumnName = "col_var";

    /// <summary>The name of an unfactored set's second moment.</summary>
    public const string VarianceName = "variance";

    private FactoredStateLayout()
    {
    }

    /// <summary>The one instance.</summary>
    public static FactoredStateLayout Instance { get; } = new();

    /// <summary>
    /// Not sliced: Adafactor's reductions span whole rows and columns of a matrix (and a vector's whole θ and U), and a
    /// matrix's factored state is only R + C floats, so every process of a sharded run holds it all and steps every set
    /// from the averaged gradient, which costs one all-gather of the gradients instead of the parameters' and keeps
    /// the step one process's arithmetic.
    /// </summary>
    internal override bool Sliced => false;

    /// <summary>Every buffer name a set may keep.</summary>
    public static string[] BufferNames => [RowName, ColumnName, VarianceName];

    /// <summary>Whether a set of this shape keeps its second moment factored.</summary>
    public static bool IsFactored(IReadOnlyList<int> setShape) => setShape.Count > 1;

    /// <inheritdoc/>
    public override StateBufferShape[] BuffersOf(IReadOnlyList<int> setShape)
    {
        ArgumentNullException.ThrowIfNull(setShape);
        int[] shape = [.. setShape];
        if (!IsFactored(shape))
        {
            return [new StateBufferShape(VarianceName, shape)];
        }

        int[] row = (int[])shape.Clone();
        row[^1] = 1;
        int[] column = (int[])shape.Clone();
        column[^2] = 1;
        return [new StateBufferShape(RowName, row), new StateBufferShape(ColumnName, column)];
    }

    internal override int[]? SetShapeOf(IReadOnlyDictionary<string, int[]> buffers)
    {
        if (buffers.Count == 1 && buffers.TryGetValue(VarianceName, out int[]? variance) && variance.Length <= 1)
        {
            return variance;
        }

        if (buffers.Count != 2 || !buffers.TryGetValue(RowName, out int[]? row) || !buffers.TryGetValue(ColumnName, out int[]? column)
            || row.Length < 2 || row.Length != column.Length || row[^1] != 1 || column[^2] != 1
            || !row.AsSpan(0, row.Length - 2).SequenceEqual(column.AsSpan(0, column.Length - 2)))
        {
            return null;
        }

        int[] shape = (int[])row.Clone();
        shape[^1] = column[^1];
        return BuffersOf(shape).All(b => b.Shape.AsSpan().SequenceEqual(buffers[b.Name])) ? shape : null;
    }
}
