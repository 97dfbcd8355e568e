using System;
using System.Linq;

namespace Rlx.Optim.Tests.Runtime;

/// <summary>The generated members: argument checks that change nothing, the name-keyed calls, state and settings.</summary>
public sealed class CallingConventionTests
{
    [Fact]
    public void A_parameter_span_of_the_wrong_length_throws_and_changes_nothing()
    {
        var optimizer = new SmallAdam();
        float[] weights = Filled(9, 0.5f);

        ArgumentException error = Assert.Throws<ArgumentException>(() => optimizer.StepW(weights, Filled(9, 1f)));

        Assert.Equal("weights", error.ParamName);
        Assert.Contains("'w'", error.Message, StringComparison.Ordinal);
        Assert.Contains("10", error.Message, StringComparison.Ordinal);
        Assert.Contains("9", error.Message, StringComparison.Ordinal);
        Assert.All(weights, w => Assert.Equal(0.5f, w));
        AssertPristine(optimizer);
    }

    [Fact]
    public void A_gradient_of_another_length_throws_and_changes_nothing()
    {
        var optimizer = new SmallAdam();
        float[] weights = Filled(10, 0.5f);

        ArgumentException error = Assert.Throws<ArgumentException>(() => optimizer.Step("w", weights, Filled(11, 1f)));

        Assert.Contains("gradient span has 11", error.Message, StringComparison.Ordinal);
        Assert.All(weights, w => Assert.Equal(0.5f, w));
        AssertPristine(optimizer);
    }

    [Fact]
    public void Overlapping_parameter_and_gradient_spans_are_refused()
    {
        var optimizer = new SmallAdam();
        float[] storage = Filled(15, 0.5f);

        ArgumentException error = Assert.Throws<ArgumentException>(() => optimizer.StepW(storage.AsSpan(0, 10), storage.AsSpan(5, 10)));

        Assert.Contains("overlaps", error.Message, StringComparison.Ordinal);
        Assert.All(storage, w => Assert.Equal(0.5f, w));
        AssertPristine(optimizer);
    }

    [Fact]
    public void StepAll_checks_every_set_before_it_updates_any()
    {
        var optimizer = new SmallAdam();
        float[] weights = Filled(10, 0.5f);
        float[] bias = Filled(2, 0.5f);

        Assert.Throws<ArgumentException>(() => optimizer.StepAll(weights, Filled(10, 1f), bias, Filled(2, 1f)));

        Assert.All(weights, w => Assert.Equal(0.5f, w));
        AssertPristine(optimizer);
    }

    [Fact]
    public void StepAll_steps_every_set_and_ends_the_iteration()
    {
        var byMethod = new SmallAdam();
        var byName = new SmallAdam();
        float[] w1 = Filled(10, 0.5f), b1 = Filled(3, -0.5f), w2 = Filled(10, 0.5f), b2 = Filled(3, -0.5f);

        byMethod.StepAll(w1, Filled(10, 0.25f), b1, Filled(3, -1f));
        byName.Step("w", w2, Filled(10, 0.25f));
        byName.Step("b", b2, Filled(3, -1f));
        byName.EndIteration();

        Assert.Equal(1, byMethod.StepCount);
        Assert.Equal(w2, w1);
        Assert.Equal(b2, b1);
        Assert.NotEqual(0.5f, w1[0]);
    }

    [Fact]
    public void An_undeclared_name_gets_state_on_first_use_and_keeps_its_length()
    {
        var optimizer = new SmallAdam();
        float[] extra = Filled(7, 1f);

        optimizer.Step("extra", extra, Filled(7, 1f));
        float[] afterFirst = (float[])extra.Clone();
        Assert.Throws<ArgumentException>(() => optimizer.Step("extra", Filled(8, 1f), Filled(8, 1f)));

        Assert.True(optimizer.TryGetState("extra", out ParameterState? state));
        Assert.Equal([7], state.Shape);
        Assert.Equal(["w", "b", "extra"], optimizer.States.Select(s => s.Name));
        Assert.Equal(afterFirst, extra);
    }

    [Fact]
    public void States_name_their_buffers_as_PyTorch_does()
    {
        var optimizer = new SmallAdam();

        Assert.True(optimizer.TryGetState("w", out ParameterState? state));

        Assert.Equal(["exp_avg", "exp_avg_sq"], state.Buffers.Select(b => b.Name));
        Assert.Equal(10, state["exp_avg_sq"].Length);
        Assert.Throws<System.Collections.Generic.KeyNotFoundException>(() => state["max_exp_avg_sq"]);
        Assert.False(optimizer.TryGetState("nothing", out _));
    }

    [Fact]
    public void The_learning_rate_starts_at_the_attribute_value_and_refuses_bad_values()
    {
        var optimizer = new SmallAdam();
        Assert.Equal(0.01f, optimizer.LearningRate);

        Assert.Throws<ArgumentOutOfRangeException>(() => optimizer.LearningRate = float.NaN);
        Assert.Throws<ArgumentOutOfRangeException>(() => optimizer.LearningRate = -1f);
        Assert.Throws<ArgumentOutOfRangeException>(() => optimizer.MaxDegreeOfParallelism = 0);
        Assert.Equal(0.01f, optimizer.LearningRate);

        optimizer.LearningRate = 0f;
        float[] weights = Filled(10, 0.5f);
        optimizer.StepW(weights, Filled(10, 1f));
        Assert.All(weights, w => Assert.Equal(0.5f, w));
    }

    [Fact]
    public void Reset_zeroes_the_moments_and_the_step_counter()
    {
        var used = new SmallAdam();
        float[] first = Filled(10, 0.5f);
        used.StepW(first, Filled(10, 1f));
        used.Step("extra", Filled(4, 1f), Filled(4, 1f));
        used.EndIteration();

        used.Reset();
        AssertPristine(used);

        var fresh = new SmallAdam();
        float[] a = Filled(10, 0.5f), b = Filled(10, 0.5f);
        used.StepW(a, Filled(10, 1f));
        fresh.StepW(b, Filled(10, 1f));
        Assert.Equal(b, a);
    }

    private static void AssertPristine(IOptimizer optimizer)
    {
        Assert.Equal(0, optimizer.StepCount);
        foreach (ParameterState state in optimizer.States)
        {
            foreach (StateBuffer buffer in state.Buffers)
            {
                Assert.True(buffer.Span.IndexOfAnyExcept(0f) < 0, $"{state.Name}.{buffer.Name} changed");
            }
        }
    }

    private static float[] Filled(int length, float value) => Enumerable.Repeat(value, length).ToArray();
}
