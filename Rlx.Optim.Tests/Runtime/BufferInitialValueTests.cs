using System;
using System.Linq;
using Rlx.Optim.CompilerServices;

namespace Rlx.Optim.Tests.Runtime;

/// <summary>
/// State buffers that start at a value other than 0 (Adagrad's <c>sum</c> at its initial accumulator value): the
/// description carries one value per buffer, and every state the table makes, declared, created by name or restored,
/// starts there and returns there on <c>Clear</c> (the optimizer's <c>Reset</c>), rounded to nearest at the buffer's
/// precision.
/// </summary>
public sealed class BufferInitialValueTests
{
    private static readonly Hyperparameter[] s_hyperparameters = [new("eps", 1e-10)];

    private static OptimizerDescription Describe(StatePrecision precision, double initial) =>
        new("adagrad", OptimizerPrecision.Single, precision, 0, ["sum", "other"], s_hyperparameters,
            new ParameterSetDescription("w", [3, 700], s_hyperparameters),
            new ParameterSetDescription("b", [5], s_hyperparameters))
        {
            BufferInitialValues = [initial, 0.0],
        };

    [Theory]
    [InlineData(0.1)]
    [InlineData(3.0)]
    [InlineData(-0.0)]
    public void Float_buffers_start_and_reset_at_their_value_rounded_to_float(double initial)
    {
        var table = new ParameterStateTable(Describe(StatePrecision.Single, initial));
        table.GetOrAdd("extra", new float[1_500], new float[1_500]);

        foreach (ParameterState state in table.All)
        {
            AssertHolds(state.Buffers[0], (float)initial);
            AssertHolds(state.Buffers[1], 0f);
            Assert.Equal(BitConverter.SingleToUInt32Bits((float)initial), BitConverter.SingleToUInt32Bits(state.Buffers[0].InitialValue));
            state.Buffers[0].Span.Fill(7f);
            state.Buffers[1].Span.Fill(7f);
        }

        table.Clear();

        Assert.All(table.All, state => AssertHolds(state.Buffers[0], (float)initial));
        Assert.All(table.All, state => AssertHolds(state.Buffers[1], 0f));
    }

    [Fact]
    public void BFloat16_buffers_start_and_reset_at_the_nearest_bfloat16()
    {
        const double initial = 0.1; // between two bfloat16s: 0.10009765625 is the nearer
        var table = new ParameterStateTable(Describe(StatePrecision.BFloat16, initial));
        table.GetOrAdd("extra", new float[9], new float[9]);
        BFloat16 expected = (BFloat16)initial;
        Assert.Equal(0.10009765625f, (float)expected);

        foreach (ParameterState state in table.All)
        {
            Assert.All(state.Buffers[0].BFloat16Span.ToArray(), v => Assert.Equal(expected.Bits, v.Bits));
            Assert.All(state.Buffers[1].BFloat16Span.ToArray(), v => Assert.Equal(0, v.Bits));
            Assert.Equal((float)expected, state.Buffers[0].InitialValue);
            state.Buffers[0].BFloat16Span.Fill((BFloat16)5f);
        }

        table.Clear();
        Assert.All(table.All, state => Assert.All(state.Buffers[0].BFloat16Span.ToArray(), v => Assert.Equal(expected.Bits, v.Bits)));
    }

    [Fact]
    public void Without_initial_values_every_buffer_starts_at_zero()
    {
        var description = new OptimizerDescription("adam", OptimizerPrecision.Single, ["exp_avg", "exp_avg_sq"], s_hyperparameters);
        Assert.Equal([0.0, 0.0], description.BufferInitialValues);
        var table = new ParameterStateTable(description);
        ParameterState state = table.GetOrAdd("w", new float[20], new float[20]);
        Assert.All(state.Buffers, buffer => Assert.Equal(0f, buffer.InitialValue));
    }

    [Theory]
    [InlineData(1)]
    [InlineData(3)]
    [InlineData(double.PositiveInfinity)]
    [InlineData(double.NegativeInfinity)]
    public void A_list_that_is_not_one_finite_or_nan_value_per_buffer_is_refused(double fault)
    {
        double[] values = double.IsFinite(fault) ? Enumerable.Repeat(0.5, (int)fault).ToArray() : [fault, 0.0];
        Assert.Throws<ArgumentException>(() =>
            new OptimizerDescription("adagrad", OptimizerPrecision.Single, ["sum", "other"], s_hyperparameters) { BufferInitialValues = values });
    }

    /// <summary>NaN marks a buffer not yet started (Schedule-Free's z, until a set's first step copies θ into it).</summary>
    [Fact]
    public void Nan_is_admitted_as_a_buffer_not_yet_started()
    {
        var description = new OptimizerDescription("schedule_free_adamw", OptimizerPrecision.Single, ["z", "exp_avg_sq"], s_hyperparameters)
        {
            BufferInitialValues = [double.NaN, 0.0],
        };
        Assert.True(double.IsNaN(description.BufferInitialValues[0]));
    }

    private static void AssertHolds(StateBuffer buffer, float value)
    {
        uint bits = BitConverter.SingleToUInt32Bits(value);
        Assert.All(buffer.Span.ToArray(), v => Assert.Equal(bits, BitConverter.SingleToUInt32Bits(v)));
    }
}
