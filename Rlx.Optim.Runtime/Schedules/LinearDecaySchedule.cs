using System;

namespace Rlx.Optim;

/// <summary>
/// A straight line from an initial rate to a final rate over a number of steps, then the final rate: Optax's
/// <c>linear_schedule</c>, and PyTorch's <c>LinearLR(start_factor=1.0, end_factor=final/initial, total_iters)</c> over
/// an optimizer whose <c>lr</c> is the initial rate.
/// </summary>
/// <remarks>
/// <c>RateAt(t) = (initial − final) · (1 − min(t, T) / T) + final</c>: Optax's order of operations (its
/// <c>polynomial_schedule</c> with power 1), which gives exactly the final rate at step T and after it. PyTorch's
/// closed form, <c>initial · (1 + (end_factor − 1) · min(t, T) / T)</c>, is the same line rounded differently: the
/// two agree within a few units in the last place of the initial rate. The final rate may also exceed the initial one
/// (a ramp up).
/// </remarks>
public sealed class LinearDecaySchedule : LearningRateSchedule
{
    /// <summary>A line from <paramref name="initialRate"/> to <paramref name="finalRate"/> over <paramref name="decaySteps"/> steps.</summary>
    /// <param name="initialRate">The first step's rate: finite and not negative.</param>
    /// <param name="finalRate">The rate from step <paramref name="decaySteps"/> on: finite and not negative.</param>
    /// <param name="decaySteps">The steps of the line: at least 1.</param>
    /// <exception cref="ArgumentOutOfRangeException">An argument is out of its range.</exception>
    public LinearDecaySchedule(double initialRate, double finalRate, long decaySteps)
    {
        ScheduleArguments.CheckRate(initialRate, nameof(initialRate));
        ScheduleArguments.CheckRate(finalRate, nameof(finalRate));
        ScheduleArguments.CheckSteps(decaySteps, nameof(decaySteps));
        InitialRate = initialRate;
        FinalRate = finalRate;
        DecaySteps = decaySteps;
    }

    /// <summary>The first step's rate.</summary>
    public double InitialRate { get; }

    /// <summary>The rate from step <see cref="DecaySteps"/> on.</summary>
    public double FinalRate { get; }

    /// <summary>The steps of the line.</summary>
    public long DecaySteps { get; }

    /// <inheritdoc/>
    public override double RateAt(long step)
    {
        ScheduleArguments.CheckStep(step);
        double progressed = Math.Min(DecaySteps, step);
        return (InitialRate - FinalRate) * (1 - progressed / DecaySteps) + FinalRate;
    }

    /// <inheritdoc/>
    public override string ToString() =>
        $"linear decay from {ScheduleArguments.Text(InitialRate)} to {ScheduleArguments.Text(FinalRate)} over {ScheduleArguments.Text(DecaySteps)} steps";
}
