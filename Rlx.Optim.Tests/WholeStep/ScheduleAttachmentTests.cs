using System;
using System.IO;
using System.Linq;
using Rlx.Optim.Tests.Runtime;

namespace Rlx.Optim.Tests.WholeStep;

/// <summary>
/// A schedule attached to an optimizer gives every step's rate from the step count: the same bits as setting that
/// rate by hand, resumed at its step by a checkpoint, checked when it gives a rate no step can take.
/// </summary>
public sealed class ScheduleAttachmentTests
{
    [Fact]
    public void An_attached_schedule_steps_as_the_same_rates_set_by_hand()
    {
        // Rates that are floats exactly (1/64 halved every two steps), so the hand-set float rate is the same number.
        var schedule = new StepDecaySchedule(1.0 / 64, stepSize: 2, gamma: 0.5);
        var scheduled = new PlanAdamW { LearningRateSchedule = schedule };
        var byHand = new PlanAdamW();
        float[][] p1 = StepPlanTests.Draw(1, 1f, 40_000, 37, 1_000, 20_000, 3), p2 = StepPlanTests.Clone(p1);
        for (int step = 0; step < 5; step++)
        {
            Assert.Equal((float)schedule.RateAt(step), scheduled.LearningRate);
            byHand.LearningRate = (float)schedule.RateAt(step);
            float[][] g = StepPlanTests.Draw(10 + step, 1f, 40_000, 37, 1_000, 20_000, 3);
            scheduled.StepAll(p1[0], g[0], p1[1], g[1], p1[2], g[2], p1[3], g[3], p1[4], g[4]);
            byHand.StepAll(p2[0], g[0], p2[1], g[1], p2[2], g[2], p2[3], g[3], p2[4], g[4]);
        }

        StepPlanTests.AssertSameBits(p2, p1, byHand, scheduled);
    }

    [Fact]
    public void Learning_rate_cannot_be_set_while_a_schedule_gives_it()
    {
        var optimizer = new PlanAdamW { LearningRate = 0.5f, LearningRateSchedule = new ConstantSchedule(0.25) };
        var error = Assert.Throws<InvalidOperationException>(() => optimizer.LearningRate = 0.1f);
        Assert.Contains("schedule", error.Message);
        Assert.Equal(0.25f, optimizer.LearningRate);
        optimizer.LearningRateSchedule = null;
        Assert.Equal(0.5f, optimizer.LearningRate);
    }

    [Fact]
    public void A_checkpoint_resumes_the_schedule_at_its_step()
    {
        LearningRateSchedule schedule = LearningRateSchedule.WarmupCosine(
            peakRate: 0.01, finalRate: 0.0001, warmupSteps: 3, totalSteps: 10, warmupStartFactor: 0.1);
        var uninterrupted = new PlanAdamW { LearningRateSchedule = schedule };
        var first = new PlanAdamW { LearningRateSchedule = schedule };
        float[][] p1 = StepPlanTests.Draw(1, 1f, 40_000, 37, 1_000, 20_000, 3), p2 = StepPlanTests.Clone(p1);
        using var checkpoint = new MemoryStream();
        var resumed = new PlanAdamW { LearningRateSchedule = schedule };
        for (int step = 0; step < 8; step++)
        {
            float[][] g = StepPlanTests.Draw(20 + step, 1f, 40_000, 37, 1_000, 20_000, 3);
            uninterrupted.StepAll(p1[0], g[0], p1[1], g[1], p1[2], g[2], p1[3], g[3], p1[4], g[4]);
            PlanAdamW current = step < 4 ? first : resumed;
            current.StepAll(p2[0], g[0], p2[1], g[1], p2[2], g[2], p2[3], g[3], p2[4], g[4]);
            if (step == 3)
            {
                first.SaveCheckpoint(checkpoint);
                checkpoint.Position = 0;
                resumed.LoadCheckpoint(checkpoint);
                Assert.Equal((float)schedule.RateAt(4), resumed.LearningRate);
            }
        }

        StepPlanTests.AssertSameBits(p1, p2, uninterrupted, resumed);
    }

    [Theory]
    [InlineData(double.NaN)]
    [InlineData(-0.001)]
    [InlineData(double.PositiveInfinity)]
    [InlineData(1e300)]
    public void A_schedule_that_gives_an_impossible_rate_is_refused_before_anything_changes(double rate)
    {
        var optimizer = new PlanAdamW { LearningRateSchedule = new BrokenSchedule(rate) };
        float[][] p = StepPlanTests.Draw(1, 1f, 40_000, 37, 1_000, 20_000, 3), before = StepPlanTests.Clone(p);
        float[][] g = StepPlanTests.Draw(2, 1f, 40_000, 37, 1_000, 20_000, 3);
        var error = Assert.Throws<InvalidOperationException>(
            () => optimizer.StepAll(p[0], g[0], p[1], g[1], p[2], g[2], p[3], g[3], p[4], g[4]));
        Assert.Contains("broken", error.Message);
        Assert.Equal(0, optimizer.StepCount);
        for (int k = 0; k < p.Length; k++)
        {
            Assert.Equal(StepPlanTests.Bits(before[k]), StepPlanTests.Bits(p[k]));
        }
    }

    private sealed class BrokenSchedule(double rate) : LearningRateSchedule
    {
        public override double RateAt(long step) => rate;

        public override string ToString() => "broken";
    }
}

/// <summary>StepAll with clipping, the non-finite check and a schedule allocates nothing per step.</summary>
[Collection(AllocationCounting.Name)]
public sealed class WholeStepAllocationTests
{
    [Fact]
    public void The_whole_step_allocates_nothing()
    {
        var optimizer = new PlanMixedPrecision
        {
            MaxGradientNorm = 1f,
            SkipNonFiniteSteps = true,
            LearningRateSchedule = LearningRateSchedule.WarmupCosine(0.01, 0.001, 5, 100, 0.1),
        };
        float[] a = new float[40_000], ga = Enumerable.Repeat(0.1f, a.Length).ToArray();
        var b = new BFloat16[20_000];
        var gb = Enumerable.Repeat((BFloat16)0.1f, b.Length).ToArray();
        var c = new Half[1_003];
        float[] gc = new float[c.Length];
        Run(3);

        Assert.Equal(0, AllocationCounting.FewestAllocatedBytes(() => Run(20)));

        void Run(int steps)
        {
            for (int i = 0; i < steps; i++)
            {
                optimizer.StepAll(a, ga, b, gb, c, gc);
            }
        }
    }
}
