using System;

namespace Rlx.Optim;

/// <summary>
/// The 1cycle policy (Smith and Topin, "Super-Convergence", 2017): up from <c>maxRate / divFactor</c> to
/// <c>maxRate</c>, then down to far below the start: PyTorch's <c>OneCycleLR</c>, its learning rate (the momentum it
/// can cycle too is not a learning rate, and not here).
/// </summary>
/// <remarks>
/// <para>
/// With T the total steps, p the <c>pctStart</c>, initial = <c>maxRate / divFactor</c> and
/// final = <c>initial / finalDivFactor</c> (PyTorch's <c>min_lr</c>), the phases end at these steps, computed in double
/// as PyTorch does: two phases (PyTorch's default), initial → max by step p·T − 1 and max → final by step T − 1;
/// three phases (<c>three_phase=True</c>), initial → max by p·T − 1, max → initial by 2p·T − 2 and initial → final by
/// T − 1. Within a phase from step s to step e the rate is the <see cref="OneCycleAnnealStrategy"/>'s interpolation at
/// the fraction (t − s) / (e − s): PyTorch's <c>get_lr</c>, in its order of operations (it is not chainable: PyTorch
/// computes every step from the step alone).
/// </para>
/// <para>
/// The cycle's last step is T − 1, where the rate is the final rate. PyTorch lets the scheduler take one more step, to
/// T, where it extrapolates the last phase (slightly up again with the cosine, below the final rate with the line), and
/// refuses any later step; here every step from T − 1 on keeps the rate of step T − 1.
/// </para>
/// </remarks>
public sealed class OneCycleSchedule : LearningRateSchedule
{
    private readonly double _end1, _end2, _end3;
    private readonly double _lastRate;

    /// <summary>A one-cycle schedule peaking at <paramref name="maxRate"/> over <paramref name="totalSteps"/> steps.</summary>
    /// <param name="maxRate">The peak rate (PyTorch's <c>max_lr</c>): finite and positive.</param>
    /// <param name="totalSteps">The steps of the cycle (PyTorch's <c>total_steps</c>).</param>
    /// <param name="pctStart">
    /// The fraction of the cycle spent rising (PyTorch's <c>pct_start</c>, default 0.3). Every phase must span more than
    /// zero steps: p·T − 1 &gt; 0, p &lt; 1, and with three phases 2p·T − 2 &lt; T − 1.
    /// </param>
    /// <param name="annealStrategy">The shape of each phase (PyTorch's default is <see cref="OneCycleAnnealStrategy.Cosine"/>).</param>
    /// <param name="divFactor">The first step's rate is <c>maxRate / divFactor</c> (PyTorch's default 25): finite and positive.</param>
    /// <param name="finalDivFactor">The final rate is the first step's rate divided by this (PyTorch's default 1e4): finite and positive.</param>
    /// <param name="threePhase">Come back down to the first step's rate symmetrically before the final fall (PyTorch's <c>three_phase</c>).</param>
    /// <exception cref="ArgumentOutOfRangeException">An argument is out of its range, or leaves a phase without steps.</exception>
    public OneCycleSchedule(
        double maxRate,
        long totalSteps,
        double pctStart = 0.3,
        OneCycleAnnealStrategy annealStrategy = OneCycleAnnealStrategy.Cosine,
        double divFactor = 25,
        double finalDivFactor = 1e4,
        bool threePhase = false)
    {
        if (!double.IsFinite(maxRate) || maxRate <= 0)
        {
            throw new ArgumentOutOfRangeException(nameof(maxRate), maxRate, "The peak rate must be finite and positive.");
        }

        ScheduleArguments.CheckSteps(totalSteps, nameof(totalSteps));
        if (!(pctStart > 0 && pctStart < 1))
        {
            throw new ArgumentOutOfRangeException(nameof(pctStart), pctStart, "The rising fraction must be in (0, 1).");
        }

        if (annealStrategy is not (OneCycleAnnealStrategy.Cosine or OneCycleAnnealStrategy.Linear))
        {
            throw new ArgumentOutOfRangeException(nameof(annealStrategy), annealStrategy, "Use Cosine or Linear.");
        }

        CheckDivisor(divFactor, nameof(divFactor));
        CheckDivisor(finalDivFactor, nameof(finalDivFactor));

        // PyTorch's phase ends: float(pct_start * total_steps) - 1, float(2 * pct_start * total_steps) - 2, total_steps - 1.
        _end1 = pctStart * totalSteps - 1;
        _end2 = threePhase ? 2 * pctStart * totalSteps - 2 : totalSteps - 1;
        _end3 = totalSteps - 1;
        if (!(_end1 > 0))
        {
            throw new ArgumentOutOfRangeException(
                nameof(pctStart), pctStart, $"The rising phase ends at step pctStart·totalSteps − 1 = {ScheduleArguments.Text(_end1)}; it must end after step 0.");
        }

        if (!(_end2 > _end1) || (threePhase && !(_end3 > _end2)))
        {
            throw new ArgumentOutOfRangeException(
                nameof(pctStart),
                pctStart,
                $"With {ScheduleArguments.Text(totalSteps)} steps, a rising fraction of {ScheduleArguments.Text(pctStart)} leaves a phase without steps " +
                $"(the phases end at {ScheduleArguments.Text(_end1)}, {ScheduleArguments.Text(_end2)}{(threePhase ? ", " + ScheduleArguments.Text(_end3) : "")}).");
        }

        MaxRate = maxRate;
        TotalSteps = totalSteps;
        PctStart = pctStart;
        AnnealStrategy = annealStrategy;
        DivFactor = divFactor;
        FinalDivFactor = finalDivFactor;
        ThreePhase = threePhase;
        InitialRate = maxRate / divFactor;
        FinalRate = InitialRate / finalDivFactor;
        _lastRate = Evaluate(totalSteps - 1);
    }

