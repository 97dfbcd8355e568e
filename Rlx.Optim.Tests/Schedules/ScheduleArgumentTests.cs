using System;
using System.Collections.Generic;

namespace Rlx.Optim.Tests.Schedules;

/// <summary>
/// Constructors refuse what would make a schedule meaningless or not a learning rate, naming the argument and saying
/// why; every schedule refuses a negative step and is defined for every other one.
/// </summary>
public sealed class ScheduleArgumentTests
{
    public static TheoryData<string, string, string, Func<LearningRateSchedule>> InvalidArguments() => new()
    {
        { "constant, negative", "rate", "finite and not negative", () => new ConstantSchedule(-1e-3) },
        { "constant, NaN", "rate", "finite and not negative", () => new ConstantSchedule(double.NaN) },
        { "constant, infinite", "rate", "finite and not negative", () => new ConstantSchedule(double.PositiveInfinity) },
        { "warm-up, no steps", "warmupSteps", "at least 1", () => new LinearWarmupSchedule(1e-3, 0, 0.1) },
        { "warm-up, factor above 1", "startFactor", "[0, 1]", () => new LinearWarmupSchedule(1e-3, 10, 1.5) },
        { "warm-up, negative factor", "startFactor", "[0, 1]", () => new LinearWarmupSchedule(1e-3, 10, -0.1) },
        { "warm-up, NaN factor", "startFactor", "[0, 1]", () => new LinearWarmupSchedule(1e-3, 10, double.NaN) },
        { "warm-up, negative peak", "peakRate", "finite and not negative", () => new LinearWarmupSchedule(-1e-3, 10, 0.1) },
        { "linear decay, no steps", "decaySteps", "at least 1", () => new LinearDecaySchedule(1e-3, 0, -5) },
        { "linear decay, negative floor", "finalRate", "finite and not negative", () => new LinearDecaySchedule(1e-3, -1e-5, 10) },
        { "cosine, infinite start", "initialRate", "finite and not negative", () => new CosineDecaySchedule(double.PositiveInfinity, 0, 10) },
        { "cosine, NaN floor", "finalRate", "finite and not negative", () => new CosineDecaySchedule(1e-3, double.NaN, 10) },
        { "cosine, no steps", "decaySteps", "at least 1", () => new CosineDecaySchedule(1e-3, 0, 0) },
        { "step, no step size", "stepSize", "at least 1", () => new StepDecaySchedule(0.1, 0, 0.5) },
        { "step, gamma above 1", "gamma", "(0, 1]", () => new StepDecaySchedule(0.1, 10, 1.5) },
        { "step, gamma 0", "gamma", "(0, 1]", () => new StepDecaySchedule(0.1, 10, 0) },
        { "multi-step, gamma NaN", "gamma", "(0, 1]", () => new MultiStepDecaySchedule(0.1, [10], double.NaN) },
        { "exponential, gamma above 1", "gamma", "(0, 1]", () => new ExponentialDecaySchedule(0.1, 1.01) },
        { "exponential, negative rate", "initialRate", "finite and not negative", () => new ExponentialDecaySchedule(-0.1, 0.9) },
        { "polynomial, power 0", "power", "finite and positive", () => new PolynomialDecaySchedule(0.1, 10, 0) },
        { "polynomial, infinite power", "power", "finite and positive", () => new PolynomialDecaySchedule(0.1, 10, double.PositiveInfinity) },
        { "polynomial, no steps", "decaySteps", "at least 1", () => new PolynomialDecaySchedule(0.1, 0, 1) },
        { "polynomial, negative floor", "finalRate", "finite and not negative", () => new PolynomialDecaySchedule(0.1, 10, 1, -1) },
        { "inverse sqrt, negative warm-up", "warmupSteps", "non-negative", () => new InverseSquareRootSchedule(1e-3, -1) },
        { "inverse sqrt, timescale 0", "timescale", "at least 1", () => new InverseSquareRootSchedule(1e-3, 10, 0) },
        { "one-cycle, peak 0", "maxRate", "finite and positive", () => new OneCycleSchedule(0, 100) },
        { "one-cycle, no steps", "totalSteps", "at least 1", () => new OneCycleSchedule(0.1, 0) },
        { "one-cycle, pctStart 0", "pctStart", "(0, 1)", () => new OneCycleSchedule(0.1, 100, 0) },
        { "one-cycle, pctStart 1", "pctStart", "(0, 1)", () => new OneCycleSchedule(0.1, 100, 1) },
        { "one-cycle, empty rise", "pctStart", "it must end after step 0", () => new OneCycleSchedule(0.1, 10, 0.1) },
        { "one-cycle, empty third phase", "pctStart", "leaves a phase without steps", () => new OneCycleSchedule(0.1, 100, 0.6, threePhase: true) },
        { "one-cycle, unknown strategy", "annealStrategy", "Cosine or Linear", () => new OneCycleSchedule(0.1, 100, annealStrategy: (OneCycleAnnealStrategy)7) },
        { "one-cycle, divisor 0", "divFactor", "finite and positive", () => new OneCycleSchedule(0.1, 100, divFactor: 0) },
        { "one-cycle, NaN final divisor", "finalDivFactor", "finite and positive", () => new OneCycleSchedule(0.1, 100, finalDivFactor: double.NaN) },
        { "warm-up cosine, no warm-up", "warmupSteps", "at least 1", () => LearningRateSchedule.WarmupCosine(1e-3, 0, 0, 100, 0.1) },
        { "warm-up cosine, total within warm-up", "totalSteps", "must exceed the 100 warm-up steps", () => LearningRateSchedule.WarmupCosine(1e-3, 0, 100, 100, 0.1) },
        { "warm-up cosine, factor above 1", "warmupStartFactor", "[0, 1]", () => LearningRateSchedule.WarmupCosine(1e-3, 0, 10, 100, 2) },
        { "warm-up cosine, negative floor", "finalRate", "finite and not negative", () => LearningRateSchedule.WarmupCosine(1e-3, -1, 10, 100, 0.1) },
    };

