using System;
using System.Linq;
using Rlx.Optim.CompilerServices;

namespace Rlx.Optim.Tests.Checkpoints;

/// <summary>The table's whole-state replacement: it checks its arguments before it changes anything.</summary>
public sealed class StateTableRestoreTests
{
    private static readonly OptimizerDescription s_description = new(
        "adam",
        OptimizerPrecision.Single,
        ["exp_avg", "exp_avg_sq"],
        [new("beta1", 0.9), new("beta2", 0.999), new("eps", 1e-8), new("weight_decay", 0)],
        new ParameterSetDescription("w", [2, 2], [new("beta1", 0.9), new("beta2", 0.999), new("eps", 1e-8), new("weight_decay", 0)]));

    [Fact]
    public void Restore_copies_into_the_declared_sets_and_replaces_the_others()
    {
        var table = new ParameterStateTable(s_description);
        ParameterState w = table[0];
        table.GetOrAdd("old", new float[3], new float[3]);
        var created = new ParameterState("new", [5], "exp_avg", "exp_avg_sq");

        table.Restore(AsBytes([[[1, 2, 3, 4], [5, 6, 7, 8]]]), [created]);

        Assert.Same(w, table[0]);
        Assert.Equal([5f, 6f, 7f, 8f], w.Buffer(1).ToArray());
        Assert.Equal(["w", "new"], table.All.Select(s => s.Name));
        Assert.False(table.TryGet("old", out _));
        Assert.True(table.TryGet("new", out ParameterState? found));
        Assert.Same(created, found);
    }

    [Theory]
    [InlineData("missing buffer")]
    [InlineData("short buffer")]
    [InlineData("declared name")]
    [InlineData("repeated name")]
    public void Restore_refuses_values_that_do_not_fit_and_changes_nothing(string fault)
    {
        var table = new ParameterStateTable(s_description);
        table[0].Buffer(0).Fill(9f);
        table.GetOrAdd("old", new float[3], new float[3]);
        float[][][] values = [[[1, 2, 3, 4], [5, 6, 7, 8]]];
        ParameterState[] created = [new ParameterState("new", [1], "exp_avg", "exp_avg_sq")];
        switch (fault)
        {
            case "missing buffer": values = [[[1, 2, 3, 4]]]; break;
            case "short buffer": values = [[[1, 2, 3, 4], [5, 6, 7]]]; break;
            case "declared name": created = [new ParameterState("w", [4], "exp_avg", "exp_avg_sq")]; break;
            case "repeated name": created = [created[0], new ParameterState("new", [1], "exp_avg", "exp_avg_sq")]; break;
        }

        Assert.Throws<ArgumentException>(() => table.Restore(AsBytes(values), created));

        Assert.All(table[0].Buffer(0).ToArray(), v => Assert.Equal(9f, v));
        Assert.Equal(["w", "old"], table.All.Select(s => s.Name));
        Assert.True(table.TryGet("old", out _));
    }

    /// <summary>Float values as the element bytes <see cref="ParameterStateTable"/> restores.</summary>
    private static byte[][][] AsBytes(float[][][] values) =>
        values.Select(set => set.Select(buffer => System.Runtime.InteropServices.MemoryMarshal.AsBytes(buffer.AsSpan()).ToArray()).ToArray()).ToArray();
}
