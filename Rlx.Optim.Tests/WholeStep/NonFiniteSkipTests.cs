using System;
using System.Linq;

namespace Rlx.Optim.Tests.WholeStep;

/// <summary>
/// SkipNonFiniteSteps: a StepAll whose gradients hold a NaN or an infinity changes nothing (parameters, state, step
/// count), returns false and is counted; the next finite step is the one a run without the bad step would take.
/// </summary>
public sealed class NonFiniteSkipTests
{
    [Theory]
    [InlineData(float.NaN, false)]
    [InlineData(float.PositiveInfinity, false)]
    [InlineData(float.NegativeInfinity, true)]
    public void A_non_finite_gradient_skips_the_whole_step(float bad, bool clipping)
    {
        var skipping = new PlanAdamW { SkipNonFiniteSteps = true, MaxGradientNorm = clipping ? 1f : null };
        var reference = new PlanAdamW { MaxGradientNorm = clipping ? 1f : null };
        float[][] p1 = StepPlanTests.Draw(1, 1f, 40_000, 37, 1_000, 20_000, 3), p2 = StepPlanTests.Clone(p1);
        float[][] first = StepPlanTests.Draw(2, 1f, 40_000, 37, 1_000, 20_000, 3);
        Assert.True(Step(skipping, p1, first));
        Assert.True(Step(reference, p2, first));
        float normOfFirst = skipping.GradientNorm;
        Assert.True(float.IsFinite(normOfFirst));

        // The bad element is in the fourth set, past the first sets' blocks: the whole step must still be refused.
        float[][] withBad = StepPlanTests.Draw(3, 1f, 40_000, 37, 1_000, 20_000, 3);
        withBad[3][12_345] = bad;
        float[][] before = StepPlanTests.Clone(p1);
        float[][] stateBefore = Snapshot(skipping);
        Assert.False(Step(skipping, p1, withBad));

        for (int k = 0; k < p1.Length; k++)
        {
            Assert.Equal(StepPlanTests.Bits(before[k]), StepPlanTests.Bits(p1[k]));
        }

        float[][] stateAfter = Snapshot(skipping);
        for (int b = 0; b < stateBefore.Length; b++)
        {
            Assert.Equal(StepPlanTests.Bits(stateBefore[b]), StepPlanTests.Bits(stateAfter[b]));
        }

        Assert.Equal(1, skipping.StepCount);
        Assert.Equal(1, skipping.SkippedSteps);
        Assert.False(float.IsFinite(skipping.GradientNorm));

        float[][] next = StepPlanTests.Draw(4, 1f, 40_000, 37, 1_000, 20_000, 3);
        Assert.True(Step(skipping, p1, next));
        Assert.True(Step(reference, p2, next));
        StepPlanTests.AssertSameBits(p2, p1, reference, skipping);
        Assert.Equal(2, skipping.StepCount);

        skipping.Reset();
        Assert.Equal(0, skipping.SkippedSteps);
        Assert.True(float.IsNaN(skipping.GradientNorm));
    }

    [Fact]
    public void A_checkpoint_carries_the_count_of_skipped_steps()
    {
        var skipping = new PlanAdamW { SkipNonFiniteSteps = true };
        float[][] p = StepPlanTests.Draw(1, 1f, 40_000, 37, 1_000, 20_000, 3);
        float[][] bad = StepPlanTests.Draw(2, 1f, 40_000, 37, 1_000, 20_000, 3);
        bad[1][7] = float.PositiveInfinity;
        Assert.True(Step(skipping, p, StepPlanTests.Draw(3, 1f, 40_000, 37, 1_000, 20_000, 3)));
        Assert.False(Step(skipping, p, bad));
        Assert.False(Step(skipping, p, bad));
        byte[] saved = Checkpoints.CheckpointFile.Save(skipping);
        Assert.Equal("2", Checkpoints.CheckpointFile.Metadata(Checkpoints.CheckpointFile.Split(saved).Header)["skipped_steps"]!.GetValue<string>());

        var resumed = new PlanAdamW();
        resumed.LoadCheckpoint(new System.IO.MemoryStream(saved));
        Assert.Equal(2, resumed.SkippedSteps);
        Assert.Equal(1, resumed.StepCount);

        // A checkpoint of a run that skipped nothing records no count, and loading it sets the count to 0.
        byte[] clean = Checkpoints.CheckpointFile.Save(new PlanAdamW());
        Assert.False(Checkpoints.CheckpointFile.Metadata(Checkpoints.CheckpointFile.Split(clean).Header).ContainsKey("skipped_steps"));
        resumed.LoadCheckpoint(new System.IO.MemoryStream(clean));
        Assert.Equal(0, resumed.SkippedSteps);

        // A count that does not parse is refused, changing nothing.
        byte[] malformed = Checkpoints.CheckpointFile.Edit(saved, header => Checkpoints.CheckpointFile.Metadata(header)["skipped_steps"] = "-1");
        var kept = new PlanAdamW();
        kept.LoadCheckpoint(new System.IO.MemoryStream(saved));
        var refused = Assert.Throws<CheckpointException>(() => kept.LoadCheckpoint(new System.IO.MemoryStream(malformed)));
        Assert.Contains("'skipped_steps' is '-1', not a count of steps", refused.Message);
        Assert.Equal(2, kept.SkippedSteps);
        Assert.Equal(1, kept.StepCount);
    }

