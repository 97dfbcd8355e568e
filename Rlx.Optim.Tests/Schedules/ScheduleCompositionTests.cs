using System;
using System.Linq;

namespace Rlx.Optim.Tests.Schedules;

/// <summary>
/// Joined schedules: each part sees its steps counted from its boundary, sequences nest, and the warm-up-then-cosine
/// convenience is the sequence it says, matching PyTorch's SequentialLR of LinearLR and CosineAnnealingLR.
/// </summary>
public sealed class ScheduleCompositionTests
{
    private static readonly LearningRateSchedule s_warmup = new LinearWarmupSchedule(0.1, 10, 0.2);
    private static readonly LearningRateSchedule s_step = new StepDecaySchedule(0.1, 25, 0.5);
    private static readonly LearningRateSchedule s_exponential = new ExponentialDecaySchedule(0.1 * 0.5 * 0.5 * 0.5 * 0.5, 0.97);

    [Fact]
    public void Each_part_counts_its_steps_from_its_boundary()
    {
        var sequence = new SequentialSchedule([s_warmup, s_step, s_exponential], [10, 110]);

        for (long step = 0; step < 400; step++)
        {
            double expected = step < 10 ? s_warmup.RateAt(step) : step < 110 ? s_step.RateAt(step - 10) : s_exponential.RateAt(step - 110);
            Assert.Equal(expected, sequence.RateAt(step));
        }

        // The boundary step belongs to the schedule that starts there, as its step 0 (PyTorch's step(0), Optax's
        // step - boundary): the warm-up's own step 10 (its peak) is never used.
        Assert.Equal(s_warmup.RateAt(9), sequence.RateAt(9));
        Assert.Equal(s_step.RateAt(0), sequence.RateAt(10));
        Assert.Equal(s_exponential.RateAt(0), sequence.RateAt(110));
    }

    [Fact]
    public void Nested_sequences_equal_the_flat_one()
    {
        var flat = new SequentialSchedule([s_warmup, s_step, s_exponential], [10, 110]);
        var nestedFirst = new SequentialSchedule([new SequentialSchedule([s_warmup, s_step], [10]), s_exponential], [110]);
        var nestedLast = new SequentialSchedule([s_warmup, new SequentialSchedule([s_step, s_exponential], [100])], [10]);

        for (long step = 0; step < 400; step++)
        {
            Assert.Equal(flat.RateAt(step), nestedFirst.RateAt(step));
            Assert.Equal(flat.RateAt(step), nestedLast.RateAt(step));
        }
    }

    [Fact]
    public void A_sequence_of_one_is_that_schedule()
    {
        var cosine = new CosineDecaySchedule(1e-3, 1e-5, 100);
        var sequence = new SequentialSchedule([cosine], []);
        for (long step = 0; step < 200; step++)
        {
            Assert.Equal(cosine.RateAt(step), sequence.RateAt(step));
        }
    }

    [Fact]
    public void Warm_up_then_cosine_is_the_sequence_it_describes_and_pytorchs()
    {
        SequentialSchedule schedule = LearningRateSchedule.WarmupCosine(peakRate: 4e-3, finalRate: 1e-5, warmupSteps: 20, totalSteps: 200, warmupStartFactor: 0.1);

        var warmup = Assert.IsType<LinearWarmupSchedule>(schedule.Schedules[0]);
        var cosine = Assert.IsType<CosineDecaySchedule>(schedule.Schedules[1]);
        Assert.Equal(new long[] { 20 }, schedule.Boundaries);
        Assert.Equal((4e-3, 20L, 0.1), (warmup.PeakRate, warmup.WarmupSteps, warmup.StartFactor));
        Assert.Equal((4e-3, 1e-5, 180L), (cosine.InitialRate, cosine.FinalRate, cosine.DecaySteps));

        // The golden case is SequentialLR([LinearLR(0.1, 1.0, 20), CosineAnnealingLR(180, 1e-5)], [20]) at lr 4e-3.
        ScheduleCase golden = ScheduleGoldenFile.Instance.Case("sequential-warmup-cosine");
        LearningRateSchedule fromGolden = TorchSchedules.Create(golden);
        double[] closedForm = golden.ClosedFormRates;
        for (int step = 0; step < golden.Steps; step++)
        {
            Assert.Equal(fromGolden.RateAt(step), schedule.RateAt(step));
            Assert.Equal(closedForm[step], schedule.RateAt(step), 1e-12 * closedForm[step]);
        }

        Assert.Equal(4e-3 * 0.1, schedule.RateAt(0), 1e-15);
        Assert.Equal(4e-3, schedule.RateAt(20));
        Assert.Equal(1e-5, schedule.RateAt(200));
        Assert.Equal(1e-5, schedule.RateAt(long.MaxValue));
        Assert.True(Enumerable.Range(1, 199).All(step => schedule.RateAt(step) != schedule.RateAt(step - 1)));
    }
}
