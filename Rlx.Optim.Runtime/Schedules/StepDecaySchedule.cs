using System;

namespace Rlx.Optim;

/// <summary>
/// The initial rate multiplied by a factor every fixed number of steps: PyTorch's <c>StepLR(step_size, gamma)</c> over
/// an optimizer whose <c>lr</c> is the initial rate.
/// </summary>
/// <remarks>
/// <c>RateAt(t) = initial · γ^⌊t / stepSize⌋</c>: PyTorch's closed form, in its order of operations (its scheduler steps
/// by multiplying the last rate by γ, equal up to rounding). It has no end: the rate keeps falling, to 0 once γ^k
/// underflows.
/// </remarks>
public sealed class StepDecaySchedule : LearningRateSchedule
{
    /// <summary>A decay of <paramref name="initialRate"/> by <paramref name="gamma"/> every <paramref name="stepSize"/> steps.</summary>
    /// <param name="initialRate">The rate of the first <paramref name="stepSize"/> steps: finite and not negative.</param>
    /// <param name="stepSize">The steps between two decays (PyTorch's <c>step_size</c>): at least 1.</param>
    /// <param name="gamma">The factor of each decay, in (0, 1].</param>
    /// <exception cref="ArgumentOutOfRangeException">An argument is out of its range.</exception>
    public StepDecaySchedule(double initialRate, long stepSize, double gamma)
    {
        ScheduleArguments.CheckRate(initialRate, nameof(initialRate));
        ScheduleArguments.CheckSteps(stepSize, nameof(stepSize));
        ScheduleArguments.CheckGamma(gamma, nameof(gamma));
        InitialRate = initialRate;
        StepSize = stepSize;
        Gamma = gamma;
    }

    /// <summary>The rate of the first <see cref="StepSize"/> steps.</summary>
    public double InitialRate { get; }

    /// <summary>The steps between two decays.</summary>
    public long StepSize { get; }

    /// <summary>The factor of each decay.</summary>
    public double Gamma { get; }

    /// <inheritdoc/>
    public override double RateAt(long step)
    {
        ScheduleArguments.CheckStep(step);
        return InitialRate * Math.Pow(Gamma, step / StepSize);
    }

    /// <inheritdoc/>
    public override string ToString() =>
        $"step decay from {ScheduleArguments.Text(InitialRate)}, × {ScheduleArguments.Text(Gamma)} every {ScheduleArguments.Text(StepSize)} steps";
}