    [Fact]
    public void Without_the_check_a_non_finite_gradient_is_stepped_as_pytorch_would()
    {
        var optimizer = new PlanAdamW();
        float[][] p = StepPlanTests.Draw(1, 1f, 40_000, 37, 1_000, 20_000, 3);
        float[][] g = StepPlanTests.Draw(2, 1f, 40_000, 37, 1_000, 20_000, 3);
        g[0][5] = float.NaN;
        Assert.True(Step(optimizer, p, g));
        Assert.True(float.IsNaN(p[0][5]));
        Assert.True(float.IsFinite(p[0][6]));
        Assert.Equal(1, optimizer.StepCount);
        Assert.Equal(0, optimizer.SkippedSteps);
        Assert.True(float.IsNaN(optimizer.GradientNorm), "nothing asked for the norm");
    }

    [Fact]
    public void The_attribute_sets_the_defaults()
    {
        var declared = new DeclaredWholeStepAdam();
        Assert.Equal(0.5f, declared.MaxGradientNorm);
        Assert.True(declared.SkipNonFiniteSteps);
        var plain = new PlanAdamW();
        Assert.Null(plain.MaxGradientNorm);
        Assert.False(plain.SkipNonFiniteSteps);
    }

    [Theory]
    [InlineData(0f)]
    [InlineData(-1f)]
    [InlineData(float.NaN)]
    [InlineData(float.PositiveInfinity)]
    public void An_invalid_clipping_norm_is_refused_and_the_old_one_kept(float norm)
    {
        var optimizer = new PlanAdamW { MaxGradientNorm = 2f };
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => optimizer.MaxGradientNorm = norm);
        Assert.Contains("finite and greater than 0", error.Message);
        Assert.Equal(2f, optimizer.MaxGradientNorm);
        optimizer.MaxGradientNorm = null;
        Assert.Null(optimizer.MaxGradientNorm);
    }

    [Fact]
    public void One_set_steps_are_refused_while_the_step_needs_every_gradient()
    {
        var optimizer = new PlanAdamW { MaxGradientNorm = 1f };
        float[] p = StepPlanTests.Draw(1, 1f, 37)[0], g = StepPlanTests.Draw(2, 1f, 37)[0];
        uint[] before = StepPlanTests.Bits(p);
        var declared = Assert.Throws<InvalidOperationException>(() => optimizer.StepB(p, g));
        Assert.Contains("StepAll", declared.Message);
        Assert.Throws<InvalidOperationException>(() => optimizer.Step("b", p, g));
        Assert.Throws<InvalidOperationException>(() => optimizer.Step("undeclared", p, g));
        Assert.Equal(before, StepPlanTests.Bits(p));
        Assert.DoesNotContain(optimizer.States, s => s.Name == "undeclared");

        optimizer.MaxGradientNorm = null;
        optimizer.SkipNonFiniteSteps = true;
        Assert.Throws<InvalidOperationException>(() => optimizer.StepB(p, g));
        optimizer.SkipNonFiniteSteps = false;
        optimizer.StepB(p, g);
        Assert.NotEqual(before, StepPlanTests.Bits(p));
    }

    private static bool Step(PlanAdamW optimizer, float[][] p, float[][] g) =>
        optimizer.StepAll(p[0], g[0], p[1], g[1], p[2], g[2], p[3], g[3], p[4], g[4]);

    private static float[][] Snapshot(IOptimizer optimizer) =>
        optimizer.States.SelectMany(s => s.Buffers.Select(b =>
        {
            float[] values = new float[s.Length];
            b.CopyTo(values);
            return values;
        })).ToArray();
}

[AdamOptimizer(MaxGradientNorm = 0.5, SkipNonFiniteSteps = true)]
public partial class DeclaredWholeStepAdam
{
    [Parameter(8)] public partial void StepW(Span<float> parameter, ReadOnlySpan<float> gradient);
}
