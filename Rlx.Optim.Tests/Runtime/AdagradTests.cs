using System;
using System.IO;
using System.Linq;
using Rlx.Optim.Tests.Checkpoints;
using Rlx.Optim.Tests.Golden;

namespace Rlx.Optim.Tests.Runtime;

/// <summary>
/// What is Adagrad's own beyond the golden cases: its sum starts at the initial accumulator value in every set (so
/// it holds PyTorch's values, in checkpoints too) and returns there on <c>Reset</c>; and the sum's edges, where no
/// rare path is needed. A sum that overflows stops its element and no other, on a set split across cores; a sum that
/// stays subnormal is plain float arithmetic, bit for bit (nothing flushes it to zero), and the step is the scalar
/// rule's.
/// </summary>
public sealed class AdagradTests
{
    private const float Start = 0.1f;

    [Fact]
    public void Every_set_starts_at_the_initial_accumulator_value()
    {
        var optimizer = new CheckpointAdagrad();
        Assert.All(optimizer.States, state => AssertAll(state["sum"].Span, Start));
        Assert.All(optimizer.States, state => Assert.Equal(Start, state["sum"].InitialValue));

        // A set created by name starts there too: its first sum is 0.1f + g² in float (θ = 0, so the L2 term adds 0).
        float[] gradient = [0.5f, -3f, 1e-3f];
        optimizer.Step("extra", new float[3], gradient);
        Assert.True(optimizer.TryGetState("extra", out ParameterState? extra));
        Assert.Equal(gradient.Select(g => Bits(Start + (g * g))), extra["sum"].Span.ToArray().Select(Bits));
    }

    [Fact]
    public void Reset_returns_every_sum_to_its_start_and_the_run_repeats_bit_for_bit()
    {
        var fresh = new CheckpointAdagrad();
        var reset = new CheckpointAdagrad();
        Train(reset, seed: 99, steps: 7);
        reset.Reset();
        Assert.All(reset.States, state => AssertAll(state["sum"].Span, Start));

        float[][] once = Train(fresh, seed: 5, steps: 6);
        float[][] again = Train(reset, seed: 5, steps: 6);

        Assert.Equal(once.Select(p => p.Select(Bits)), again.Select(p => p.Select(Bits)));
        StateSnapshot.Of(fresh).AssertSameAs(reset);
    }

    [Fact]
    public void A_checkpoint_holds_pytorchs_sum_and_a_restored_set_resets_to_the_start()
    {
        var optimizer = new CheckpointAdagrad();
        Train(optimizer, seed: 3, steps: 4);
        byte[] file = CheckpointFile.Save(optimizer);

        var reader = SpecSafetensorsReader.Read(file);
        Assert.Equal(optimizer.States[0]["sum"].Span.ToArray(), reader["w.sum"].Floats());
        Assert.Equal(optimizer.States[2]["sum"].Span.ToArray(), reader["extra.sum"].Floats());
        Assert.Equal("0.1", reader.Metadata["initial_accumulator_value"]);

        var resumed = new CheckpointAdagrad();
        resumed.LoadCheckpoint(new MemoryStream(file));
        Assert.True(resumed.TryGetState("extra", out ParameterState? restored));
        Assert.Equal(optimizer.States[2]["sum"].Span.ToArray(), restored["sum"].Span.ToArray());
        resumed.Reset();
        Assert.All(resumed.States, state => AssertAll(state["sum"].Span, Start));
    }

    [Fact]
    public void A_checkpoint_of_another_initial_accumulator_value_is_refused()
    {
        var optimizer = new CheckpointAdagrad();
        Train(optimizer, seed: 3, steps: 2);
        var other = new CheckpointAdagradOtherStart();
        CheckpointException refused = Assert.Throws<CheckpointException>(() => other.LoadCheckpoint(new MemoryStream(CheckpointFile.Save(optimizer))));
        Assert.Contains("initial_accumulator_value", refused.Message, StringComparison.Ordinal);
        AssertAll(other.States[0]["sum"].Span, 0.2f);
    }

    /// <summary>Lanes whose gradient overflows the sum, at once or after a few steps, beside ordinary ones.</summary>
    [Theory]
    [InlineData(OptimizerPrecision.Single)]
    [InlineData(OptimizerPrecision.Double)]
    public void An_overflowing_sum_stops_its_element_and_no_other(OptimizerPrecision precision)
    {
        int[] huge = [0, 7, 15, 16, 100_003, 133_333, AdagradEdgesSingle.LargeLength - 1];
        IOptimizer withHuge = Edges(precision);
        IOptimizer without = Edges(precision);
        var random = new SplitMix64(17);
        float[] start = new float[AdagradEdgesSingle.LargeLength];
        random.Fill(start, 1f);
        float[] a = (float[])start.Clone(), b = (float[])start.Clone();
        float[] gradient = new float[start.Length];
        for (int step = 0; step < 5; step++)
        {
            random.Fill(gradient, 0.1f);
            float[] hugeGradient = (float[])gradient.Clone();
            for (int k = 0; k < huge.Length; k++)
            {
                hugeGradient[huge[k]] = k % 2 == 0 ? 3e19f : -1e19f; // the sum overflows at once, or on the fourth step
            }

            withHuge.Step("large", a, hugeGradient);
            without.Step("large", b, gradient);
            withHuge.EndIteration();
            without.EndIteration();
        }

        Assert.True(withHuge.TryGetState("large", out ParameterState? state));
        Span<float> sum = state["sum"].Span;
        for (int i = 0; i < a.Length; i++)
        {
            if (huge.Contains(i))
            {
                Assert.Equal(float.PositiveInfinity, sum[i]);
                Assert.True(float.IsFinite(a[i]), $"element {i} is {a[i]}");
                if (Array.IndexOf(huge, i) % 2 == 0)
                {
                    Assert.Equal(Bits(start[i]), Bits(a[i])); // 3e19: infinite from the first step, so never moved
                }
            }
            else if (Bits(a[i]) != Bits(b[i]))
            {
                Assert.Fail($"{precision}: element {i} beside the overflowing ones moved to {a[i]:R}, not {b[i]:R}.");
            }
        }
    }

