using System.Collections.Generic;
using Rlx.Optim.Generators.Model;

namespace Rlx.Optim.Generators.Emit.Rules;

/// <summary>
/// RMSprop, as PyTorch: <c>v ← αv + (1 − α)g²</c>; centered, <c>ḡ ← αḡ + (1 − α)g</c> and the denominator
/// <c>√(v − ḡ²) + ε</c>, else <c>√v + ε</c>; with momentum μ, <c>b ← μb + g/denominator</c> and the step is
/// <c>lr·b</c>, without, <c>lr·g/denominator</c>.
/// </summary>
/// <remarks>
/// The buffers follow PyTorch's state: <c>square_avg</c>, then <c>momentum_buffer</c> when μ is not 0 and
/// <c>grad_avg</c> when centered (both decided by the optimizer, so every kernel keeps the same buffers). A centered
/// v − ḡ² that rounding leaves below 0 gives NaN, as in PyTorch.
/// </remarks>
internal sealed class RMSpropRule : KernelRule
{
    public static readonly RMSpropRule Instance = new();

    public override string ScalarsType => "RMSpropScalars";

    public override IReadOnlyList<string> BufferNames(KernelSpec optimizer)
    {
        var names = new List<string> { "square_avg" };
        if (optimizer.Momentum != 0)
        {
            names.Add("momentum_buffer");
        }

        if (optimizer.Centered)
        {
            names.Add("grad_avg");
        }

        return names;
    }

    public override IReadOnlyList<ScalarField> Fields(KernelSpec optimizer, OptimizerPrecision precision) =>
        new[] { new ScalarField("LearningRate", ScalarRole.Body, "lr.") };

    public override void WritePrepare(Helpers.SourceWriter writer, KernelSpec kernel, OptimizerPrecision precision) =>
        writer.WriteLine("double learningRate = lr;");

    public override void WriteStep(KernelBody body, KernelSpec kernel)
    {
        body.Comment("(1 − α)·g is formed before g multiplies it again, as PyTorch's addcmul does.");
        body.Line($"squareAvg = {body.C("Alpha", kernel.Alpha)} * squareAvg + {body.OneMinus("Alpha", kernel.Alpha)} * g * g;");
        if (body.IsDouble)
        {
            body.Comment("As PyTorch's float state: a v beyond float's range is ∞ here, so that element does not move.");
            body.Line("squareAvg = KernelMath.AsFloatRange(squareAvg);");
        }

        string epsilon = body.C("Epsilon", kernel.Epsilon);
        if (kernel.Centered)
        {
            body.Line($"gradAvg = {body.C("Alpha", kernel.Alpha)} * gradAvg + {body.OneMinus("Alpha", kernel.Alpha)} * g;");
            body.Line($"{body.T} denominator = {body.Sqrt("squareAvg - gradAvg * gradAvg")} + {epsilon};");
        }
        else
        {
            body.Line($"{body.T} denominator = {body.Sqrt("squareAvg")} + {epsilon};");
        }

        if (kernel.Momentum != 0)
        {
            body.Line($"momentumBuffer = {body.C("Momentum", kernel.Momentum)} * momentumBuffer + g / denominator;");
            body.Line($"{body.T} delta = learningRate * momentumBuffer;");
        }
        else
        {
            body.Line($"{body.T} delta = learningRate * g / denominator;");
        }
    }

    public override string Describe(KernelSpec kernel) =>
        $"α = {Text(kernel.Alpha)}, ε = {Text(kernel.Epsilon)}" +
        (kernel.Momentum != 0 ? $", momentum μ = {Text(kernel.Momentum)}" : string.Empty) +
        (kernel.Centered ? ", centered" : string.Empty) +
        $", {DescribeDecay(kernel)}" + (kernel.Maximize ? ", maximizing" : string.Empty);
}
