using System;

namespace Rlx.Optim;

/// <summary>The same learning rate at every step: what a PyTorch optimizer without a scheduler uses.</summary>
public sealed class ConstantSchedule : LearningRateSchedule
{
    /// <summary>A schedule that always gives <paramref name="rate"/>.</summary>
    /// <param name="rate">The learning rate: finite and not negative.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="rate"/> is negative or not finite.</exception>
    public ConstantSchedule(double rate)
    {
        ScheduleArguments.CheckRate(rate, nameof(rate));
        Rate = rate;
    }

    /// <summary>The learning rate of every step.</summary>
    public double Rate { get; }

    /// <inheritdoc/>
    public override double RateAt(long step)
    {
        ScheduleArguments.CheckStep(step);
        return Rate;
    }

    /// <inheritdoc/>
    public override string ToString() => $"constant {ScheduleArguments.Text(Rate)}";
}
