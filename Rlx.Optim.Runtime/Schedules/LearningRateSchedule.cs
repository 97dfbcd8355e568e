using System;

namespace Rlx.Optim;

/// <summary>
/// A learning rate as a function of the step count: what an optimizer uses for each step.
/// </summary>
/// <remarks>
/// <para>
/// The <c>step</c> of <see cref="RateAt"/> is the number of optimizer steps already taken: 0
/// for the first step. That is PyTorch's <c>last_epoch</c> after as many <c>scheduler.step()</c> calls, so
/// <c>RateAt(t)</c> is the rate PyTorch's optimizer uses for its step <c>t + 1</c>.
/// </para>
/// <para>
/// Every schedule of this library is immutable, and <see cref="RateAt"/> is pure (the same step gives the same
/// rate), thread-safe, allocation-free, defined for every step from 0 on (after a schedule's end it holds its last
/// value; each type says what its end is) and throws <see cref="ArgumentOutOfRangeException"/> for a negative step.
/// A schedule written by deriving from this class should keep those promises.
/// </para>
/// <para>
/// The types: <see cref="ConstantSchedule"/>, <see cref="LinearWarmupSchedule"/>, <see cref="LinearDecaySchedule"/>,
/// <see cref="CosineDecaySchedule"/>, <see cref="StepDecaySchedule"/>, <see cref="MultiStepDecaySchedule"/>,
/// <see cref="ExponentialDecaySchedule"/>, <see cref="PolynomialDecaySchedule"/>,
/// <see cref="InverseSquareRootSchedule"/>, <see cref="OneCycleSchedule"/>, and <see cref="SequentialSchedule"/>
/// to join them; <see cref="WarmupCosine"/> builds the common warm-up then cosine decay.
/// </para>
/// </remarks>
public abstract class LearningRateSchedule
{
    /// <summary>Initializes the base of a schedule.</summary>
    protected LearningRateSchedule()
    {
    }

    /// <summary>The learning rate for the step after <paramref name="step"/> steps have been taken.</summary>
    /// <param name="step">The number of optimizer steps already taken: 0 for the first step.</param>
    /// <returns>The learning rate: finite and not negative for every schedule of this library.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="step"/> is negative.</exception>
    public abstract double RateAt(long step);

    /// <summary>A readable description of the schedule and its settings, for logs.</summary>
    /// <returns>For example <c>cosine decay from 0.001 to 1e-05 over 1000 steps</c>.</returns>
    public abstract override string ToString();

    /// <summary>
    /// A linear warm-up from <paramref name="warmupStartFactor"/>·<paramref name="peakRate"/> to
    /// <paramref name="peakRate"/> over <paramref name="warmupSteps"/> steps, then a cosine decay from
    /// <paramref name="peakRate"/> to <paramref name="finalRate"/>, reached at step <paramref name="totalSteps"/> and held
    /// after it.
    /// </summary>
    /// <remarks>
    /// A <see cref="SequentialSchedule"/> of a <see cref="LinearWarmupSchedule"/> and a <see cref="CosineDecaySchedule"/>
    /// over <paramref name="totalSteps"/> − <paramref name="warmupSteps"/> steps, joined at
    /// <paramref name="warmupSteps"/>: PyTorch's
    /// <c>SequentialLR([LinearLR(start_factor, 1.0, warmup_steps), CosineAnnealingLR(total_steps - warmup_steps, final_rate)], [warmup_steps])</c>
    /// over an optimizer whose <c>lr</c> is the peak rate. The step numbering is that of
    /// <see cref="RateAt"/>: the run's first step uses <c>warmupStartFactor · peakRate</c>, step
    /// <paramref name="warmupSteps"/> the peak.
    /// </remarks>
    /// <param name="peakRate">The rate at the end of the warm-up, where the cosine starts.</param>
    /// <param name="finalRate">The floor the cosine reaches at <paramref name="totalSteps"/>.</param>
    /// <param name="warmupSteps">The steps of the warm-up: at least 1.</param>
    /// <param name="totalSteps">The step at which the cosine reaches <paramref name="finalRate"/>: more than <paramref name="warmupSteps"/>.</param>
    /// <param name="warmupStartFactor">The first step's rate as a fraction of <paramref name="peakRate"/>, in [0, 1].</param>
    /// <returns>The joined schedule.</returns>
    /// <exception cref="ArgumentOutOfRangeException">A rate is negative or not finite, a step count is out of range or the factor is outside [0, 1].</exception>
    public static SequentialSchedule WarmupCosine(double peakRate, double finalRate, long warmupSteps, long totalSteps, double warmupStartFactor)
    {
        ScheduleArguments.CheckRate(peakRate, nameof(peakRate));
        ScheduleArguments.CheckRate(finalRate, nameof(finalRate));
        ScheduleArguments.CheckSteps(warmupSteps, nameof(warmupSteps));
        if (totalSteps <= warmupSteps)
        {
            throw new ArgumentOutOfRangeException(nameof(totalSteps), totalSteps, $"The total steps must exceed the {warmupSteps} warm-up steps.");
        }

        ScheduleArguments.CheckFactor(warmupStartFactor, nameof(warmupStartFactor));
        return new SequentialSchedule(
            [new LinearWarmupSchedule(peakRate, warmupSteps, warmupStartFactor), new CosineDecaySchedule(peakRate, finalRate, totalSteps - warmupSteps)],
            [warmupSteps]);
    }
}
