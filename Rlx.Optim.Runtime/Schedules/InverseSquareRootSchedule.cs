using System;

namespace Rlx.Optim;

/// <summary>
/// A linear warm-up from 0, then a decay with the inverse square root of the step: Hugging Face transformers'
/// <c>get_inverse_sqrt_schedule(optimizer, num_warmup_steps, timescale)</c> over an optimizer whose <c>lr</c> is the
/// peak rate. PyTorch has no such scheduler (transformers builds it on PyTorch's <c>LambdaLR</c>), nor does Optax.
/// </summary>
/// <remarks>
/// With W the warm-up steps and τ the timescale: <c>RateAt(t) = peak · (t / max(1, W))</c> for t &lt; W, then
/// <c>peak · (1 / √((t + τ − W) / τ))</c>: transformers' lambda (<c>src/transformers/optimization.py</c>) times the
/// peak, as <c>LambdaLR</c> multiplies them, in that order of operations. The rate is 0 at step 0 when there is a
/// warm-up, the peak at step W, and falls as 1/√t after it with no end (halved at step W + 3τ). Without a timescale
/// it is W, or 10,000 when W is 0, as transformers chooses.
/// </remarks>
public sealed class InverseSquareRootSchedule : LearningRateSchedule
{
    private const long DefaultTimescaleWithoutWarmup = 10_000;

    /// <summary>An inverse square-root decay from <paramref name="peakRate"/> after a linear warm-up of <paramref name="warmupSteps"/> steps.</summary>
    /// <param name="peakRate">The rate at the end of the warm-up: finite and not negative.</param>
    /// <param name="warmupSteps">The steps of the warm-up from 0 (transformers' <c>num_warmup_steps</c>): 0 or more.</param>
    /// <param name="timescale">
    /// τ, the steps over which the decay reaches 1/√2 of the peak, counted from the warm-up's end:
    /// at least 1; <see langword="null"/> for <paramref name="warmupSteps"/>, or 10,000 when that is 0.
    /// </param>
    /// <exception cref="ArgumentOutOfRangeException">An argument is out of its range.</exception>
    public InverseSquareRootSchedule(double peakRate, long warmupSteps, long? timescale = null)
    {
        ScheduleArguments.CheckRate(peakRate, nameof(peakRate));
        ArgumentOutOfRangeException.ThrowIfNegative(warmupSteps);
        if (timescale is long given)
        {
            ScheduleArguments.CheckSteps(given, nameof(timescale));
        }

        PeakRate = peakRate;
        WarmupSteps = warmupSteps;
        Timescale = timescale ?? (warmupSteps > 0 ? warmupSteps : DefaultTimescaleWithoutWarmup);
    }

    /// <summary>The rate at the end of the warm-up.</summary>
    public double PeakRate { get; }

    /// <summary>The steps of the warm-up from 0.</summary>
    public long WarmupSteps { get; }

    /// <summary>τ, the timescale of the decay.</summary>
    public long Timescale { get; }

    /// <inheritdoc/>
    public override double RateAt(long step)
    {
        ScheduleArguments.CheckStep(step);
        if (step < WarmupSteps)
        {
            return PeakRate * ((double)step / Math.Max(1, WarmupSteps));
        }

        // transformers adds the shift in Python's exact integers; in double the sum is the same below 2^53 and never
        // overflows above it.
        double shift = Timescale - WarmupSteps;
        return PeakRate * (1.0 / Math.Sqrt((step + shift) / Timescale));
    }

    /// <inheritdoc/>
    public override string ToString() =>
        $"inverse square root from {ScheduleArguments.Text(PeakRate)} after a linear warm-up of {ScheduleArguments.Text(WarmupSteps)} steps, " +
        $"timescale {ScheduleArguments.Text(Timescale)}";
}
