using System.Collections.Generic;
using System.Linq;
using Rlx.Optim.Generators.Helpers;
using Rlx.Optim.Generators.Model;

namespace Rlx.Optim.Generators.Emit.Rules;

/// <summary>
/// RAdam, as PyTorch: with <c>ρ∞ = 2/(1 − β₂) − 1</c> and <c>ρₜ = ρ∞ − 2tβ₂ᵗ/(1 − β₂ᵗ)</c>, the step is
/// <c>lr·r·√(1 − β₂ᵗ)/(1 − β₁ᵗ)·m / (√v + ε)</c> with the rectification r while ρₜ &gt; 5, and the un-adapted
/// <c>lr/(1 − β₁ᵗ)·m</c> before.
/// </summary>
internal sealed class RAdamRule : KernelRule
{
    public static readonly RAdamRule Instance = new();

    public override string ScalarsType => "RAdamScalars";

    public override IReadOnlyList<string> BufferNames(KernelSpec optimizer) => new[] { "exp_avg", "exp_avg_sq" };

    public override IReadOnlyList<ScalarField> Fields(KernelSpec optimizer, OptimizerPrecision precision) =>
        new[]
        {
            new ScalarField("Rectified", ScalarRole.Flag, "Whether ρₜ > 5: the variance is rectified and the step adapted."),
            new ScalarField("StepSize", ScalarRole.Body, "lr·r·√(1 − β₂ᵗ)/(1 − β₁ᵗ) when rectified, lr/(1 − β₁ᵗ) before."),
        }.Concat(DecayFields(optimizer)).ToArray();

    public override void WritePrepare(SourceWriter writer, KernelSpec kernel, OptimizerPrecision precision)
    {
        double rhoInfinity = 2.0 / (1.0 - kernel.Beta2) - 1.0;
        BiasCorrection.Write(writer, "biasCorrection1", kernel.Beta1);
        writer.WriteLine($"double beta2Power = {Power(kernel.Beta2)};");
        writer.WriteLine("double biasCorrection2 = 1.0 - beta2Power;");
        writer.WriteLine($"const double RhoInfinity = {Literal.Double(rhoInfinity)};");
        writer.WriteLine("double rho = RhoInfinity - 2.0 * t * beta2Power / biasCorrection2;");
        writer.WriteLine("bool rectified = rho > 5.0;");
        writer.WriteLine("double stepSize = lr / biasCorrection1;");
        using (writer.Block("if (rectified)"))
        {
            writer.WriteLine("double rectification = Math.Sqrt(");
            writer.WriteLine("    (rho - 4.0) * (rho - 2.0) * RhoInfinity / ((RhoInfinity - 4.0) * (RhoInfinity - 2.0) * rho));");
            writer.WriteLine("stepSize = lr * rectification * Math.Sqrt(biasCorrection2) / biasCorrection1;");
        }


        WriteDecayFactor(writer, kernel);
    }

    public override void WriteStep(KernelBody body, KernelSpec kernel)
    {
        WriteMoments(body, kernel);
        string adapted = $"stepSize * expAvg / ({body.Sqrt("expAvgSq")} + {body.C("Epsilon", kernel.Epsilon)})";
        string line = $"{body.T} delta = rectified ? {adapted} : stepSize * expAvg;";
        if (body.Writer.Fits(line))
        {
            body.Line(line);
            return;
        }

        body.Line($"{body.T} delta = rectified");
        body.Line($"    ? {adapted}");
        body.Line("    : stepSize * expAvg;");
    }

    public override string Describe(KernelSpec kernel) =>
        $"β₁ = {Text(kernel.Beta1)}, β₂ = {Text(kernel.Beta2)}, ε = {Text(kernel.Epsilon)}, {DescribeDecay(kernel)}" +
        (kernel.Maximize ? ", maximizing" : string.Empty);
}
