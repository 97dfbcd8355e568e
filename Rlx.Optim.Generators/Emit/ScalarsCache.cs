using Rlx.Optim.Generators.Emit.Rules;
using Rlx.Optim.Generators.Helpers;

namespace Rlx.Optim.Generators.Emit;

/// <summary>
/// Each kernel's per-step scalars, prepared once per step: every set of a kernel steps with the same t and learning
/// rate (and NAdam's μ product), and <c>Prepare</c> (powers, a square root, divisions: about 60 ns) is a pure
/// function of them, so the second and later sets of a step reuse the first one's.
/// </summary>
internal static class ScalarsCache
{
    /// <summary>The expression that gives <paramref name="kernel"/>'s scalars for the coming step.</summary>
    public static string Call(string kernel) => $"ScalarsOf{kernel}()";

    public static void WriteFields(SourceWriter writer, KernelRule rule, KernelTable kernels)
    {
        foreach ((_, string kernel) in kernels.Kernels)
        {
            writer.WriteLine($"private {rule.ScalarsType} {KernelEmitter.KernelField(kernel, "Scalars")};");
            writer.WriteLine($"private long {KernelEmitter.KernelField(kernel, "ScalarsStep")}; // the step they were prepared for (from 1); 0: none yet");
            writer.WriteLine($"private float {KernelEmitter.KernelField(kernel, "ScalarsRate")};");
            if (rule.KeepsScheduleProduct)
            {
                writer.WriteLine($"private double {KernelEmitter.KernelField(kernel, "ScalarsMuProduct")};");
            }
        }
    }

    public static void WriteMethods(SourceWriter writer, KernelRule rule, KernelTable kernels)
    {
        foreach ((_, string kernel) in kernels.Kernels)
        {
            string? mu = rule.KeepsScheduleProduct ? KernelEmitter.ScheduleProductField(kernel) : null;
            string condition = $"t != {KernelEmitter.KernelField(kernel, "ScalarsStep")} || __learningRate != {KernelEmitter.KernelField(kernel, "ScalarsRate")}"
                + (mu is null ? string.Empty : $" || {mu} != {KernelEmitter.KernelField(kernel, "ScalarsMuProduct")}");
            writer.WriteLine($"/// <summary>{kernel}'s scalars for the coming step, prepared once per step (see its <c>Prepare</c>).</summary>");
            using (writer.Block($"private {rule.ScalarsType} {Call(kernel)}"))
            {
                writer.WriteLine("long t = __stepCount + 1;");
                using (writer.Block($"if ({condition})"))
                {
                    writer.WriteLine($"{KernelEmitter.KernelField(kernel, "Scalars")} = {kernel}.Prepare(__learningRate, t{(mu is null ? string.Empty : ", " + mu)});");
                    writer.WriteLine($"{KernelEmitter.KernelField(kernel, "ScalarsStep")} = t;");
                    writer.WriteLine($"{KernelEmitter.KernelField(kernel, "ScalarsRate")} = __learningRate;");
                    if (mu is not null)
                    {
                        writer.WriteLine($"{KernelEmitter.KernelField(kernel, "ScalarsMuProduct")} = {mu};");
                    }
                }

                writer.WriteLine();
                writer.WriteLine($"return {KernelEmitter.KernelField(kernel, "Scalars")};");
            }

            writer.WriteLine();
        }
    }
}