    public static TheoryData<string, string, string, Func<LearningRateSchedule>> InvalidLists() => new()
    {
        { "multi-step, null", "milestones", "Value cannot be null", () => new MultiStepDecaySchedule(0.1, null!, 0.5) },
        { "multi-step, milestone 0", "milestones", "positive steps; [0] is 0", () => new MultiStepDecaySchedule(0.1, [0, 10], 0.5) },
        { "multi-step, repeated", "milestones", "strictly increasing; [2] = 20 follows 20", () => new MultiStepDecaySchedule(0.1, [10, 20, 20], 0.5) },
        { "multi-step, decreasing", "milestones", "strictly increasing; [1] = 5 follows 10", () => new MultiStepDecaySchedule(0.1, [10, 5], 0.5) },
        { "sequence, null schedules", "schedules", "Value cannot be null", () => new SequentialSchedule(null!, []) },
        { "sequence, null boundaries", "boundaries", "Value cannot be null", () => new SequentialSchedule([new ConstantSchedule(1)], null!) },
        { "sequence, empty", "schedules", "at least one schedule", () => new SequentialSchedule([], []) },
        { "sequence, null schedule", "schedules", "Schedule [1] is null", () => new SequentialSchedule([new ConstantSchedule(1), null!], [5]) },
        { "sequence, too many boundaries", "boundaries", "The boundaries must be one fewer than the schedules: expected 1, got 2", () => new SequentialSchedule([new ConstantSchedule(1), new ConstantSchedule(2)], [5, 6]) },
        { "sequence, too few boundaries", "boundaries", "The boundaries must be one fewer than the schedules: expected 1, got 0", () => new SequentialSchedule([new ConstantSchedule(1), new ConstantSchedule(2)], []) },
        { "sequence, boundary 0", "boundaries", "positive steps; [0] is 0", () => new SequentialSchedule([new ConstantSchedule(1), new ConstantSchedule(2)], [0]) },
        { "sequence, unordered", "boundaries", "strictly increasing; [1] = 3 follows 5", () => new SequentialSchedule([new ConstantSchedule(1), new ConstantSchedule(2), new ConstantSchedule(3)], [5, 3]) },
    };

    /// <summary>One of every type, nested sequences included, with settings a real run might use.</summary>
    public static IEnumerable<LearningRateSchedule> OneOfEach() =>
    [
        new ConstantSchedule(1e-3),
        new LinearWarmupSchedule(1e-3, 100, 0.01),
        new LinearDecaySchedule(1e-3, 1e-5, 1000),
        new CosineDecaySchedule(1e-3, 1e-5, 1000),
        new StepDecaySchedule(0.1, 30, 0.1),
        new MultiStepDecaySchedule(0.1, [30, 80], 0.1),
        new ExponentialDecaySchedule(0.1, 0.99),
        new PolynomialDecaySchedule(0.1, 1000, 2),
        new PolynomialDecaySchedule(0.1, 1000, 0.5, 1e-4),
        new InverseSquareRootSchedule(1e-3, 100),
        new InverseSquareRootSchedule(1e-3, 0),
        new OneCycleSchedule(0.1, 1000),
        new OneCycleSchedule(0.1, 1000, 0.25, OneCycleAnnealStrategy.Linear, threePhase: true),
        LearningRateSchedule.WarmupCosine(1e-3, 1e-5, 100, 1000, 0.1),
        new SequentialSchedule([LearningRateSchedule.WarmupCosine(1e-3, 1e-4, 10, 100, 0), new ExponentialDecaySchedule(1e-4, 0.999)], [100]),
    ];

