using System.Collections.Generic;
using System.Linq;
using Rlx.Optim.Generators.Helpers;
using Rlx.Optim.Generators.Model;

namespace Rlx.Optim.Generators.Emit.Rules;

/// <summary>
/// NAdam, as PyTorch: <c>μₜ = β₁(1 − ½·0.96^(tψ))</c>, and
/// <c>θ ← θ − [lr(1 − μₜ)/(1 − Πμ₁..ₜ)·g + lr·μₜ₊₁/(1 − Πμ₁..ₜ₊₁)·m] / (√(v / (1 − β₂ᵗ)) + ε)</c>.
/// </summary>
internal sealed class NAdamRule : KernelRule
{
    public static readonly NAdamRule Instance = new();

    public override string ScalarsType => "NAdamScalars";

    public override bool KeepsScheduleProduct => true;

    public override IReadOnlyList<string> BufferNames(KernelSpec optimizer) => new[] { "exp_avg", "exp_avg_sq" };

    public override IReadOnlyList<ScalarField> Fields(KernelSpec optimizer, OptimizerPrecision precision) =>
        new[]
        {
            new ScalarField("GradientStep", ScalarRole.Body, "lr(1 − μₜ) / (1 − Πμ₁..ₜ): the weight of the gradient."),
            new ScalarField("MomentumStep", ScalarRole.Body, "lr·μₜ₊₁ / (1 − Πμ₁..ₜ₊₁): the weight of the first moment."),
            new ScalarField("InverseSqrtBiasCorrection2", ScalarRole.Body, "1 / √(1 − β₂ᵗ)."),
        }.Concat(DecayFields(optimizer)).ToArray();

    public override void WritePrepare(SourceWriter writer, KernelSpec kernel, OptimizerPrecision precision)
    {
        writer.WriteLine("double mu = Mu(t);");
        writer.WriteLine("double muNext = Mu(t + 1);");
        writer.WriteLine("double product = muProduct * mu;");
        writer.WriteLine("double gradientStep = lr * (1.0 - mu) / (1.0 - product);");
        writer.WriteLine("double momentumStep = lr * muNext / (1.0 - product * muNext);");
        BiasCorrection.Write(writer, "biasCorrection2", kernel.Beta2);
        writer.WriteLine("double inverseSqrtBiasCorrection2 = 1.0 / Math.Sqrt(biasCorrection2);");
        WriteDecayFactor(writer, kernel);
    }

    public override void WriteStep(KernelBody body, KernelSpec kernel)
    {
        WriteMoments(body, kernel);
        body.Line($"{body.T} denominator = {body.Sqrt("expAvgSq")} * inverseSqrtBiasCorrection2 + {body.C("Epsilon", kernel.Epsilon)};");
        body.Line($"{body.T} delta = (gradientStep * g + momentumStep * expAvg) / denominator;");
    }

    public override void WriteHelpers(SourceWriter writer, KernelSpec kernel, OptimizerPrecision precision)
    {
        writer.WriteSummary("The momentum coefficient μₜ of step t.");
        writer.WriteLine(
            $"public static double Mu(long t) => {Literal.Double(kernel.Beta1)} * (1.0 - 0.5 * Math.Pow(0.96, t * {Literal.Double(kernel.MomentumDecay)}));");
        writer.WriteLine();
        writer.WriteSummary("μ₁·μ₂·…·μₜ, recomputed (after a checkpoint is loaded); a product that reaches 0 stays there.");
        using (writer.Block("public static double MuProduct(long t)"))
        {
            writer.WriteLine("double product = 1.0;");
            using (writer.Block("for (long k = 1; k <= t && product != 0.0; k++)"))
            {
                writer.WriteLine("product *= Mu(k);");
            }

            writer.WriteLine();
            writer.WriteLine("return product;");
        }

        writer.WriteLine();
    }

    public override string Describe(KernelSpec kernel) =>
        $"β₁ = {Text(kernel.Beta1)}, β₂ = {Text(kernel.Beta2)}, ε = {Text(kernel.Epsilon)}, ψ = {Text(kernel.MomentumDecay)}, {DescribeDecay(kernel)}" +
        (kernel.Maximize ? ", maximizing" : string.Empty);
}
