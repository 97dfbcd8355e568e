using System;
using System.Collections.Generic;
using System.Collections.ObjectModel;

namespace Rlx.Optim;

/// <summary>
/// The initial rate multiplied by a factor at each of a list of steps: PyTorch's <c>MultiStepLR(milestones, gamma)</c>
/// over an optimizer whose <c>lr</c> is the initial rate.
/// </summary>
/// <remarks>
/// <c>RateAt(t) = initial · γ^k</c>, k the number of milestones at or below t (Python's <c>bisect_right</c>): PyTorch's
/// closed form, in its order of operations. After the last milestone the rate holds. PyTorch also accepts a milestone
/// repeated (each copy decays once more) and a milestone 0; here milestones are positive and strictly increasing: a
/// repeated milestone is a smaller γ for that step, better written as a <see cref="SequentialSchedule"/>.
/// </remarks>
public sealed class MultiStepDecaySchedule : LearningRateSchedule
{
    private readonly long[] _milestones;

    /// <summary>A decay of <paramref name="initialRate"/> by <paramref name="gamma"/> at each of <paramref name="milestones"/>.</summary>
    /// <param name="initialRate">The rate before the first milestone: finite and not negative.</param>
    /// <param name="milestones">The steps from which one more decay applies: positive, strictly increasing (copied).</param>
    /// <param name="gamma">The factor of each decay, in (0, 1].</param>
    /// <exception cref="ArgumentNullException"><paramref name="milestones"/> is null.</exception>
    /// <exception cref="ArgumentException">A milestone is not positive or not above the one before it.</exception>
    /// <exception cref="ArgumentOutOfRangeException">The rate or <paramref name="gamma"/> is out of its range.</exception>
    public MultiStepDecaySchedule(double initialRate, IEnumerable<long> milestones, double gamma)
    {
        ScheduleArguments.CheckRate(initialRate, nameof(initialRate));
        _milestones = ScheduleArguments.CheckIncreasingSteps(milestones, nameof(milestones), "milestones");
        ScheduleArguments.CheckGamma(gamma, nameof(gamma));
        InitialRate = initialRate;
        Milestones = new ReadOnlyCollection<long>(_milestones);
        Gamma = gamma;
    }

    /// <summary>The rate before the first milestone.</summary>
    public double InitialRate { get; }

    /// <summary>The steps from which one more decay applies, increasing.</summary>
    public IReadOnlyList<long> Milestones { get; }

    /// <summary>The factor of each decay.</summary>
    public double Gamma { get; }

    /// <inheritdoc/>
    public override double RateAt(long step)
    {
        ScheduleArguments.CheckStep(step);
        return InitialRate * Math.Pow(Gamma, ScheduleArguments.CountAtOrBelow(_milestones, step));
    }

    /// <inheritdoc/>
    public override string ToString() =>
        $"multi-step decay from {ScheduleArguments.Text(InitialRate)}, × {ScheduleArguments.Text(Gamma)} at steps {string.Join(", ", Array.ConvertAll(_milestones, ScheduleArguments.Text))}";
}
