using System;
using System.Collections.Generic;
using System.Collections.ObjectModel;
using System.Text;

namespace Rlx.Optim;

/// <summary>
/// Schedules one after another, switching at given steps, each counting its steps from the step it starts at:
/// PyTorch's <c>SequentialLR(schedulers, milestones)</c> and Optax's <c>join_schedules(schedules, boundaries)</c>.
/// </summary>
/// <remarks>
/// <para>
/// With boundaries b₁ &lt; … &lt; bₙ, <c>RateAt(t)</c> is <c>schedules[0].RateAt(t)</c> for t &lt; b₁ and
/// <c>schedules[i].RateAt(t − bᵢ)</c> for bᵢ ≤ t &lt; bᵢ₊₁: a boundary step belongs to the schedule that starts there,
/// which sees it as its step 0. That is Optax's rule, and what PyTorch 1.13's SequentialLR does: at a milestone it
/// calls the next scheduler's <c>step(0)</c> (its closed form at 0), then steps it on from there, so it too counts
/// from the milestone (checked against it step for step). The last schedule runs on after the last boundary, holding
/// its own end.
/// </para>
/// <para>
/// Unlike PyTorch's, where every scheduler multiplies the optimizer's one initial <c>lr</c>, each schedule here carries
/// its own rates: a warm-up to 1e-3 followed by a cosine from 1e-3 says the peak twice. Sequences nest.
/// </para>
/// </remarks>
public sealed class SequentialSchedule : LearningRateSchedule
{
    private readonly LearningRateSchedule[] _schedules;
    private readonly long[] _boundaries;

    /// <summary>The <paramref name="schedules"/> in turn, switching at <paramref name="boundaries"/>.</summary>
    /// <param name="schedules">The schedules, in order: at least one (copied).</param>
    /// <param name="boundaries">
    /// The steps at which each schedule after the first starts: one fewer than the schedules, positive and strictly
    /// increasing (copied). PyTorch's <c>milestones</c>, Optax's <c>boundaries</c>.
    /// </param>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="ArgumentException">There is no schedule or a null one, or the boundaries are not one fewer, positive and strictly increasing.</exception>
    public SequentialSchedule(IEnumerable<LearningRateSchedule> schedules, IEnumerable<long> boundaries)
    {
        ArgumentNullException.ThrowIfNull(schedules);
        _schedules = [.. schedules];
        if (_schedules.Length == 0)
        {
            throw new ArgumentException("A sequence needs at least one schedule.", nameof(schedules));
        }

        int missing = Array.IndexOf(_schedules, null);
        if (missing >= 0)
        {
            throw new ArgumentException($"Schedule [{missing}] is null.", nameof(schedules));
        }

        _boundaries = ScheduleArguments.CheckIncreasingSteps(boundaries, nameof(boundaries), "boundaries", _schedules.Length - 1);
        Schedules = new ReadOnlyCollection<LearningRateSchedule>(_schedules);
        Boundaries = new ReadOnlyCollection<long>(_boundaries);
    }

    /// <summary>The schedules, in order.</summary>
    public IReadOnlyList<LearningRateSchedule> Schedules { get; }

    /// <summary>The steps at which each schedule after the first starts.</summary>
    public IReadOnlyList<long> Boundaries { get; }

    /// <inheritdoc/>
    public override double RateAt(long step)
    {
        ScheduleArguments.CheckStep(step);
        int index = ScheduleArguments.CountAtOrBelow(_boundaries, step);
        long start = index == 0 ? 0 : _boundaries[index - 1];
        return _schedules[index].RateAt(step - start);
    }

    /// <inheritdoc/>
    public override string ToString()
    {
        var text = new StringBuilder(_schedules[0].ToString());
        for (int i = 0; i < _boundaries.Length; i++)
        {
            text.Append("; from step ").Append(ScheduleArguments.Text(_boundaries[i])).Append(", ").Append(_schedules[i + 1].ToString());
        }

        return text.ToString();
    }
}
