using System.Collections.Generic;
using Rlx.Optim.Generators.Helpers;
using Rlx.Optim.Generators.Model;

namespace Rlx.Optim.Generators.Emit.Rules;

/// <summary>
/// Adagrad, as PyTorch: <c>clr = lr / (1 + (t − 1)·η)</c>, <c>sum ← sum + g²</c>,
/// <c>θ ← θ − clr·g / (√sum + ε)</c>. The accumulator starts at τ (the state table fills it, so <c>sum</c> holds
/// PyTorch's values from the first step on, in checkpoints too).
/// </summary>
/// <remarks>
/// No rare path. The sum only grows, so it never becomes subnormal unless every gradient so far was (below about
/// 10⁻¹⁹): there √sum ≪ ε and the step is clr·g/ε whatever the sum's last bits, and the float sum is PyTorch's own
/// float arithmetic, not a double reference that a coarse grid would miss. An overflowing sum is +∞ in both
/// precisions (<c>Double</c> takes the sum as the float state holds it), so the element stops moving, as in PyTorch:
/// g/∞ is 0 for a finite g, and the hardware divider, unlike Adam's refined reciprocal, takes ∞ exactly.
/// </remarks>
internal sealed class AdagradRule : KernelRule
{
    public static readonly AdagradRule Instance = new();

    public override string ScalarsType => "AdagradScalars";

    public override IReadOnlyList<string> BufferNames(KernelSpec optimizer) => new[] { "sum" };

    public override IReadOnlyList<double> BufferInitialValues(KernelSpec optimizer) => new[] { optimizer.InitialAccumulatorValue };

    public override IReadOnlyList<ScalarField> Fields(KernelSpec optimizer, OptimizerPrecision precision) =>
        new[] { new ScalarField("StepSize", ScalarRole.Body, "PyTorch's clr: lr / (1 + (t − 1)·η).") };

    public override void WritePrepare(SourceWriter writer, KernelSpec kernel, OptimizerPrecision precision)
    {
        writer.WriteLine(kernel.LearningRateDecay == 0
            ? "double stepSize = lr;"
            : $"double stepSize = lr / (1.0 + (t - 1) * {Literal.Double(kernel.LearningRateDecay)});");
    }

    public override void WriteStep(KernelBody body, KernelSpec kernel)
    {
        body.Line("sum += g * g;");
        if (body.IsDouble)
        {
            body.Comment("As PyTorch's float state: a sum beyond float's range is ∞ here, so that element does not move.");
            body.Line("sum = KernelMath.AsFloatRange(sum);");
        }

        body.Line($"{body.T} delta = stepSize * g / ({body.Sqrt("sum")} + {body.C("Epsilon", kernel.Epsilon)});");
    }

    public override string Describe(KernelSpec kernel) =>
        (kernel.LearningRateDecay == 0 ? "no learning-rate decay" : $"learning-rate decay η = {Text(kernel.LearningRateDecay)}") +
        $", ε = {Text(kernel.Epsilon)}, {DescribeDecay(kernel)}" + (kernel.Maximize ? ", maximizing" : string.Empty);
}
