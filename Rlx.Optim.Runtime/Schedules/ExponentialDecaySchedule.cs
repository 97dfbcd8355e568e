using System;

namespace Rlx.Optim;

/// <summary>
/// The initial rate multiplied by a factor at every step: PyTorch's <c>ExponentialLR(gamma)</c> over an optimizer whose
/// <c>lr</c> is the initial rate.
/// </summary>
/// <remarks>
/// <c>RateAt(t) = initial · γ^t</c>: PyTorch's closed form, in its order of operations (its scheduler steps by
/// multiplying the last rate by γ, equal up to rounding). It has no end: the rate keeps falling, to 0 once γ^t
/// underflows.
/// </remarks>
public sealed class ExponentialDecaySchedule : LearningRateSchedule
{
    /// <summary>A decay of <paramref name="initialRate"/> by <paramref name="gamma"/> at every step.</summary>
    /// <param name="initialRate">The first step's rate: finite and not negative.</param>
    /// <param name="gamma">The factor of each step, in (0, 1].</param>
    /// <exception cref="ArgumentOutOfRangeException">An argument is out of its range.</exception>
    public ExponentialDecaySchedule(double initialRate, double gamma)
    {
        ScheduleArguments.CheckRate(initialRate, nameof(initialRate));
        ScheduleArguments.CheckGamma(gamma, nameof(gamma));
        InitialRate = initialRate;
        Gamma = gamma;
    }

    /// <summary>The first step's rate.</summary>
    public double InitialRate { get; }

    /// <summary>The factor of each step.</summary>
    public double Gamma { get; }

    /// <inheritdoc/>
    public override double RateAt(long step)
    {
        ScheduleArguments.CheckStep(step);
        return InitialRate * Math.Pow(Gamma, step);
    }

    /// <inheritdoc/>
    public override string ToString() =>
        $"exponential decay from {ScheduleArguments.Text(InitialRate)}, × {ScheduleArguments.Text(Gamma)} per step";
}
