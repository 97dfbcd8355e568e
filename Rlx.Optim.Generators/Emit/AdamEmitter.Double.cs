using Rlx.Optim.Generators.Helpers;
using Rlx.Optim.Generators.Model;

namespace Rlx.Optim.Generators.Emit;

/// <summary>
/// Adam in the seed's exact arithmetic (<see cref="OptimizerPrecision.Double"/>): float storage, the decay term
/// in float, everything else per element in double, in the seed's order, so every bit matches.
/// </summary>
internal static partial class AdamEmitter
{
    private static void WriteDoubleScalars(SourceWriter writer)
    {
        writer.WriteLine("/// <summary>The learning rate and the bias corrections of step t, as the seed computes them (Math.Pow, in double).</summary>");
        using (writer.Block($"private readonly struct {ScalarsType}"))
        {
            writer.WriteLine("public readonly double LearningRate;");
            writer.WriteLine();
            writer.WriteLine("/// <summary>1 − β₁ᵗ.</summary>");
            writer.WriteLine("public readonly double BiasCorrection1;");
            writer.WriteLine();
            writer.WriteLine("/// <summary>1 − β₂ᵗ.</summary>");
            writer.WriteLine("public readonly double BiasCorrection2;");
            writer.WriteLine();
            using (writer.Block($"public {ScalarsType}(float learningRate, long t, double beta1, double beta2)"))
            {
                writer.WriteLine("LearningRate = learningRate;");
                writer.WriteLine("BiasCorrection1 = 1.0 - global::System.Math.Pow(beta1, t);");
                writer.WriteLine("BiasCorrection2 = 1.0 - global::System.Math.Pow(beta2, t);");
            }
        }

        writer.WriteLine();
    }

    private static void WriteDoubleKernel(SourceWriter writer, AdamKernelSpec kernel, string name)
    {
        // The seed keeps its hyperparameters as f32 and widens them: fold the same doubles.
        double beta1Value = (float)kernel.Beta1;
        double beta2Value = (float)kernel.Beta2;
        string beta1 = Literal.Double(beta1Value);
        string oneMinusBeta1 = Literal.Double(1.0 - beta1Value);
        string beta2 = Literal.Double(beta2Value);
        string oneMinusBeta2 = Literal.Double(1.0 - beta2Value);
        string epsilon = Literal.Double((float)kernel.Epsilon);
        string weightDecay = Literal.Float((float)kernel.WeightDecay);
        const string Scalars = "learningRate, biasCorrection1, biasCorrection2";

        writer.WriteLine($"/// <summary>Adam in the seed's exact arithmetic: {Describe(kernel)}, folded in as constants.</summary>");
        using (writer.Block($"private readonly struct {name} : global::Rlx.Optim.IUpdateKernel<{ScalarsType}>"))
        {
            using (writer.Block($"public static void Update(in {ScalarsType} scalars, ref float parameter, ref float gradient, ref float expAvg, ref float expAvgSq, ref float unused, nuint start, nuint end)"))
            {
                writer.WriteLine($"{VectorD} learningRate = new {VectorD}(scalars.LearningRate);");
                writer.WriteLine($"{VectorD} biasCorrection1 = new {VectorD}(scalars.BiasCorrection1);");
                writer.WriteLine($"{VectorD} biasCorrection2 = new {VectorD}(scalars.BiasCorrection2);");
                WriteLoop(writer, Scalars, "scalars.LearningRate, scalars.BiasCorrection1, scalars.BiasCorrection2");
            }

            writer.WriteLine();
            writer.WriteLine(Inline);
            using (writer.Block($"private static void UpdateVector(ref float parameter, ref float gradient, ref float expAvg, ref float expAvgSq, nuint i, {VectorD} learningRate, {VectorD} biasCorrection1, {VectorD} biasCorrection2)"))
            {
                writer.WriteLine($"{VectorF} p = {Vector}.LoadUnsafe(ref parameter, i);");
                writer.WriteLine($"{VectorF} g = {Vector}.LoadUnsafe(ref gradient, i) + new {VectorF}({weightDecay}) * p;");
                writer.WriteLine($"{Vector}.Widen(g, out {VectorD} gLow, out {VectorD} gHigh);");
                writer.WriteLine($"{Vector}.Widen({Vector}.LoadUnsafe(ref expAvg, i), out {VectorD} mLow, out {VectorD} mHigh);");
                writer.WriteLine($"{Vector}.Widen({Vector}.LoadUnsafe(ref expAvgSq, i), out {VectorD} vLow, out {VectorD} vHigh);");
                writer.WriteLine($"{VectorD} stepLow = UpdateHalf(ref mLow, ref vLow, gLow, {Scalars});");
                writer.WriteLine($"{VectorD} stepHigh = UpdateHalf(ref mHigh, ref vHigh, gHigh, {Scalars});");
                writer.WriteLine($"{Vector}.StoreUnsafe({Vector}.Narrow(mLow, mHigh), ref expAvg, i);");
                writer.WriteLine($"{Vector}.StoreUnsafe({Vector}.Narrow(vLow, vHigh), ref expAvgSq, i);");
                writer.WriteLine($"{Vector}.StoreUnsafe(p - {Vector}.Narrow(stepLow, stepHigh), ref parameter, i);");
            }

            writer.WriteLine();
            writer.WriteLine(Inline);
            using (writer.Block($"private static {VectorD} UpdateHalf(ref {VectorD} m, ref {VectorD} v, {VectorD} g, {VectorD} learningRate, {VectorD} biasCorrection1, {VectorD} biasCorrection2)"))
            {
                writer.WriteLine($"m = new {VectorD}({beta1}) * m + new {VectorD}({oneMinusBeta1}) * g;");
                writer.WriteLine($"v = new {VectorD}({beta2}) * v + new {VectorD}({oneMinusBeta2}) * g * g;");
                writer.WriteLine($"return learningRate * (m / biasCorrection1) / ({Vector}.SquareRoot(v / biasCorrection2) + new {VectorD}({epsilon}));");
            }

            writer.WriteLine();
            writer.WriteLine(Inline);
            using (writer.Block("private static void UpdateScalar(ref float parameter, float gradient, ref float expAvg, ref float expAvgSq, double learningRate, double biasCorrection1, double biasCorrection2)"))
            {
                writer.WriteLine("float p = parameter;");
                writer.WriteLine(kernel.WeightDecay == 0
                    ? "// The seed adds λ·θ in float even for λ = 0: a non-finite parameter makes its own moments NaN."
                    : "// The seed adds λ·θ in float, before widening.");
                writer.WriteLine($"double g = gradient + {weightDecay} * p;");
                writer.WriteLine($"double m = {beta1} * expAvg + {oneMinusBeta1} * g;");
                writer.WriteLine($"double v = {beta2} * expAvgSq + {oneMinusBeta2} * g * g;");
                writer.WriteLine("expAvg = (float)m;");
                writer.WriteLine("expAvgSq = (float)v;");
                writer.WriteLine("parameter = p - (float)(learningRate * (m / biasCorrection1) / (global::System.Math.Sqrt(v / biasCorrection2) + " + epsilon + "));");
            }
        }

        writer.WriteLine();
    }
}
