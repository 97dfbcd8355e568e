using System;

namespace Rlx.Optim;

/// <summary>
/// Half a cosine from an initial rate down to a floor over a number of steps, then the floor: PyTorch's
/// <c>CosineAnnealingLR(T_max, eta_min)</c> over an optimizer whose <c>lr</c> is the initial rate.
/// </summary>
/// <remarks>
/// <c>RateAt(t) = floor + (initial − floor) · (1 + cos(π · t / T)) / 2</c> for t ≤ T: PyTorch's closed form, in its order
/// of operations. From step T on the rate stays at the floor, as Optax's <c>cosine_decay_schedule</c> does; PyTorch's
/// formula is periodic and climbs back towards the initial rate after T (its SGDR cosine without the restart), which
/// no one wants from a decay. PyTorch's scheduler steps by a recursive form, equal to the closed form up to rounding.
/// The floor may also exceed the initial rate (a cosine ramp up).
/// </remarks>
public sealed class CosineDecaySchedule : LearningRateSchedule
{
    /// <summary>A cosine decay from <paramref name="initialRate"/> to <paramref name="finalRate"/> over <paramref name="decaySteps"/> steps.</summary>
    /// <param name="initialRate">The first step's rate: finite and not negative.</param>
    /// <param name="finalRate">The floor (PyTorch's <c>eta_min</c>), reached at step <paramref name="decaySteps"/> and held: finite and not negative.</param>
    /// <param name="decaySteps">The steps of the decay (PyTorch's <c>T_max</c>): at least 1.</param>
    /// <exception cref="ArgumentOutOfRangeException">An argument is out of its range.</exception>
    public CosineDecaySchedule(double initialRate, double finalRate, long decaySteps)
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

    /// <summary>The floor, reached at step <see cref="DecaySteps"/> and held after it.</summary>
    public double FinalRate { get; }

    /// <summary>The steps of the decay.</summary>
    public long DecaySteps { get; }

    /// <inheritdoc/>
    public override double RateAt(long step)
    {
        ScheduleArguments.CheckStep(step);
        if (step >= DecaySteps)
        {
            return FinalRate;
        }

        return FinalRate + (InitialRate - FinalRate) * (1 + Math.Cos(Math.PI * step / DecaySteps)) / 2;
    }

    /// <inheritdoc/>
    public override string ToString() =>
        $"cosine decay from {ScheduleArguments.Text(InitialRate)} to {ScheduleArguments.Text(FinalRate)} over {ScheduleArguments.Text(DecaySteps)} steps";
}
