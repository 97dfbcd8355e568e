using Rlx.Optim.Generators.Emit.Rules;
using Rlx.Optim.Generators.Helpers;

namespace Rlx.Optim.Generators.Emit;

/// <summary>
/// Each kernel's per-step scalars, prepared once per step: every set of a kernel steps with the same t and learning
/// rate (and NAdam's μ product), and <c>Prepare</c> (until the powers saturate, two <c>Math.Pow</c>, a square root and
/// divisions) is a pure function of them, so the second and later sets of a step reuse the first one's.
/// </summary>
internal static class ScalarsCache
{
    /// <summary>The expression that gives <paramref name="kernel"/>'s scalars for the coming step.</summary>
    public static string Call(string kernel) => $"__ScalarsOf{kernel}()";

    public static void WriteFields(SourceWriter writer, KernelRule rule, KernelTable kernels)
    {
        foreach ((_, string kernel) in kernels.Kernels)
        {
            var fields = new Fields(kernel);
            writer.WriteLine($"private {rule.QualifiedScalarsType} {fields.Scalars};");
            writer.WriteLine($"private long {fields.Step}; // the step they were prepared for (from 1); 0: none yet");
            writer.WriteLine($"private double {fields.Rate};");
            if (rule.KeepsScheduleProduct)
            {
                writer.WriteLine($"private double {fields.MuProduct};");
            }

            if (rule.KeepsAverageWeights)
            {
                writer.WriteLine($"private double {fields.WeightSum};");
            }
        }
    }

    public static void WriteMethods(SourceWriter writer, KernelRule rule, KernelTable kernels)
    {
        foreach ((_, string kernel) in kernels.Kernels)
        {
            var fields = new Fields(kernel);
            // NAdam's product of μ, or Schedule-Free's sum of weights (which moves whenever its largest rate does), is one more input.
            string? mu = rule.KeepsScheduleProduct ? KernelEmitter.ScheduleProductField(kernel)
                : rule.KeepsAverageWeights ? KernelEmitter.AverageWeightFields(kernel).WeightSum
                : null;
            string cached = rule.KeepsScheduleProduct ? fields.MuProduct : fields.WeightSum;
            string condition = $"t != {fields.Step} || lr != {fields.Rate}";
            writer.WriteSummary($"{kernel}'s scalars for the coming step, prepared once per step (see its <c>Prepare</c>).");
            using (writer.Block($"private {rule.QualifiedScalarsType} {Call(kernel)}"))
            {
                writer.WriteLine("long t = __stepCount + 1;");
                writer.WriteLine("double lr = __RateOfComingStep();");
                if (mu is not null)
                {
                    writer.WriteLine($"if ({condition}");
                }

                using (mu is null ? writer.Block($"if ({condition})") : writer.Block($"    || {mu} != {cached})"))
                {
                    string arguments = "lr, t" + (rule.KeepsScheduleProduct ? ", " + mu
                        : rule.KeepsAverageWeights ? $", {KernelEmitter.AverageWeightFields(kernel).MaxLr}, {mu}"
                        : string.Empty);
                    writer.WriteWrapped($"{fields.Scalars} = {GeneratedNamespace.Alias}.{kernel}.Prepare(", arguments.Split(new[] { ", " }, System.StringSplitOptions.None), ");");
                    writer.WriteLine($"{fields.Step} = t;");
                    writer.WriteLine($"{fields.Rate} = lr;");
                    if (mu is not null)
                    {
                        writer.WriteLine($"{cached} = {mu};");
                    }
                }

                writer.WriteLine();
                writer.WriteLine($"return {fields.Scalars};");
            }

            writer.WriteLine();
        }
    }

    /// <summary>The optimizer's fields that cache one kernel's scalars, and what they were prepared for.</summary>
    private readonly struct Fields
    {
        public Fields(string kernel)
        {
            Scalars = KernelEmitter.KernelField(kernel, "Scalars");
            Step = KernelEmitter.KernelField(kernel, "ScalarsStep");
            Rate = KernelEmitter.KernelField(kernel, "ScalarsRate");
            MuProduct = KernelEmitter.KernelField(kernel, "ScalarsMuProduct");
            WeightSum = KernelEmitter.KernelField(kernel, "ScalarsWeightSum");
        }

        public string WeightSum { get; }

        public string Scalars { get; }

        public string Step { get; }

        public string Rate { get; }

        public string MuProduct { get; }
    }
}
