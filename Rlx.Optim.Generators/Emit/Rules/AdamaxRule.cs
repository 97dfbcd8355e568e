using System.Collections.Generic;
using Rlx.Optim.Generators.Helpers;
using Rlx.Optim.Generators.Model;

namespace Rlx.Optim.Generators.Emit.Rules;

/// <summary>Adamax, as PyTorch: <c>u ← max(β₂u, |g| + ε)</c>, <c>θ ← θ − lr/(1 − β₁ᵗ)·m/u</c>.</summary>
internal sealed class AdamaxRule : KernelRule
{
    public static readonly AdamaxRule Instance = new();

    public override string ScalarsType => "AdamaxScalars";

    public override IReadOnlyList<string> BufferNames(KernelSpec optimizer) => new[] { "exp_avg", "exp_inf" };

    public override IReadOnlyList<ScalarField> Fields(KernelSpec optimizer, OptimizerPrecision precision) =>
        new[] { new ScalarField("StepSize", ScalarRole.Body, "lr / (1 − β₁ᵗ).") };

    public override void WritePrepare(SourceWriter writer, KernelSpec kernel, OptimizerPrecision precision)
    {
        BiasCorrection.Write(writer, "biasCorrection1", kernel.Beta1);
        writer.WriteLine("double stepSize = lr / biasCorrection1;");
    }

    public override void WriteStep(KernelBody body, KernelSpec kernel)
    {
        body.Line($"expAvg = {body.C("Beta1", kernel.Beta1)} * expAvg + {body.OneMinus("Beta1", kernel.Beta1)} * g;");
        body.Line($"expInf = {body.Max($"{body.C("Beta2", kernel.Beta2)} * expInf", $"{body.Abs("g")} + {body.C("Epsilon", kernel.Epsilon)}")};");
        body.Line($"{body.T} delta = stepSize * expAvg / expInf;");
    }

    public override string Describe(KernelSpec kernel) =>
        $"β₁ = {Text(kernel.Beta1)}, β₂ = {Text(kernel.Beta2)}, ε = {Text(kernel.Epsilon)}, {DescribeDecay(kernel)}" +
        (kernel.Maximize ? ", maximizing" : string.Empty);
}
