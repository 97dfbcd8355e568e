using Rlx.Optim.Generators.Helpers;
using Rlx.Optim.Generators.Model;

namespace Rlx.Optim.Generators.Emit;

/// <summary>Adam in <see cref="float"/> arithmetic (<see cref="OptimizerPrecision.Single"/>).</summary>
internal static partial class AdamEmitter
{
    private static void WriteSingleScalars(SourceWriter writer)
    {
        writer.WriteLine("/// <summary>The bias corrections of step t, folded into two factors once per call (in double, then rounded).</summary>");
        using (writer.Block($"private readonly struct {ScalarsType}"))
        {
            writer.WriteLine("/// <summary>lr / (1 − β₁ᵗ).</summary>");
            writer.WriteLine("public readonly float StepSize;");
            writer.WriteLine();
            writer.WriteLine("/// <summary>1 / √(1 − β₂ᵗ): √v̂ is √v times this, which cannot overflow where v̂ itself would.</summary>");
            writer.WriteLine("public readonly float InverseSqrtBiasCorrection2;");
            writer.WriteLine();
            using (writer.Block($"public {ScalarsType}(float learningRate, long t, double beta1, double beta2)"))
            {
                writer.WriteLine("StepSize = (float)(learningRate / (1.0 - global::System.Math.Pow(beta1, t)));");
                writer.WriteLine("InverseSqrtBiasCorrection2 = (float)(1.0 / global::System.Math.Sqrt(1.0 - global::System.Math.Pow(beta2, t)));");
            }
        }

        writer.WriteLine();
    }

