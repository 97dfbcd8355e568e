using System.Collections.Generic;
using System.Linq;
using Rlx.Optim.Generators.Helpers;
using Rlx.Optim.Generators.Model;

namespace Rlx.Optim.Generators.Emit.Rules;

/// <summary>
/// Adam and AdamW, with AMSGrad: <c>θ ← θ − lr/(1 − β₁ᵗ)·m / (√v / √(1 − β₂ᵗ) + ε)</c>. The float kernel folds
/// the bias corrections into two factors; the double kernel follows the seed's order exactly, so its bits match.
/// </summary>
internal sealed class AdamRule : KernelRule
{
    private const string Inline = KernelEmitter.Inline;

    /// <summary>The smallest positive normal float, 2⁻¹²⁶.</summary>
    private const float SmallestNormalFloat = 1.17549435E-38f;

    private readonly bool _classic;

    private AdamRule(bool classic)
    {
        _classic = classic;
    }

    /// <summary>Adam: L2 decay, and the seed's conventions.</summary>
    public static readonly AdamRule Classic = new(classic: true);

    /// <summary>AdamW: decoupled decay.</summary>
    public static readonly AdamRule Decoupled = new(classic: false);

    public override string ScalarsType => _classic ? "AdamScalars" : "AdamWScalars";

    public override bool AddsZeroDecayTerm => _classic;

    public override IReadOnlyList<string> BufferNames(KernelSpec optimizer) =>
        optimizer.AmsGrad ? new[] { "exp_avg", "exp_avg_sq", "max_exp_avg_sq" } : new[] { "exp_avg", "exp_avg_sq" };

    public override IReadOnlyList<ScalarField> Fields(KernelSpec optimizer, OptimizerPrecision precision)
    {
        IEnumerable<ScalarField> fields = precision == OptimizerPrecision.Double
            ? new[]
            {
                new ScalarField("LearningRate", ScalarRole.Body, "lr."),
                new ScalarField("BiasCorrection1", ScalarRole.Body, "1 − β₁ᵗ."),
                new ScalarField("BiasCorrection2", ScalarRole.Body, "1 − β₂ᵗ."),
            }
            : new[]
            {
                new ScalarField("StepSize", ScalarRole.Body, "lr / (1 − β₁ᵗ)."),
                new ScalarField("InverseSqrtBiasCorrection2", ScalarRole.Body, "1 / √(1 − β₂ᵗ): √v̂ is √v times this, which cannot overflow where v̂ itself would."),
            };
        return fields.Concat(DecayFields(optimizer)).ToArray();
    }

    public override void WritePrepare(SourceWriter writer, KernelSpec kernel, OptimizerPrecision precision)
    {
        if (precision == OptimizerPrecision.Double)
        {
            writer.WriteLine("double learningRate = lr;");
            BiasCorrection.Write(writer, "biasCorrection1", kernel.Beta1);
            BiasCorrection.Write(writer, "biasCorrection2", kernel.Beta2);
        }
        else
        {
            BiasCorrection.Write(writer, "biasCorrection1", kernel.Beta1);
            BiasCorrection.Write(writer, "biasCorrection2", kernel.Beta2);
            writer.WriteLine("double stepSize = lr / biasCorrection1;");
            writer.WriteLine("double inverseSqrtBiasCorrection2 = 1.0 / Math.Sqrt(biasCorrection2);");
        }

        WriteDecayFactor(writer, kernel);
    }

    /// <summary>The double kernel's update. The float kernel has a rare exact path, so it is written in parts (below).</summary>
    public override void WriteStep(KernelBody body, KernelSpec kernel)
    {
        // The seed's own rule (Adam without AMSGrad) keeps its bits; everything else follows PyTorch.
        WriteMoments(body, kernel, asStored: !(_classic && !kernel.AmsGrad));
        WriteDelta(body, kernel);
    }

    public override bool HasRareExactPath(OptimizerPrecision precision) => precision == OptimizerPrecision.Single;

