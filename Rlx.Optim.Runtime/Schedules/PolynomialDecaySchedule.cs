using System;

namespace Rlx.Optim;

/// <summary>
/// A polynomial from an initial rate down to a final rate over a number of steps, then the final rate: PyTorch's
/// <c>PolynomialLR(total_iters, power)</c> over an optimizer whose <c>lr</c> is the initial rate when the final rate is
/// 0, Optax's <c>polynomial_schedule</c> otherwise.
/// </summary>
/// <remarks>
/// <c>RateAt(t) = (initial − final) · (1 − min(t, T) / T)^power + final</c>: Optax's order of operations, which with a
/// final rate of 0 is exactly PyTorch's closed form <c>initial · (1 − min(t, T) / T)^power</c> (PyTorch has no floor).
/// From step T on the rate is the final rate, as in both. Power 1 is a <see cref="LinearDecaySchedule"/>.
/// </remarks>
public sealed class PolynomialDecaySchedule : LearningRateSchedule
{
    /// <summary>
    /// A polynomial decay of degree <paramref name="power"/> from <paramref name="initialRate"/> to
    /// <paramref name="finalRate"/> over <paramref name="decaySteps"/> steps.
    /// </summary>
    /// <param name="initialRate">The first step's rate: finite and not negative.</param>
    /// <param name="decaySteps">The steps of the decay (PyTorch's <c>total_iters</c>): at least 1.</param>
    /// <param name="power">The power of the polynomial: finite and positive (PyTorch's default is 1).</param>
    /// <param name="finalRate">The rate from step <paramref name="decaySteps"/> on: finite and not negative; PyTorch's is 0.</param>
    /// <exception cref="ArgumentOutOfRangeException">An argument is out of its range.</exception>
    public PolynomialDecaySchedule(double initialRate, long decaySteps, double power, double finalRate = 0)
    {
        ScheduleArguments.CheckRate(initialRate, nameof(initialRate));
        ScheduleArguments.CheckSteps(decaySteps, nameof(decaySteps));
        if (!double.IsFinite(power) || power <= 0)
        {
            throw new ArgumentOutOfRangeException(nameof(power), power, "The power must be finite and positive.");
        }

        ScheduleArguments.CheckRate(finalRate, nameof(finalRate));
        InitialRate = initialRate;
        DecaySteps = decaySteps;
        Power = power;
        FinalRate = finalRate;
    }

    /// <summary>The first step's rate.</summary>
    public double InitialRate { get; }

    /// <summary>The steps of the decay.</summary>
    public long DecaySteps { get; }

    /// <summary>The power of the polynomial.</summary>
    public double Power { get; }

    /// <summary>The rate from step <see cref="DecaySteps"/> on.</summary>
    public double FinalRate { get; }

    /// <inheritdoc/>
    public override double RateAt(long step)
    {
        ScheduleArguments.CheckStep(step);
        double progressed = Math.Min(DecaySteps, step);
        return (InitialRate - FinalRate) * Math.Pow(1.0 - progressed / DecaySteps, Power) + FinalRate;
    }

    /// <inheritdoc/>
    public override string ToString() =>
        $"polynomial decay (power {ScheduleArguments.Text(Power)}) from {ScheduleArguments.Text(InitialRate)} to " +
        $"{ScheduleArguments.Text(FinalRate)} over {ScheduleArguments.Text(DecaySteps)} steps";
}
