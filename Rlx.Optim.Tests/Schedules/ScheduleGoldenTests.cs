using System;
using System.Collections.Generic;
using System.Linq;
using Xunit.Sdk;

namespace Rlx.Optim.Tests.Schedules;

/// <summary>
/// Every schedule against PyTorch 1.13's <c>lr_scheduler</c> (transformers' inverse square root and Optax's polynomial
/// floor where PyTorch has none), step for step, on the cases of <c>Golden/schedules-v1.json</c>.
/// </summary>
/// <remarks>
/// <para>
/// Two references per case. The closed form (PyTorch's <c>_get_closed_form_lr</c>, or <c>get_lr</c> where that is
/// already a function of the step alone) is what the schedules compute, in the same order of operations, so they
/// must agree to a relative 1e-12; in practice they agree to the bit or within an ulp, the difference being the C
/// library's <c>cos</c> and <c>pow</c> at most. The one schedule computed in another order, the linear decay (Optax's
/// order, against PyTorch's LinearLR), is held to 16 u·S instead, u = 2⁻⁵³ and S the case's largest rate: each
/// formula is within about 6 u·S of the exact line (a handful of roundings, each at most u relative to a value of at
/// most S, the subtraction 1 − t/T exact or within u) and the floor's product <c>lr · end_factor</c> rounds once more.
/// </para>
/// <para>
/// The rates PyTorch's optimizer really used come from its recursive (chainable) form, which multiplies the last rate
/// by a factor each step and so accumulates rounding. Each step adds at most a fixed number of roundings' worth of
/// error relative to S: the factor of LinearLR, StepLR, ExponentialLR or PolynomialLR and the multiplication by it
/// are under ten roundings; CosineAnnealingLR's factor (1 + cos a) / (1 + cos b) loses relative accuracy as b nears π,
/// but it multiplies the distance to the floor, which shrinks by the same (1 + cos b), so its absolute contribution
/// stays under about 7 u·S. So after t steps the stepped rate is within 16 (t + 1) u·S of the closed form; the
/// largest seen is about 0.6 (t + 1) u·S.
/// </para>
/// </remarks>
public sealed class ScheduleGoldenTests
{
    /// <summary>u: the largest relative error of one rounding to double.</summary>
    private const double Unit = 1.0 / (1L << 53);

    public static TheoryData<string> Cases() => [.. ScheduleGoldenFile.Instance.Cases.Select(c => c.Name)];

    public static TheoryData<string> SteppedCases() =>
        [.. ScheduleGoldenFile.Instance.Cases.Where(c => c.Lrs is not null).Select(c => c.Name)];

    public static TheoryData<string> CasesPastTheEnd() =>
        [.. ScheduleGoldenFile.Instance.Cases.Where(c => ComparedSteps(TorchSchedules.Create(c), c.Steps) < c.Steps).Select(c => c.Name)];

    [Theory]
    [MemberData(nameof(Cases))]
    public void Matches_the_closed_form(string caseName)
    {
        ScheduleCase testCase = ScheduleGoldenFile.Instance.Case(caseName);
        LearningRateSchedule schedule = TorchSchedules.Create(testCase);
        double[] expected = testCase.ClosedFormRates;
        int compared = ComparedSteps(schedule, testCase.Steps);
        double scale = expected.Take(compared).Max();
        bool sameOrder = TorchSchedules.SameOrderOfOperations(schedule);

        AssertClose(
            testCase, schedule, expected, compared, "closed form",
            step => sameOrder ? 1e-12 * Math.Abs(expected[step]) : 16 * Unit * scale);
    }

    [Theory]
    [MemberData(nameof(SteppedCases))]
    public void Matches_the_rates_pytorchs_optimizer_used(string caseName)
    {
        ScheduleCase testCase = ScheduleGoldenFile.Instance.Case(caseName);
        LearningRateSchedule schedule = TorchSchedules.Create(testCase);
        double[] expected = testCase.SteppedRates!;
        int compared = ComparedSteps(schedule, testCase.Steps);
        double scale = expected.Take(compared).Max();

        AssertClose(testCase, schedule, expected, compared, "stepped", step => 16 * (step + 1) * Unit * scale);
    }