    public override void WriteNewMoments(KernelBody body, KernelSpec kernel)
    {
        if (!DividesByReciprocal(kernel, body.Precision, body.Shape))
        {
            WriteMoments(body, kernel, asStored: !(_classic && !kernel.AmsGrad));
            return;
        }

        // Fused forms, each moment a step towards its target (one multiply each, so the multiply units keep up with the
        // square root).
        string api = body.Shape.Api;
        body.Line($"expAvg = {api}.FusedMultiplyAdd(g - expAvg, {body.OneMinus("Beta1", kernel.Beta1)}, expAvg);");
        body.Comment("g² overflows sooner than (1 − β₂)·g², but an infinite v takes the rare path, which recomputes it in double; an infinite stored v is capped where it is subtracted, so it stays infinite instead of turning NaN.");
        body.Line($"{body.T} gap = g * g - {api}.MinNative(expAvgSq, {body.Constants.Float("LargestFloat", "float.MaxValue")});");
        body.Line($"expAvgSq = {api}.FusedMultiplyAdd(gap, {body.OneMinus("Beta2", kernel.Beta2)}, expAvgSq);");
    }

    /// <summary>
    /// Float Adam and AdamW without AMSGrad over 512-bit vectors, when ε is a normal float (so every denominator
    /// that is not infinite is normal): the reciprocal's refinement is exact there, and AMSGrad's running maximum
    /// could keep an infinite second moment that the new moments do not show.
    /// </summary>
    public override bool DividesByReciprocal(KernelSpec kernel, OptimizerPrecision precision, VectorShape shape) =>
        precision == OptimizerPrecision.Single && shape == VectorShape.Wide && !kernel.AmsGrad && (float)kernel.Epsilon >= SmallestNormalFloat;

    /// <summary>
    /// Below float's normal range the grid is coarse, and the float path's two roundings can differ from the exact
    /// value by a whole step: the rare vectors with such a lane are recomputed in double and rounded once.
    /// </summary>
    /// <remarks>With <see cref="DividesByReciprocal"/>, lanes with an infinite moment are recomputed too: the fused first
    /// moment of an infinite m and a finite g is NaN where the rule gives ∞ (and such an m comes with an infinite v).</remarks>
    public override void WriteExactMoments(KernelBody body, KernelSpec kernel)
    {
        if (DividesByReciprocal(kernel, body.Precision, body.Shape))
        {
            body.Line($"{body.T} exact = KernelMath.IsRare(expAvg, expAvgSq);");
        }
        else
        {
            body.Line($"{body.T} exact = KernelMath.IsSubnormal(expAvg) | KernelMath.IsSubnormal(expAvgSq);");
        }

        body.Line($"expAvg = {body.Shape.Api}.ConditionalSelect(exact, ExactFirstMoment(m0, g), expAvg);");
        body.Line($"expAvgSq = {body.Shape.Api}.ConditionalSelect(exact, ExactSecondMoment(v0, g), expAvgSq);");
    }

    public override void WriteDelta(KernelBody body, KernelSpec kernel)
    {
        string secondMoment = "expAvgSq";
        if (kernel.AmsGrad)
        {
            body.Line($"maxExpAvgSq = {body.Max("maxExpAvgSq", "expAvgSq")};");
            secondMoment = "maxExpAvgSq";
        }

        if (DividesByReciprocal(kernel, body.Precision, body.Shape))
        {
            WriteDenominator(body, kernel);
            body.Line($"{body.T} delta = KernelMath.Divide(stepSize * expAvg, denominator);");
            return;
        }

        string epsilon = body.C("Epsilon", kernel.Epsilon);
        if (body.IsDouble)
        {
            body.Comment("As the seed: lr·m̂ / (√v̂ + ε), with m̂ = m / (1 − β₁ᵗ) and v̂ = v / (1 − β₂ᵗ).");
            body.Line($"{body.T} numerator = learningRate * (expAvg / biasCorrection1);");
            body.Line($"{body.T} denominator = {body.Sqrt(secondMoment + " / biasCorrection2")} + {epsilon};");
            body.Line($"{body.T} delta = numerator / denominator;");
            return;
        }

        // One expression, as the kernels measured were written: separate locals let the JIT order the AMSGrad
        // kernel's instructions differently.
        body.Writer.WriteBroken($"{body.T} delta", "=", $"stepSize * expAvg / ({body.Sqrt(secondMoment)} * inverseSqrtBiasCorrection2 + {epsilon});");
    }

