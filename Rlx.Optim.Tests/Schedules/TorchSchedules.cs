using System;
using System.Linq;
using System.Text.Json;

namespace Rlx.Optim.Tests.Schedules;

/// <summary>
/// The schedule of this library that a golden case's PyTorch scheduler (or reference) with its settings is, built from
/// the settings recorded in the case, so a test cannot use other settings than the golden values were made with.
/// </summary>
public static class TorchSchedules
{
    /// <summary>The schedule for <paramref name="testCase"/>.</summary>
    public static LearningRateSchedule Create(ScheduleCase testCase) => Create(testCase.Scheduler, testCase.Options, testCase.Lr);

    /// <summary>
    /// Whether the schedule evaluates PyTorch's closed form (or the reference formula) in the same order of operations.
    /// Only a linear decay does not: <see cref="LinearDecaySchedule"/> follows Optax's order, PyTorch's LinearLR its own.
    /// </summary>
    public static bool SameOrderOfOperations(LearningRateSchedule schedule) => schedule switch
    {
        LinearDecaySchedule => false,
        SequentialSchedule sequence => sequence.Schedules.All(SameOrderOfOperations),
        _ => true,
    };

    private static LearningRateSchedule Create(string scheduler, JsonElement options, double lr)
    {
        switch (scheduler)
        {
            case "none":
                return new ConstantSchedule(lr);
            case "LinearLR":
                double start = Number(options, "start_factor"), end = Number(options, "end_factor");
                long iterations = Whole(options, "total_iters");
                if (end == 1.0)
                {
                    return new LinearWarmupSchedule(lr, iterations, start);
                }

                if (start == 1.0)
                {
                    return new LinearDecaySchedule(lr, lr * end, iterations);
                }

                throw new NotSupportedException($"LinearLR from {start} to {end} is neither a warm-up nor a decay.");
            case "CosineAnnealingLR":
                return new CosineDecaySchedule(lr, Number(options, "eta_min"), Whole(options, "T_max"));
            case "StepLR":
                return new StepDecaySchedule(lr, Whole(options, "step_size"), Number(options, "gamma"));
            case "MultiStepLR":
                return new MultiStepDecaySchedule(lr, Wholes(options, "milestones"), Number(options, "gamma"));
            case "ExponentialLR":
                return new ExponentialDecaySchedule(lr, Number(options, "gamma"));
            case "PolynomialLR":
                return new PolynomialDecaySchedule(lr, Whole(options, "total_iters"), Number(options, "power"));
            case "optax.polynomial_schedule":
                return new PolynomialDecaySchedule(lr, Whole(options, "transition_steps"), Number(options, "power"), Number(options, "end_value"));
            case "transformers.get_inverse_sqrt_schedule":
                JsonElement timescale = options.GetProperty("timescale");
                return new InverseSquareRootSchedule(
                    lr, Whole(options, "num_warmup_steps"), timescale.ValueKind == JsonValueKind.Null ? null : timescale.GetInt64());
            case "OneCycleLR":
                Assert.False(options.GetProperty("cycle_momentum").GetBoolean());
                return new OneCycleSchedule(
                    Number(options, "max_lr"),
                    Whole(options, "total_steps"),
                    Number(options, "pct_start"),
                    options.GetProperty("anneal_strategy").GetString() switch
                    {
                        "cos" => OneCycleAnnealStrategy.Cosine,
                        "linear" => OneCycleAnnealStrategy.Linear,
                        string other => throw new NotSupportedException(other),
                        null => throw new NotSupportedException("no anneal_strategy"),
                    },
                    Number(options, "div_factor"),
                    Number(options, "final_div_factor"),
                    options.GetProperty("three_phase").GetBoolean());
            case "SequentialLR":
                LearningRateSchedule[] schedules = options.GetProperty("schedulers").EnumerateArray()
                    .Select(s => Create(s.GetProperty("scheduler").GetString()!, s.GetProperty("options"), lr))
                    .ToArray();
                return new SequentialSchedule(schedules, Wholes(options, "milestones"));
            default:
                throw new NotSupportedException($"No schedule for {scheduler}.");
        }
    }

    private static double Number(JsonElement options, string name) => options.GetProperty(name).GetDouble();

    private static long Whole(JsonElement options, string name) => options.GetProperty(name).GetInt64();

    private static long[] Wholes(JsonElement options, string name) => options.GetProperty(name).EnumerateArray().Select(e => e.GetInt64()).ToArray();
}