    /// <summary>
    /// Where PyTorch's schedule goes on past its end (the cosine climbs back, OneCycleLR extrapolates its last phase one
    /// step), the schedule holds its last rate instead.
    /// </summary>
    [Theory]
    [MemberData(nameof(CasesPastTheEnd))]
    public void Holds_its_last_rate_where_pytorch_moves_on(string caseName)
    {
        ScheduleCase testCase = ScheduleGoldenFile.Instance.Case(caseName);
        LearningRateSchedule schedule = TorchSchedules.Create(testCase);
        double[] torch = testCase.ClosedFormRates;
        int last = ComparedSteps(schedule, testCase.Steps) - 1;

        for (int step = last + 1; step < testCase.Steps; step++)
        {
            Assert.Equal(schedule.RateAt(last), schedule.RateAt(step));
            Assert.NotEqual(torch[last], torch[step]);
        }

        double final = schedule switch
        {
            CosineDecaySchedule cosine => cosine.FinalRate,
            OneCycleSchedule oneCycle => oneCycle.FinalRate,
            _ => throw new XunitException($"{caseName}: no end expected"),
        };
        Assert.Equal(final, schedule.RateAt(last), 1e-12 * final);
        Assert.Equal(schedule.RateAt(last), schedule.RateAt(long.MaxValue));
    }

    [Fact]
    public void Every_schedule_type_has_golden_cases()
    {
        var types = new HashSet<Type>();
        foreach (ScheduleCase testCase in ScheduleGoldenFile.Instance.Cases)
        {
            Collect(TorchSchedules.Create(testCase), types);
        }

        Type[] all = typeof(LearningRateSchedule).Assembly.GetExportedTypes().Where(t => t.IsSubclassOf(typeof(LearningRateSchedule))).ToArray();
        Assert.Equal(all.OrderBy(t => t.Name), types.OrderBy(t => t.Name));
        Assert.StartsWith("1.13", ScheduleGoldenFile.Instance.Torch, StringComparison.Ordinal);

        static void Collect(LearningRateSchedule schedule, HashSet<Type> types)
        {
            types.Add(schedule.GetType());
            if (schedule is SequentialSchedule sequence)
            {
                foreach (LearningRateSchedule inner in sequence.Schedules)
                {
                    Collect(inner, types);
                }
            }
        }
    }

    /// <summary>How many of a case's steps PyTorch's schedule and this one share: all but those past a cosine's or a cycle's end.</summary>
    private static int ComparedSteps(LearningRateSchedule schedule, int steps) => schedule switch
    {
        CosineDecaySchedule cosine => (int)Math.Min(steps, cosine.DecaySteps + 1),
        OneCycleSchedule oneCycle => (int)Math.Min(steps, oneCycle.TotalSteps),
        _ => steps,
    };

    private static void AssertClose(
        ScheduleCase testCase, LearningRateSchedule schedule, double[] expected, int compared, string what, Func<int, double> tolerance)
    {
        Assert.Equal(testCase.Steps, expected.Length);
        var failures = new List<string>();
        for (int step = 0; step < compared; step++)
        {
            double actual = schedule.RateAt(step);
            double difference = Math.Abs(actual - expected[step]);
            if (!(difference <= tolerance(step)))
            {
                failures.Add($"step {step}: expected {expected[step]:R}, actual {actual:R}, off by {difference:G3} > {tolerance(step):G3}");
            }
        }

        if (failures.Count > 0)
        {
            throw new XunitException(
                $"{testCase.Name} ({schedule}) against PyTorch's {what}: {failures.Count} of {compared} steps differ. First ones:\n  " +
                string.Join("\n  ", failures.Take(8)));
        }
    }
}