    public override void WriteRareDelta(KernelBody body, KernelSpec kernel)
    {
        WriteDenominator(body, kernel);
        body.Line($"{body.T} numerator = stepSize * expAvg;");
        body.Comment("An infinite denominator or numerator is outside the reciprocal's range: those lanes divide exactly.");
        body.Line($"{body.T} rare = KernelMath.IsRare(expAvg, expAvgSq);");
        body.Writer.WriteWrapped(
            $"{body.T} delta = {body.Shape.Api}.ConditionalSelect(",
            new[] { "rare", "numerator / denominator", "KernelMath.Divide(numerator, denominator)" },
            ");");
    }

    private static void WriteDenominator(KernelBody body, KernelSpec kernel) =>
        body.Writer.WriteWrapped(
            $"{body.T} denominator = {body.Shape.Api}.FusedMultiplyAdd(",
            new[] { body.Sqrt("expAvgSq"), "inverseSqrtBiasCorrection2", body.C("Epsilon", kernel.Epsilon) },
            ");");

    public override string Describe(KernelSpec kernel) =>
        $"β₁ = {Text(kernel.Beta1)}, β₂ = {Text(kernel.Beta2)}, ε = {Text(kernel.Epsilon)}, {DescribeDecay(kernel)}" +
        (kernel.AmsGrad ? ", AMSGrad" : string.Empty) + (kernel.Maximize ? ", maximizing" : string.Empty);

    public override void WriteVectorHelpers(SourceWriter writer, KernelSpec kernel, OptimizerPrecision precision, VectorShape shape)
    {
        if (precision == OptimizerPrecision.Double)
        {
            return;
        }

        writer.WriteComment("The moments of the rare vectors with a subnormal lane, in double and rounded once.");
        writer.WriteComment("Inlined: a call in the loop would make the JIT spill every live vector (all are caller-saved).");
        WriteExactMoment(writer, shape, "ExactFirstMoment", kernel.Beta1, "g");
        WriteExactMoment(writer, shape, "ExactSecondMoment", kernel.Beta2, "g * g");
    }

    private static void WriteExactMoment(SourceWriter writer, VectorShape shape, string name, double beta, string term)
    {
        string floats = shape.Floats, doubles = shape.Doubles, api = shape.Api;
        writer.WriteLine(Inline);
        using (writer.Block($"private static {floats} {name}({floats} previous, {floats} gradient)"))
        {
            writer.WriteLine($"{doubles} previousLow = {api}.WidenLower(previous);");
            writer.WriteLine($"{doubles} previousHigh = {api}.WidenUpper(previous);");
            writer.WriteLine($"{doubles} gLow = {api}.WidenLower(gradient);");
            writer.WriteLine($"{doubles} gHigh = {api}.WidenUpper(gradient);");
            writer.WriteLine($"{doubles} beta = {shape.Broadcast(Literal.Double(beta))};");
            writer.WriteLine($"{doubles} oneMinusBeta = {shape.Broadcast(Literal.Double(1.0 - beta))}; // 1 − {Literal.Number(beta)}");
            string low = term.Replace("g", "gLow");
            string high = term.Replace("g", "gHigh");
            writer.WriteWrapped($"return {api}.Narrow(", new[] { $"beta * previousLow + oneMinusBeta * {low}", $"beta * previousHigh + oneMinusBeta * {high}" }, ");");
        }

        writer.WriteLine();
    }
}
