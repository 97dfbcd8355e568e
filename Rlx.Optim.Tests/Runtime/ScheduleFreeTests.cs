using System;
using System.IO;
using System.Linq;
using Rlx.Optim.Tests.Checkpoints;
using Rlx.Optim.Tests.Golden;

namespace Rlx.Optim.Tests.Runtime;

/// <summary>
/// What is Schedule-Free's own beyond the golden cases: z starts at y on a set's first step (declared, by name, after
/// Reset); the evaluation parameters are the weighted average of the z sequence, out of place or by swapping (and
/// back, bit for bit), and no step is taken while swapped; the largest rate and the sum of weights are state, reset by
/// Reset and carried by checkpoints, so a run resumes bit for bit across rate changes.
/// </summary>
public sealed class ScheduleFreeTests
{
    [Fact]
    public void Z_is_NaN_until_the_first_step_copies_the_parameters()
    {
        var optimizer = new ScheduleFreeTwoSets();
        Assert.All(optimizer.States, state => Assert.All(state["z"].Span.ToArray(), z => Assert.True(float.IsNaN(z))));

        float[] parameter = [0.5f, -2f, 3f];
        float[] start = (float[])parameter.Clone();
        optimizer.Step("extra", parameter, new float[] { 0.1f, 0.2f, -0.3f });
        Assert.True(optimizer.TryGetState("extra", out ParameterState? extra));

        // The first weight is the whole sum (c₁ = 1), so y = x = z after the first step, each from z₀ = the old y; and
        // with Optax's warm-up the base step of step 1 is at rate lr·0/W, so none of them moved.
        Assert.Equal(parameter.Select(Bits), extra["z"].Span.ToArray().Select(Bits));
        Assert.Equal(start.Select(Bits), parameter.Select(Bits));
        Assert.Equal(0f, extra["exp_avg_sq"].Span[0] - (0.001f * 0.1f * 0.1f), 1e-9f);
    }

    [Fact]
    public void The_evaluation_parameters_are_the_average_of_the_z_sequence()
    {
        // With weight power 0 every step weighs 1: x after t steps is the plain mean of z₁..zₜ.
        var optimizer = new ScheduleFreeEqualWeights();
        var random = new SplitMix64(11);
        float[] parameter = new float[ScheduleFreeEqualWeights.WLength];
        random.Fill(parameter, 1f);
        double[] sum = new double[parameter.Length];
        const int Steps = 9;
        for (int step = 0; step < Steps; step++)
        {
            float[] gradient = new float[parameter.Length];
            random.Fill(gradient, 1f);
            optimizer.StepW(parameter, gradient);
            optimizer.EndIteration();
            float[] z = optimizer.States[0]["z"].Span.ToArray();
            for (int i = 0; i < z.Length; i++)
            {
                sum[i] += z[i];
            }
        }

        float[] x = new float[parameter.Length];
        optimizer.EvaluationParameters("w", parameter, x);
        for (int i = 0; i < x.Length; i++)
        {
            Assert.Equal(sum[i] / Steps, x[i], 1e-5);
        }
    }

    [Fact]
    public void A_swap_gives_the_evaluation_parameters_and_the_swap_back_restores_y_bit_for_bit()
    {
        var optimizer = new ScheduleFreeTwoSets();
        float[][] parameters = Train(optimizer, seed: 3, steps: 5);
        float[][] training = parameters.Select(p => (float[])p.Clone()).ToArray();
        float[] expected = new float[parameters[0].Length];
        optimizer.EvaluationParameters("w", parameters[0], expected);

        optimizer.SwapToEvaluation("w", parameters[0]);
        Assert.True(optimizer.IsEvaluating);
        Assert.Equal(expected.Select(Bits), parameters[0].Select(Bits));
        Assert.NotEqual(training[0].Select(Bits), parameters[0].Select(Bits));

        optimizer.SwapToTraining("w", parameters[0]);
        Assert.False(optimizer.IsEvaluating);
        Assert.Equal(training[0].Select(Bits), parameters[0].Select(Bits));
    }