    public static TheoryData<LearningRateSchedule> Schedules() => [.. OneOfEach()];

    [Theory]
    [MemberData(nameof(InvalidArguments))]
    public void Out_of_range_arguments_are_refused_with_the_reason(string what, string paramName, string reason, Func<LearningRateSchedule> create)
    {
        var exception = Assert.Throws<ArgumentOutOfRangeException>(paramName, () => create());
        Assert.Contains(reason, exception.Message, StringComparison.Ordinal);
        Assert.False(string.IsNullOrEmpty(what));
    }

    [Theory]
    [MemberData(nameof(InvalidLists))]
    public void Invalid_lists_are_refused_with_the_reason(string what, string paramName, string reason, Func<LearningRateSchedule> create)
    {
        var exception = Assert.ThrowsAny<ArgumentException>(create);
        Assert.IsNotType<ArgumentOutOfRangeException>(exception);
        Assert.Equal(paramName, exception.ParamName);
        Assert.Contains(reason, exception.Message, StringComparison.Ordinal);
        Assert.False(string.IsNullOrEmpty(what));
    }

    [Theory]
    [MemberData(nameof(Schedules))]
    public void A_negative_step_is_refused(LearningRateSchedule schedule)
    {
        foreach (long step in new[] { -1L, -1000L, long.MinValue })
        {
            var exception = Assert.Throws<ArgumentOutOfRangeException>("step", () => schedule.RateAt(step));
            Assert.Contains("cannot be negative", exception.Message, StringComparison.Ordinal);
            Assert.Equal(step, exception.ActualValue);
        }
    }

    [Theory]
    [MemberData(nameof(Schedules))]
    public void Every_step_has_a_finite_non_negative_rate_and_always_the_same(LearningRateSchedule schedule)
    {
        var steps = new List<long> { long.MaxValue, long.MaxValue - 1, 1L << 53, (1L << 53) + 1, int.MaxValue, 1L << 40 };
        for (long step = 0; step < 3000; step++)
        {
            steps.Add(step);
        }

        foreach (long step in steps)
        {
            double rate = schedule.RateAt(step);
            Assert.True(double.IsFinite(rate) && rate >= 0, $"{schedule} at step {step}: {rate:R}");
            Assert.Equal(BitConverter.DoubleToInt64Bits(rate), BitConverter.DoubleToInt64Bits(schedule.RateAt(step)));
        }
    }

    [Fact]
    public void Omitted_settings_take_pytorchs_and_transformers_defaults()
    {
        var oneCycle = new OneCycleSchedule(0.1, 100);
        Assert.Equal(0.3, oneCycle.PctStart);
        Assert.Equal(OneCycleAnnealStrategy.Cosine, oneCycle.AnnealStrategy);
        Assert.Equal(25, oneCycle.DivFactor);
        Assert.Equal(1e4, oneCycle.FinalDivFactor);
        Assert.False(oneCycle.ThreePhase);
        Assert.Equal(0.1 / 25, oneCycle.InitialRate);
        Assert.Equal(0.1 / 25 / 1e4, oneCycle.FinalRate);

        Assert.Equal(0, new PolynomialDecaySchedule(0.1, 10, 2).FinalRate);
        Assert.Equal(40, new InverseSquareRootSchedule(1e-3, 40).Timescale);
        Assert.Equal(10_000, new InverseSquareRootSchedule(1e-3, 0).Timescale);
        Assert.Equal(7, new InverseSquareRootSchedule(1e-3, 40, 7).Timescale);
    }

    [Fact]
    public void Lists_are_copied()
    {
        long[] milestones = [10, 20];
        var multiStep = new MultiStepDecaySchedule(1, milestones, 0.5);
        LearningRateSchedule[] schedules = [new ConstantSchedule(1), new ConstantSchedule(2)];
        long[] boundaries = [5];
        var sequence = new SequentialSchedule(schedules, boundaries);

        milestones[0] = 1;
        schedules[1] = new ConstantSchedule(3);
        boundaries[0] = 1;

        Assert.Equal(new long[] { 10, 20 }, multiStep.Milestones);
        Assert.Equal(1, multiStep.RateAt(9));
        Assert.Equal(2, sequence.RateAt(5));
        Assert.Equal(1, sequence.RateAt(4));
        Assert.Equal(new long[] { 5 }, sequence.Boundaries);
        Assert.Throws<NotSupportedException>(() => ((IList<long>)multiStep.Milestones)[0] = 3);
        Assert.Throws<NotSupportedException>(() => ((IList<LearningRateSchedule>)sequence.Schedules)[0] = new ConstantSchedule(4));
    }
}
