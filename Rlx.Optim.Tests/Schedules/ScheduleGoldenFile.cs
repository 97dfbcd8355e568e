using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json;
using Rlx.Optim.Tests.Golden;

namespace Rlx.Optim.Tests.Schedules;

/// <summary>
/// PyTorch's learning rates for the schedules (<c>Golden/schedules-v1.json</c>, written by make_schedule_goldens.py;
/// the format is in Golden/README.md).
/// </summary>
public sealed record ScheduleGoldenFile(string Format, string Torch, IReadOnlyList<ScheduleCase> Cases)
{
    private static readonly Lazy<ScheduleGoldenFile> s_instance = new(() => SeedGoldenFile.Load<ScheduleGoldenFile>("schedules-v1.json"));

    public static ScheduleGoldenFile Instance => s_instance.Value;

    public ScheduleCase Case(string name) => Cases.Single(c => c.Name == name);
}

/// <summary>
/// One case: the scheduler (a PyTorch class name, or the reference a schedule without one follows), the optimizer's
/// <c>lr</c>, the scheduler's keyword arguments, and for each of <see cref="Steps"/> steps the rate as double bit
/// patterns: <see cref="Lrs"/> as PyTorch's optimizer used it (null where PyTorch cannot step the case) and
/// <see cref="ClosedForm"/> as the scheduler's closed form gives it.
/// </summary>
public sealed record ScheduleCase(
    string Name,
    string Scheduler,
    double Lr,
    JsonElement Options,
    int Steps,
    string? Note,
    ulong[]? Lrs,
    ulong[] ClosedForm)
{
    public double[]? SteppedRates => Lrs?.Select(BitConverter.UInt64BitsToDouble).ToArray();

    public double[] ClosedFormRates => ClosedForm.Select(BitConverter.UInt64BitsToDouble).ToArray();

    public override string ToString() => Name;
}