    private static void WriteSingleKernel(SourceWriter writer, AdamKernelSpec kernel, string name)
    {
        string beta1 = Literal.Float((float)kernel.Beta1);
        string oneMinusBeta1 = Literal.Float((float)(1.0 - kernel.Beta1));
        string beta2 = Literal.Float((float)kernel.Beta2);
        string oneMinusBeta2 = Literal.Float((float)(1.0 - kernel.Beta2));
        string epsilon = Literal.Float((float)kernel.Epsilon);
        string weightDecay = Literal.Float((float)kernel.WeightDecay);
        bool decays = kernel.WeightDecay != 0;
        string beta1D = Literal.Double(kernel.Beta1);
        string oneMinusBeta1D = Literal.Double(1.0 - kernel.Beta1);
        string beta2D = Literal.Double(kernel.Beta2);
        string oneMinusBeta2D = Literal.Double(1.0 - kernel.Beta2);

        writer.WriteLine($"/// <summary>Adam in float arithmetic: {Describe(kernel)}, folded in as constants.</summary>");
        using (writer.Block($"private readonly struct {name} : global::Rlx.Optim.IUpdateKernel<{ScalarsType}>"))
        {
            using (writer.Block($"public static void Update(in {ScalarsType} scalars, ref float parameter, ref float gradient, ref float expAvg, ref float expAvgSq, ref float unused, nuint start, nuint end)"))
            {
                writer.WriteLine($"{VectorF} stepSize = new {VectorF}(scalars.StepSize);");
                writer.WriteLine($"{VectorF} inverseSqrtBiasCorrection2 = new {VectorF}(scalars.InverseSqrtBiasCorrection2);");
                WriteLoop(writer, "stepSize, inverseSqrtBiasCorrection2", "scalars.StepSize, scalars.InverseSqrtBiasCorrection2");
            }

            writer.WriteLine();
            writer.WriteLine(Inline);
            using (writer.Block($"private static void UpdateVector(ref float parameter, ref float gradient, ref float expAvg, ref float expAvgSq, nuint i, {VectorF} stepSize, {VectorF} inverseSqrtBiasCorrection2)"))
            {
                writer.WriteLine($"{VectorF} p = {Vector}.LoadUnsafe(ref parameter, i);");
                writer.WriteLine(decays
                    ? $"{VectorF} g = {Vector}.LoadUnsafe(ref gradient, i) + new {VectorF}({weightDecay}) * p;"
                    : $"{VectorF} g = {Vector}.LoadUnsafe(ref gradient, i) + (p - p); // see UpdateScalar");
                writer.WriteLine($"{VectorF} m0 = {Vector}.LoadUnsafe(ref expAvg, i);");
                writer.WriteLine($"{VectorF} v0 = {Vector}.LoadUnsafe(ref expAvgSq, i);");
                writer.WriteLine($"{VectorF} m = new {VectorF}({beta1}) * m0 + new {VectorF}({oneMinusBeta1}) * g;");
                writer.WriteLine($"{VectorF} v = new {VectorF}({beta2}) * v0 + new {VectorF}({oneMinusBeta2}) * g * g;");
                using (writer.Block("if (global::Rlx.Optim.KernelMath.AnySubnormal(m, v))"))
                {
                    writer.WriteLine($"{VectorF} subnormal = global::Rlx.Optim.KernelMath.IsSubnormal(m) | global::Rlx.Optim.KernelMath.IsSubnormal(v);");
                    writer.WriteLine($"m = {Vector}.ConditionalSelect(subnormal, ExactFirstMoment(m0, g), m);");
                    writer.WriteLine($"v = {Vector}.ConditionalSelect(subnormal, ExactSecondMoment(v0, g), v);");
                }

                writer.WriteLine($"{Vector}.StoreUnsafe(m, ref expAvg, i);");
                writer.WriteLine($"{Vector}.StoreUnsafe(v, ref expAvgSq, i);");
                writer.WriteLine($"{Vector}.StoreUnsafe(p - stepSize * m / ({Vector}.SquareRoot(v) * inverseSqrtBiasCorrection2 + new {VectorF}({epsilon})), ref parameter, i);");
            }

            writer.WriteLine();
            writer.WriteLine("// Below float's normal range the grid is coarse, and the float path's two roundings can differ from the");
            writer.WriteLine("// exact value by a whole step: the rare vectors with such a lane are recomputed in double and rounded once.");
            writer.WriteLine("// Inlined: a call in the loop would make the JIT spill every live vector (all are caller-saved).");
            writer.WriteLine(Inline);
            using (writer.Block($"private static {VectorF} ExactFirstMoment({VectorF} m0, {VectorF} g)"))
            {
                writer.WriteLine($"{Vector}.Widen(m0, out {VectorD} mLow, out {VectorD} mHigh);");
                writer.WriteLine($"{Vector}.Widen(g, out {VectorD} gLow, out {VectorD} gHigh);");
                writer.WriteLine($"{VectorD} beta1 = new {VectorD}({beta1D});");
                writer.WriteLine($"{VectorD} oneMinusBeta1 = new {VectorD}({oneMinusBeta1D});");
                writer.WriteLine($"return {Vector}.Narrow(beta1 * mLow + oneMinusBeta1 * gLow, beta1 * mHigh + oneMinusBeta1 * gHigh);");
            }

            writer.WriteLine();
            writer.WriteLine(Inline);
            using (writer.Block($"private static {VectorF} ExactSecondMoment({VectorF} v0, {VectorF} g)"))
            {
                writer.WriteLine($"{Vector}.Widen(v0, out {VectorD} vLow, out {VectorD} vHigh);");
                writer.WriteLine($"{Vector}.Widen(g, out {VectorD} gLow, out {VectorD} gHigh);");
                writer.WriteLine($"{VectorD} beta2 = new {VectorD}({beta2D});");
                writer.WriteLine($"{VectorD} oneMinusBeta2 = new {VectorD}({oneMinusBeta2D});");
                writer.WriteLine($"return {Vector}.Narrow(beta2 * vLow + oneMinusBeta2 * gLow * gLow, beta2 * vHigh + oneMinusBeta2 * gHigh * gHigh);");
            }

            writer.WriteLine();
            writer.WriteLine(Inline);
            using (writer.Block("private static void UpdateScalar(ref float parameter, float gradient, ref float expAvg, ref float expAvgSq, float stepSize, float inverseSqrtBiasCorrection2)"))
            {
                writer.WriteLine("float p = parameter;");
                if (decays)
                {
                    writer.WriteLine($"float g = gradient + {weightDecay} * p;");
                }
                else
                {
                    writer.WriteLine("// No decay term. p − p is 0 for a finite p and NaN otherwise: as in the seed, a non-finite");
                    writer.WriteLine("// parameter makes its own moments NaN.");
                    writer.WriteLine("float g = gradient + (p - p);");
                }

                writer.WriteLine($"float m = {beta1} * expAvg + {oneMinusBeta1} * g;");
                writer.WriteLine("// (1 − β₂)·g is formed before g multiplies it again, so v overflows no earlier than it must.");
                writer.WriteLine($"float v = {beta2} * expAvgSq + {oneMinusBeta2} * g * g;");
                using (writer.Block("if (global::Rlx.Optim.KernelMath.IsSubnormal(m) || global::Rlx.Optim.KernelMath.IsSubnormal(v))"))
                {
                    writer.WriteLine("// Below float's normal range two roundings can be far apart relatively: round once, from double.");
                    writer.WriteLine($"m = (float)({beta1D} * expAvg + {oneMinusBeta1D} * (double)g);");
                    writer.WriteLine($"v = (float)({beta2D} * expAvgSq + {oneMinusBeta2D} * (double)g * g);");
                }

                writer.WriteLine("expAvg = m;");
                writer.WriteLine("expAvgSq = v;");
                writer.WriteLine($"parameter = p - stepSize * m / (global::System.MathF.Sqrt(v) * inverseSqrtBiasCorrection2 + {epsilon});");
            }
        }

        writer.WriteLine();
    }
}
