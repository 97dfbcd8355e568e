using System;
using System.Collections.Generic;
using System.Linq;

namespace Rlx.Optim.Tests.Checkpoints;

/// <summary>A copy of everything an optimizer holds, bit for bit, to show that a load changed nothing or everything.</summary>
internal sealed class StateSnapshot
{
    private readonly long _stepCount;
    private readonly int _learningRateBits;
    private readonly List<(string Name, string Shape, int[][] Buffers)> _sets;

    private StateSnapshot(IOptimizer optimizer)
    {
        _stepCount = optimizer.StepCount;
        _learningRateBits = BitConverter.SingleToInt32Bits(optimizer.LearningRate);
        // A set without buffers (plain SGD) holds nothing to save or restore.
        _sets = [.. optimizer.States.Where(s => s.Buffers.Count > 0).Select(s => (
            s.Name,
            string.Join(",", s.Shape),
            s.Buffers.Select(b => b.Span.ToArray().Select(BitConverter.SingleToInt32Bits).ToArray()).ToArray()))];
    }

    public static StateSnapshot Of(IOptimizer optimizer) => new(optimizer);

    /// <summary>Fails, naming the first difference, unless <paramref name="optimizer"/> holds exactly this state.</summary>
    public void AssertSameAs(IOptimizer optimizer) => AssertSameAs(Of(optimizer));

    public void AssertSameAs(StateSnapshot actual)
    {
        Assert.Equal(_stepCount, actual._stepCount);
        Assert.Equal(_learningRateBits, actual._learningRateBits);
        Assert.Equal(_sets.Select(s => $"{s.Name}[{s.Shape}]"), actual._sets.Select(s => $"{s.Name}[{s.Shape}]"));
        for (int i = 0; i < _sets.Count; i++)
        {
            for (int b = 0; b < _sets[i].Buffers.Length; b++)
            {
                Assert.True(
                    _sets[i].Buffers[b].AsSpan().SequenceEqual(actual._sets[i].Buffers[b]),
                    $"Buffer {b} of set '{_sets[i].Name}' differs.");
            }
        }
    }
}