    [Fact]
    public void No_step_is_taken_while_a_set_is_swapped_and_nothing_changes()
    {
        var optimizer = new ScheduleFreeTwoSets();
        float[][] parameters = Train(optimizer, seed: 4, steps: 3);
        optimizer.SwapToEvaluation("b", parameters[1]);
        StateSnapshot before = StateSnapshot.Of(optimizer);
        float[][] held = parameters.Select(p => (float[])p.Clone()).ToArray();
        float[] gradient = new float[parameters[0].Length];

        InvalidOperationException declared = Assert.Throws<InvalidOperationException>(() => optimizer.StepW(parameters[0], gradient));
        Assert.Contains("'b'", declared.Message, StringComparison.Ordinal);
        Assert.Throws<InvalidOperationException>(() => optimizer.Step("w", parameters[0], gradient));
        Assert.Throws<InvalidOperationException>(() => optimizer.StepAll(parameters[0], gradient, parameters[1], new float[parameters[1].Length]));
        Assert.Throws<InvalidOperationException>(() => optimizer.StepAll(new[] { new NamedParameter("w", parameters[0], gradient) }));

        before.AssertSameAs(optimizer);
        Assert.Equal(held.Select(p => p.Select(Bits)), parameters.Select(p => p.Select(Bits)));
        optimizer.SwapToTraining("b", parameters[1]);
        optimizer.StepW(parameters[0], gradient);
    }

    [Fact]
    public void A_whole_step_swaps_every_set_or_none()
    {
        var optimizer = new ScheduleFreeTwoSets();
        float[][] parameters = Train(optimizer, seed: 5, steps: 4);
        float[][] training = parameters.Select(p => (float[])p.Clone()).ToArray();
        NamedParameter[] step = [new("w", parameters[0], ReadOnlyMemory<float>.Empty), new("b", parameters[1], ReadOnlyMemory<float>.Empty)];

        NamedParameter[] twice = [step[0], step[1], step[0]];
        Assert.Throws<ArgumentException>(() => optimizer.SwapToEvaluation(twice));
        Assert.False(optimizer.IsEvaluating);
        Assert.Equal(training.Select(p => p.Select(Bits)), parameters.Select(p => p.Select(Bits)));

        optimizer.SwapToEvaluation(step);
        Assert.Throws<InvalidOperationException>(() => optimizer.SwapToEvaluation("w", parameters[0]));
        optimizer.SwapToTraining(step);
        Assert.Equal(training.Select(p => p.Select(Bits)), parameters.Select(p => p.Select(Bits)));
        Assert.Throws<InvalidOperationException>(() => optimizer.SwapToTraining("w", parameters[0]));
    }

    [Fact]
    public void A_set_never_stepped_evaluates_at_its_parameters()
    {
        var optimizer = new ScheduleFreeTwoSets();
        float[] parameter = [1f, -2f, 0.25f];
        float[] x = new float[3];
        optimizer.EvaluationParameters("unseen", parameter, x);
        Assert.Equal(parameter, x);
        optimizer.EvaluationParameters("w", new float[ScheduleFreeTwoSets.WLength], new float[ScheduleFreeTwoSets.WLength]);
    }

    [Fact]
    public void Reset_forgets_the_rates_and_z_and_the_run_repeats_bit_for_bit()
    {
        var fresh = new ScheduleFreeTwoSets();
        var reset = new ScheduleFreeTwoSets();
        Train(reset, seed: 99, steps: 7);
        reset.Reset();
        Assert.All(reset.States, state => Assert.All(state["z"].Span.ToArray(), z => Assert.True(float.IsNaN(z))));

        float[][] once = Train(fresh, seed: 6, steps: 6);
        float[][] again = Train(reset, seed: 6, steps: 6);

        Assert.Equal(once.Select(p => p.Select(Bits)), again.Select(p => p.Select(Bits)));
        StateSnapshot.Of(fresh).AssertSameAs(reset);
    }

