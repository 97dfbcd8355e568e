using System.Collections.Generic;
using Rlx.Optim.Generators.Helpers;
using Rlx.Optim.Generators.Model;

namespace Rlx.Optim.Generators.Emit.Rules;

/// <summary>
/// Adafactor, as PyTorch's <c>torch.optim.Adafactor</c>. Not elementwise: its update needs reductions over the set
/// first (RMS(θ), row and column means of g², RMS(U)), so its loops are the runtime's <c>AdafactorSet</c> passes and
/// its kernel is written by <see cref="AdafactorKernelEmitter"/>, which folds the settings as the runtime's
/// <c>IAdafactorRule</c> constants. The members of an elementwise rule are not used.
/// </summary>
internal sealed class AdafactorRule : KernelRule
{
    public static readonly AdafactorRule Instance = new();

    public override string ScalarsType => "AdafactorScalars";

    public override bool ScalarsInRuntime => true;

    /// <summary>Every buffer a set may keep: <c>row_var</c> and <c>col_var</c> (two or more dimensions) or <c>variance</c>.</summary>
    public override IReadOnlyList<string> BufferNames(KernelSpec optimizer) => new[] { "row_var", "col_var", "variance" };

    public override IReadOnlyList<ScalarField> Fields(KernelSpec optimizer, OptimizerPrecision precision) => new ScalarField[0];

    /// <summary>1 − β₂ₜ = t^τ and ρₜ = min(lr, 1/√t) as PyTorch computes them in Python (double), and 1 − lr·λ.</summary>
    public override void WritePrepare(SourceWriter writer, KernelSpec kernel, OptimizerPrecision precision)
    {
        writer.WriteLine($"double oneMinusBeta2 = Math.Pow(t, {Literal.Double(kernel.Beta2Decay)});");
        writer.WriteLine("double relativeStep = Math.Min(lr, 1.0 / Math.Pow(t, 0.5));");
        writer.WriteLine(kernel.Decays ? $"double decayFactor = 1.0 - lr * {Literal.Double(kernel.WeightDecay)};" : "double decayFactor = 1.0;");
    }

    public override void WriteStep(KernelBody body, KernelSpec kernel)
    {
    }

    public override string Describe(KernelSpec kernel) =>
        $"τ = {Text(kernel.Beta2Decay)}, ε₁ = {Text(kernel.Epsilon)}, ε₂ = {Text(kernel.Epsilon2)}, d = {Text(kernel.ClippingThreshold)}" +
        $", {DescribeDecay(kernel)}" + (kernel.Maximize ? ", maximizing" : string.Empty);
}
