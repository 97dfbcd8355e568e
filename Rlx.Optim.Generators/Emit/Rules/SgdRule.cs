using System.Collections.Generic;
using System.Linq;
using Rlx.Optim.Generators.Helpers;
using Rlx.Optim.Generators.Model;

namespace Rlx.Optim.Generators.Emit.Rules;

/// <summary>
/// SGD, as PyTorch: with momentum μ, <c>b ← μb + (1 − τ)g</c> (<c>b ← g</c> on the first iteration), and the step
/// is <c>lr·b</c>, or <c>lr·(g + μb)</c> with Nesterov; without, <c>lr·g</c> and no state at all.
/// </summary>
internal sealed class SgdRule : KernelRule
{
    public static readonly SgdRule Instance = new();

    public override string ScalarsType => "SgdScalars";

    public override IReadOnlyList<string> BufferNames(KernelSpec optimizer) =>
        optimizer.Momentum != 0 ? new[] { "momentum_buffer" } : new string[0];

    public override IReadOnlyList<ScalarField> Fields(KernelSpec optimizer, OptimizerPrecision precision)
    {
        var fields = new List<ScalarField> { new("LearningRate", ScalarRole.Body, "lr.") };
        if (optimizer.Momentum != 0)
        {
            fields.Add(new ScalarField("BufferDecay", ScalarRole.Body, "μ, or 0 on the first iteration (the buffer starts as the gradient)."));
            fields.Add(new ScalarField("GradientShare", ScalarRole.Body, "1 − τ, or 1 on the first iteration."));
        }

        return fields;
    }

    public override void WritePrepare(SourceWriter writer, KernelSpec kernel, OptimizerPrecision precision)
    {
        writer.WriteLine("double learningRate = lr;");
        if (kernel.Momentum != 0)
        {
            writer.WriteLine($"double bufferDecay = t == 1 ? 0.0 : {Literal.Double(kernel.Momentum)};");
            writer.WriteLine($"double gradientShare = t == 1 ? 1.0 : {Literal.Double(1.0 - kernel.Dampening)};");
        }
    }

    public override void WriteStep(KernelBody body, KernelSpec kernel)
    {
        if (kernel.Momentum == 0)
        {
            body.Line($"{body.T} delta = learningRate * g;");
            return;
        }

        body.Line("momentumBuffer = bufferDecay * momentumBuffer + gradientShare * g;");
        body.Line(kernel.Nesterov
            ? $"{body.T} delta = learningRate * (g + {body.C("Momentum", kernel.Momentum)} * momentumBuffer);"
            : $"{body.T} delta = learningRate * momentumBuffer;");
    }

    public override string Describe(KernelSpec kernel) =>
        (kernel.Momentum == 0 ? "plain" : $"momentum μ = {Text(kernel.Momentum)}, dampening τ = {Text(kernel.Dampening)}" + (kernel.Nesterov ? ", Nesterov" : string.Empty)) +
        $", {DescribeDecay(kernel)}" + (kernel.Maximize ? ", maximizing" : string.Empty);
}