    /// <summary>
    /// Gradients around 10⁻²¹ keep the sum below float's normal range (10⁻⁴² and so): it is float's own rounding of
    /// sum + g·g (PyTorch fuses that into one rounding, within the tolerance), and θ moves by clr·g/(√sum + ε) as the
    /// scalar rule computes it, in every lane at both widths.
    /// </summary>
    [Theory]
    [InlineData(OptimizerPrecision.Single)]
    [InlineData(OptimizerPrecision.Double)]
    public void A_subnormal_sum_is_the_scalar_rule_bit_for_bit(OptimizerPrecision precision)
    {
        IOptimizer optimizer = Edges(precision);
        const int length = 1_003;
        var random = new SplitMix64(23);
        float[] theta = new float[length];
        random.Fill(theta, 1e-12f); // small enough for steps of about 10⁻¹³ to show
        float[] expectedTheta = (float[])theta.Clone();
        float[] expectedSum = new float[length];
        float[] gradient = new float[length];
        for (int step = 1; step <= 6; step++)
        {
            random.Fill(gradient, 1e-21f);
            double stepSize = (double)0.01f / (1.0 + ((step - 1) * 0.5)); // the run-time rate is a float
            for (int i = 0; i < length; i++)
            {
                float g = gradient[i];
                if (precision == OptimizerPrecision.Single)
                {
                    expectedSum[i] += g * g;
                    expectedTheta[i] -= (float)stepSize * g / (MathF.Sqrt(expectedSum[i]) + 1e-10f);
                }
                else
                {
                    double sum = expectedSum[i] + ((double)g * g);
                    expectedSum[i] = (float)sum;
                    expectedTheta[i] -= (float)(stepSize * g / (Math.Sqrt(sum) + 1e-10));
                }
            }

            optimizer.Step("tiny", theta, gradient);
            optimizer.EndIteration();
        }

        Assert.True(optimizer.TryGetState("tiny", out ParameterState? state));
        Assert.Contains(expectedSum, float.IsSubnormal);
        Assert.Equal(expectedSum.Select(Bits), state["sum"].Span.ToArray().Select(Bits));
        Assert.Equal(expectedTheta.Select(Bits), theta.Select(Bits));
    }

    private static IOptimizer Edges(OptimizerPrecision precision) =>
        precision == OptimizerPrecision.Single ? new AdagradEdgesSingle() : new AdagradEdgesDouble();

    /// <summary>Steps the declared sets and a set created by name on gradients drawn from <paramref name="seed"/>.</summary>
    private static float[][] Train(CheckpointAdagrad optimizer, ulong seed, int steps)
    {
        var random = new SplitMix64(seed);
        float[][] parameters = [new float[CheckpointAdagrad.WLength], new float[CheckpointAdagrad.BLength], new float[9]];
        foreach (float[] parameter in parameters)
        {
            random.Fill(parameter, 1f);
        }

        for (int step = 0; step < steps; step++)
        {
            float[][] gradients = parameters.Select(p => new float[p.Length]).ToArray();
            foreach (float[] gradient in gradients)
            {
                random.Fill(gradient, 0.5f);
            }

            optimizer.StepW(parameters[0], gradients[0]);
            optimizer.StepB(parameters[1], gradients[1]);
            optimizer.Step("extra", parameters[2], gradients[2]);
            optimizer.EndIteration();
        }

        return parameters;
    }

    private static void AssertAll(ReadOnlySpan<float> values, float expected)
    {
        foreach (float value in values)
        {
            Assert.Equal(Bits(expected), Bits(value));
        }
    }

    private static uint Bits(float value) => BitConverter.SingleToUInt32Bits(value);
}

/// <summary>Adagrad at PyTorch's ε with a steep learning-rate decay; its large set is split across cores.</summary>
[AdagradOptimizer(LearningRate = 0.01, LearningRateDecay = 0.5)]
public partial class AdagradEdgesSingle
{
    [Parameter(3, 66_667)] public partial void StepLarge(Span<float> weights, ReadOnlySpan<float> gradient);
}

[AdagradOptimizer(LearningRate = 0.01, LearningRateDecay = 0.5, Precision = OptimizerPrecision.Double)]
public partial class AdagradEdgesDouble
{
    [Parameter(3, 66_667)] public partial void StepLarge(Span<float> weights, ReadOnlySpan<float> gradient);
}
