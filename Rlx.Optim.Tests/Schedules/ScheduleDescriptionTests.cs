using System.Globalization;

namespace Rlx.Optim.Tests.Schedules;

/// <summary>Each schedule describes itself for logs, in the same words and numbers whatever the culture.</summary>
public sealed class ScheduleDescriptionTests
{
    public static TheoryData<string, LearningRateSchedule> Descriptions() => new()
    {
        { "constant 0.001", new ConstantSchedule(1e-3) },
        { "linear warm-up from 0.01 × 0.001 to 0.001 over 100 steps, then 0.001", new LinearWarmupSchedule(1e-3, 100, 0.01) },
        { "linear decay from 0.001 to 1e-05 over 1000 steps", new LinearDecaySchedule(1e-3, 1e-5, 1000) },
        { "cosine decay from 0.001 to 1e-05 over 1000 steps", new CosineDecaySchedule(1e-3, 1e-5, 1000) },
        { "step decay from 0.1, × 0.5 every 30 steps", new StepDecaySchedule(0.1, 30, 0.5) },
        { "multi-step decay from 0.1, × 0.1 at steps 30, 80", new MultiStepDecaySchedule(0.1, [30, 80], 0.1) },
        { "exponential decay from 0.1, × 0.99 per step", new ExponentialDecaySchedule(0.1, 0.99) },
        { "polynomial decay (power 2) from 0.1 to 0 over 1000 steps", new PolynomialDecaySchedule(0.1, 1000, 2) },
        { "inverse square root from 0.001 after a linear warm-up of 100 steps, timescale 100", new InverseSquareRootSchedule(1e-3, 100) },
        {
            "one-cycle (cosine, two phases) from 0.004 up to 0.1 at step 299, down to 4e-07 at step 999",
            new OneCycleSchedule(0.1, 1000)
        },
        {
            "one-cycle (linear, three phases) from 0.004 up to 0.1 at step 249, back to 0.004 at step 498, down to 4e-07 at step 999",
            new OneCycleSchedule(0.1, 1000, 0.25, OneCycleAnnealStrategy.Linear, threePhase: true)
        },
        {
            "linear warm-up from 0.1 × 0.001 to 0.001 over 100 steps, then 0.001; from step 100, cosine decay from 0.001 to 1e-05 over 900 steps",
            LearningRateSchedule.WarmupCosine(1e-3, 1e-5, 100, 1000, 0.1)
        },
    };

    [Theory]
    [MemberData(nameof(Descriptions))]
    public void Describes_itself(string expected, LearningRateSchedule schedule)
    {
        CultureInfo culture = CultureInfo.CurrentCulture;
        try
        {
            foreach (string name in new[] { "", "fi-FI", "de-DE" })
            {
                // fi-FI writes a decimal comma and a minus sign U+2212: neither may reach the text.
                CultureInfo.CurrentCulture = CultureInfo.GetCultureInfo(name);
                Assert.Equal(expected, schedule.ToString());
            }
        }
        finally
        {
            CultureInfo.CurrentCulture = culture;
        }
    }
}
