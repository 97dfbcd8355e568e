using System;

namespace Rlx.Optim;

/// <summary>
/// A linear ramp from a fraction of the peak rate up to the peak over a number of steps, then the peak: PyTorch's
/// <c>LinearLR(start_factor, end_factor=1.0, total_iters)</c> over an optimizer whose <c>lr</c> is the peak rate.
/// </summary>
/// <remarks>
/// <c>RateAt(t) = peak · (startFactor + (1 − startFactor) · min(t, T) / T)</c> with T the warm-up steps: PyTorch's
/// closed form, in its order of operations. Step 0 uses <c>startFactor · peak</c>, step T and every later step the peak
/// (PyTorch's LinearLR holds it too). A start factor of 0, as in transformers' warm-ups, makes the first step's rate
/// 0; PyTorch 1.13 accepts it but its recursive form then divides by zero on the second step (later versions refuse
/// it), so that case follows the closed form alone.
/// </remarks>
public sealed class LinearWarmupSchedule : LearningRateSchedule
{
    /// <summary>A linear warm-up to <paramref name="peakRate"/> over <paramref name="warmupSteps"/> steps.</summary>
    /// <param name="peakRate">The rate at the end of the warm-up and after it: finite and not negative.</param>
    /// <param name="warmupSteps">The steps of the ramp (PyTorch's <c>total_iters</c>): at least 1.</param>
    /// <param name="startFactor">The first step's rate as a fraction of <paramref name="peakRate"/> (PyTorch's <c>start_factor</c>), in [0, 1].</param>
    /// <exception cref="ArgumentOutOfRangeException">An argument is out of its range.</exception>
    public LinearWarmupSchedule(double peakRate, long warmupSteps, double startFactor)
    {
        ScheduleArguments.CheckRate(peakRate, nameof(peakRate));
        ScheduleArguments.CheckSteps(warmupSteps, nameof(warmupSteps));
        ScheduleArguments.CheckFactor(startFactor, nameof(startFactor));
        PeakRate = peakRate;
        WarmupSteps = warmupSteps;
        StartFactor = startFactor;
    }

    /// <summary>The rate at the end of the warm-up and after it.</summary>
    public double PeakRate { get; }

    /// <summary>The steps of the ramp.</summary>
    public long WarmupSteps { get; }

    /// <summary>The first step's rate as a fraction of <see cref="PeakRate"/>.</summary>
    public double StartFactor { get; }

    /// <inheritdoc/>
    public override double RateAt(long step)
    {
        ScheduleArguments.CheckStep(step);
        double progressed = Math.Min(WarmupSteps, step);
        return PeakRate * (StartFactor + (1.0 - StartFactor) * progressed / WarmupSteps);
    }

    /// <inheritdoc/>
    public override string ToString() =>
        $"linear warm-up from {ScheduleArguments.Text(StartFactor)} × {ScheduleArguments.Text(PeakRate)} to {ScheduleArguments.Text(PeakRate)} " +
        $"over {ScheduleArguments.Text(WarmupSteps)} steps, then {ScheduleArguments.Text(PeakRate)}";
}