    [Fact]
    public void A_checkpoint_carries_the_largest_rate_and_the_sum_of_weights_so_a_run_resumes_bit_for_bit()
    {
        var whole = new ScheduleFreeTwoSets();
        float[][] straight = Train(whole, seed: 7, steps: 10);

        var first = new ScheduleFreeTwoSets();
        float[][] parameters = Train(first, seed: 7, steps: 6);
        byte[] file = CheckpointFile.Save(first);
        var reader = SpecSafetensorsReader.Read(file);
        Assert.True(reader.Metadata.ContainsKey("state.DefaultKernel.max_lr"));
        Assert.True(reader.Metadata.ContainsKey("state.BKernel.weight_sum"));

        var resumed = new ScheduleFreeTwoSets();
        resumed.LoadCheckpoint(new MemoryStream(file));
        float[][] continued = Train(resumed, seed: 7, steps: 10, from: 6, parameters);

        Assert.Equal(straight.Select(p => p.Select(Bits)), continued.Select(p => p.Select(Bits)));
        StateSnapshot.Of(whole).AssertSameAs(resumed);
    }

    [Fact]
    public void A_checkpoint_without_the_sum_of_weights_is_refused_and_changes_nothing()
    {
        var optimizer = new ScheduleFreeTwoSets();
        Train(optimizer, seed: 8, steps: 2);
        byte[] file = CheckpointFile.Save(optimizer);
        byte[] key = System.Text.Encoding.UTF8.GetBytes("state.DefaultKernel.weight_sum");
        int at = file.AsSpan().IndexOf(key);
        Assert.True(at > 0);
        byte[] renamed = (byte[])file.Clone();
        renamed[at + key.Length - 1] = (byte)'n'; // weight_sun: same length, so the header stays well formed

        var other = new ScheduleFreeTwoSets();
        StateSnapshot before = StateSnapshot.Of(other);
        CheckpointException refused = Assert.Throws<CheckpointException>(() => other.LoadCheckpoint(new MemoryStream(renamed)));
        Assert.Contains("state.DefaultKernel.weight_sum", refused.Message, StringComparison.Ordinal);
        before.AssertSameAs(other);
    }

    /// <summary>Steps w and b (declared) and "extra" (by name), at a rate that changes every step.</summary>
    private static float[][] Train(ScheduleFreeTwoSets optimizer, ulong seed, int steps, int from = 0, float[][]? resumed = null)
    {
        var random = new SplitMix64(seed);
        float[][] parameters = [new float[ScheduleFreeTwoSets.WLength], new float[ScheduleFreeTwoSets.BLength], new float[9]];
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

            if (step < from)
            {
                continue; // the draws of the steps taken before the checkpoint
            }

            if (step == from && resumed is not null)
            {
                parameters = resumed;
            }

            optimizer.LearningRate = 0.001f * (1 + ((step * 7) % 5));
            optimizer.StepW(parameters[0], gradients[0]);
            optimizer.StepB(parameters[1], gradients[1]);
            optimizer.Step("extra", parameters[2], gradients[2]);
            optimizer.EndIteration();
        }

        return parameters;
    }

    private static uint Bits(float value) => BitConverter.SingleToUInt32Bits(value);
}

[ScheduleFreeAdamWOptimizer(WeightDecay = 0.01, WarmupSteps = 2)]
public partial class ScheduleFreeTwoSets
{
    [Parameter(21, Name = "w")] public partial void StepW(Span<float> parameter, ReadOnlySpan<float> gradient);

    [Parameter(4, Name = "b", Beta1 = 0.8, LearningRateScale = 0.5)] public partial void StepB(Span<float> parameter, ReadOnlySpan<float> gradient);
}

[ScheduleFreeAdamWOptimizer(LearningRate = 0.01, WeightLrPower = 0)]
public partial class ScheduleFreeEqualWeights
{
    [Parameter(13, Name = "w")] public partial void StepW(Span<float> parameter, ReadOnlySpan<float> gradient);
}