    /// <summary>The peak rate.</summary>
    public double MaxRate { get; }

    /// <summary>The steps of the cycle.</summary>
    public long TotalSteps { get; }

    /// <summary>The fraction of the cycle spent rising.</summary>
    public double PctStart { get; }

    /// <summary>The shape of each phase.</summary>
    public OneCycleAnnealStrategy AnnealStrategy { get; }

    /// <summary>The divisor of <see cref="MaxRate"/> that gives the first step's rate.</summary>
    public double DivFactor { get; }

    /// <summary>The divisor of <see cref="InitialRate"/> that gives the final rate.</summary>
    public double FinalDivFactor { get; }

    /// <summary>Whether the rate comes back down to <see cref="InitialRate"/> before the final fall.</summary>
    public bool ThreePhase { get; }

    /// <summary>The first step's rate, <c>MaxRate / DivFactor</c> (PyTorch's <c>initial_lr</c>).</summary>
    public double InitialRate { get; }

    /// <summary>The rate the cycle ends on, <c>InitialRate / FinalDivFactor</c> (PyTorch's <c>min_lr</c>).</summary>
    public double FinalRate { get; }

    /// <inheritdoc/>
    public override double RateAt(long step)
    {
        ScheduleArguments.CheckStep(step);
        return step >= TotalSteps - 1 ? _lastRate : Evaluate(step);
    }

    /// <inheritdoc/>
    public override string ToString() =>
        $"one-cycle ({(AnnealStrategy == OneCycleAnnealStrategy.Cosine ? "cosine" : "linear")}, {(ThreePhase ? "three" : "two")} phases) " +
        $"from {ScheduleArguments.Text(InitialRate)} up to {ScheduleArguments.Text(MaxRate)} at step {ScheduleArguments.Text(_end1)}, " +
        (ThreePhase ? $"back to {ScheduleArguments.Text(InitialRate)} at step {ScheduleArguments.Text(_end2)}, " : "") +
        $"down to {ScheduleArguments.Text(FinalRate)} at step {ScheduleArguments.Text(TotalSteps - 1)}";

    private static void CheckDivisor(double divisor, string paramName)
    {
        if (!double.IsFinite(divisor) || divisor <= 0)
        {
            throw new ArgumentOutOfRangeException(paramName, divisor, "The divisor must be finite and positive.");
        }
    }

    /// <summary>PyTorch's <c>get_lr</c>: the first phase whose end is at or after the step, from the previous phase's end.</summary>
    private double Evaluate(long step)
    {
        if (step <= _end1)
        {
            return Anneal(InitialRate, MaxRate, step, 0, _end1);
        }

        if (!ThreePhase)
        {
            return Anneal(MaxRate, FinalRate, step, _end1, _end2);
        }

        return step <= _end2
            ? Anneal(MaxRate, InitialRate, step, _end1, _end2)
            : Anneal(InitialRate, FinalRate, step, _end2, _end3);
    }

    private double Anneal(double start, double end, long step, double phaseStart, double phaseEnd)
    {
        double pct = (step - phaseStart) / (phaseEnd - phaseStart);
        return AnnealStrategy == OneCycleAnnealStrategy.Cosine
            ? end + (start - end) / 2.0 * (Math.Cos(Math.PI * pct) + 1)
            : (end - start) * pct + start;
    }
}
