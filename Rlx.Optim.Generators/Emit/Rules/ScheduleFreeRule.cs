using System.Collections.Generic;
using Rlx.Optim.Generators.Helpers;
using Rlx.Optim.Generators.Model;

namespace Rlx.Optim.Generators.Emit.Rules;

/// <summary>
/// Schedule-Free AdamW, as Optax's <c>schedule_free_adamw</c>. The parameter is y; the state is z and v, and the
/// average x is implicit, x = (y − (1 − β₁)z)/β₁ (as Optax and facebookresearch keep it: two buffers, not three).
/// With the base step <c>u = g / (√(v / (1 − β₂ᵗ)) + ε) + λy</c> at the base rate γ and the step's weight cₜ:
/// <c>z ← z − γu</c>, and y moves to <c>(1 − cₜ)y + cₜz + γ(β₁(1 − cₜ) − 1)u</c> (Optax's x and y updates combined
/// without its division by β₁), written as <c>delta = cₜ(y − z) + γ(1 − β₁(1 − cₜ))u</c> with the old z.
/// </summary>
/// <remarks>
/// z is NaN until its set's first step, which copies y into it (Optax copies the parameters at <c>init</c>; here a
/// set may be created on first use, and <c>Reset</c> returns z to NaN). A z that becomes NaN later comes with a NaN
/// y, so the mark cannot restart an element that has a value. cₜ = rᵗ/Σr, r the largest rate so far to the power
/// <c>WeightLrPower</c>: the optimizer keeps the largest rate and the sum per kernel and advances them at the end of
/// each iteration.
/// </remarks>
internal sealed class ScheduleFreeRule : KernelRule
{
    public static readonly ScheduleFreeRule Instance = new();

    public override string ScalarsType => "ScheduleFreeScalars";

    public override bool ReadsParameter => true;

    public override bool KeepsAverageWeights => true;

    public override bool HasEvaluationParameters => true;

    public override IReadOnlyList<string> BufferNames(KernelSpec optimizer) => new[] { "z", "exp_avg_sq" };

    public override IReadOnlyList<double>? BufferInitialValues(KernelSpec optimizer) => new[] { double.NaN, 0.0 };

    public override IReadOnlyList<ScalarField> Fields(KernelSpec optimizer, OptimizerPrecision precision) =>
        new[]
        {
            new ScalarField("Interpolation", ScalarRole.Body, "cₜ: this step's weight in the average x."),
            new ScalarField("BaseStep", ScalarRole.Body, "γ: the base step's rate (with warm-up, Optax's at t − 1)."),
            new ScalarField("ParameterStep", ScalarRole.Body, "γ(1 − β₁(1 − cₜ)): how far y moves along the base step."),
            new ScalarField("InverseSqrtBiasCorrection2", ScalarRole.Body, "1 / √(1 − β₂ᵗ)."),
        };

    public override void WritePrepare(SourceWriter writer, KernelSpec kernel, OptimizerPrecision precision)
    {
        writer.WriteLine("double baseStep = lr * Warmup(t - 1);");
        writer.WriteLine("double interpolation = Interpolation(lr, t, maxLr, weightSum);");
        writer.WriteLine($"double parameterStep = baseStep * (1.0 - {Literal.Double(kernel.Beta1)} * (1.0 - interpolation));");
        BiasCorrection.Write(writer, "biasCorrection2", kernel.Beta2);
        writer.WriteLine("double inverseSqrtBiasCorrection2 = 1.0 / Math.Sqrt(biasCorrection2);");
    }

    public override void WriteStep(KernelBody body, KernelSpec kernel)
    {
        string api = body.Shape.Api;
        body.Comment("z is NaN until the set's first step: it starts at y.");
        body.Line($"z = {api}.ConditionalSelect({api}.Equals(z, z), z, p);");
        body.Comment("(1 − β₂)·g is formed before g multiplies it again, so v overflows no earlier than it must.");
        body.Line($"expAvgSq = {body.C("Beta2", kernel.Beta2)} * expAvgSq + {body.OneMinus("Beta2", kernel.Beta2)} * g * g;");
        if (body.IsDouble)
        {
            body.Comment("As float state: a v beyond float's range is ∞ here, so that element's base step is 0.");
            body.Line("expAvgSq = KernelMath.AsFloatRange(expAvgSq);");
        }

        body.Line($"{body.T} update = g / ({body.Sqrt("expAvgSq")} * inverseSqrtBiasCorrection2 + {body.C("Epsilon", kernel.Epsilon)});");
        if (kernel.Decays)
        {
            body.Comment("Decoupled decay at y, inside the base step (Optax's add_decayed_weights after the scaling).");
            body.Line($"update += {body.C("WeightDecay", kernel.WeightDecay)} * p;");
        }

        body.Line($"{body.T} delta = interpolation * (p - z) + parameterStep * update;");
        body.Line("z -= baseStep * update;");
    }

    public override void WriteHelpers(SourceWriter writer, KernelSpec kernel, OptimizerPrecision precision)
    {
        double warmup = kernel.WarmupSteps;
        writer.WriteSummary("Optax's warmup_constant_schedule from 0, as a factor of the rate at count c (1 without warm-up).");
        writer.WriteLine(warmup == 0
            ? "public static double Warmup(long c) => 1.0;"
            : $"public static double Warmup(long c) => Math.Min(c, {Literal.Double(warmup)}) / {Literal.Double(warmup)};");
        writer.WriteLine();
        writer.WriteSummary(
            "cₜ of step t at rate lr: the weight (the largest rate so far to the power r) over the weights' sum, 0 while that sum is 0.");
        using (writer.Block("public static double Interpolation(double lr, long t, double maxLr, double weightSum)"))
        {
            writer.WriteLine("double weight = Weight(lr, t, maxLr);");
            writer.WriteLine("double total = weightSum + weight;");
            writer.WriteLine("return total == 0.0 ? 0.0 : weight / total;");
        }

        writer.WriteLine();
        writer.WriteSummary("The weight of step t at rate lr (the set's scale already applied), after the largest rate so far, maxLr.");
        writer.WriteLine("private static double Weight(double lr, long t, double maxLr) =>");
        writer.WriteLine($"    Math.Pow(Math.Max(maxLr, lr * Warmup(t)), {Literal.Double(kernel.WeightLrPower)});");
        writer.WriteLine();
        writer.WriteSummary("Adds step t at rate lr to the running maximum and the weights' sum (the end of an iteration).");
        using (writer.Block("public static void Advance(double lr, long t, ref double maxLr, ref double weightSum)"))
        {
            if (kernel.LearningRateScale != 1.0)
            {
                writer.WriteLine($"lr *= {Literal.Double(kernel.LearningRateScale)}; // the set's LearningRateScale");
            }

            writer.WriteLine("weightSum += Weight(lr, t, maxLr);");
            writer.WriteLine("maxLr = Math.Max(maxLr, lr * Warmup(t));");
        }

        writer.WriteLine();
    }

    public override string Describe(KernelSpec kernel) =>
        $"β₁ = {Text(kernel.Beta1)}, β₂ = {Text(kernel.Beta2)}, ε = {Text(kernel.Epsilon)}, weight decay λ = {Text(kernel.WeightDecay)} at y" +
        $", weights max lr^{Text(kernel.WeightLrPower)}" +
        (kernel.WarmupSteps != 0 ? $", warm-up {Text(kernel.WarmupSteps)} steps" : string.Empty) +
        (kernel.Maximize ? ", maximizing" : string.Empty);
}
