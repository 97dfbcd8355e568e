using System.Collections.Generic;
using Rlx.Optim.Generators.Helpers;
using Rlx.Optim.Generators.Model;

namespace Rlx.Optim.Generators.Emit.Rules;

/// <summary>
/// Lion (Chen et al. 2023, Algorithm 2): <c>θ ← θ − lr·sign(β₁m + (1 − β₁)g)</c>, then
/// <c>m ← β₂m + (1 − β₂)g</c>; its weight decay is decoupled.
/// </summary>
internal sealed class LionRule : KernelRule
{
    public static readonly LionRule Instance = new();

    public override string ScalarsType => "LionScalars";

    public override IReadOnlyList<string> BufferNames(KernelSpec optimizer) => new[] { "exp_avg" };

    public override IReadOnlyList<ScalarField> Fields(KernelSpec optimizer, OptimizerPrecision precision) =>
        new[] { new ScalarField("LearningRate", ScalarRole.Body, "lr."), DecayFactor };

    public override void WritePrepare(SourceWriter writer, KernelSpec kernel, OptimizerPrecision precision)
    {
        writer.WriteLine("double learningRate = lr;");
        WriteDecayFactor(writer, kernel);
    }

    public override void WriteStep(KernelBody body, KernelSpec kernel)
    {
        body.Line($"{body.T} direction = {body.C("Beta1", kernel.Beta1)} * expAvg + {body.OneMinus("Beta1", kernel.Beta1)} * g;");
        body.Line($"expAvg = {body.C("Beta2", kernel.Beta2)} * expAvg + {body.OneMinus("Beta2", kernel.Beta2)} * g;");
        body.Comment("sign(0) is 0, and a NaN stays NaN rather than freezing the parameter.");
        body.Line($"{body.T} delta = learningRate * {body.Sign("direction")};");
    }

    public override string Describe(KernelSpec kernel) =>
        $"β₁ = {Text(kernel.Beta1)}, β₂ = {Text(kernel.Beta2)}, {DescribeDecay(kernel)}" + (kernel.Maximize ? ", maximizing" : string.Empty);
}
