using System.Collections.Generic;
using Rlx.Optim.Generators.Helpers;
using Rlx.Optim.Generators.Model;

namespace Rlx.Optim.Generators.Emit.Rules;

/// <summary>
/// LAMB as Optax's <c>optax.lamb</c>: u = m̂ / (√(v̂ + ε_root) + ε) + λθ, then θ ← θ − lr·r·u with the set's trust
/// ratio r = ‖θ‖/‖u‖ (1 when either norm is 0). The ratio needs the whole set, so the kernel's shapes implement the
/// runtime's trust-ratio interfaces: <c>Direction</c> (u alone, for the measure pass), <c>Moments</c> (the update,
/// with lr·r as its step size) and <c>WithTrustRatio</c>; both phases compute u through the same <c>Update</c>.
/// </summary>
internal sealed class LambRule : KernelRule
{
    private const string Inline = KernelEmitter.Inline;

    public static readonly LambRule Instance = new();

    public override string ScalarsType => "LambScalars";

    public override bool MeasuresTrustRatio => true;

    public override IReadOnlyList<string> BufferNames(KernelSpec optimizer) => new[] { "exp_avg", "exp_avg_sq" };

    public override IReadOnlyList<ScalarField> Fields(KernelSpec optimizer, OptimizerPrecision precision) => new[]
    {
        new ScalarField("StepSize", ScalarRole.Body, "lr as prepared; lr·r in the update, once the set's trust ratio r is measured."),
        new ScalarField("InverseBiasCorrection1", ScalarRole.Body, "1 / (1 − β₁ᵗ): m̂ is m times this."),
        new ScalarField("InverseBiasCorrection2", ScalarRole.Body, "1 / (1 − β₂ᵗ): v̂ is v times this."),
    };

    public override void WritePrepare(SourceWriter writer, KernelSpec kernel, OptimizerPrecision precision)
    {
        writer.WriteLine("double stepSize = lr;");
        BiasCorrection.Write(writer, "biasCorrection1", kernel.Beta1);
        BiasCorrection.Write(writer, "biasCorrection2", kernel.Beta2);
        writer.WriteLine("double inverseBiasCorrection1 = 1.0 / biasCorrection1;");
        writer.WriteLine("double inverseBiasCorrection2 = 1.0 / biasCorrection2;");
    }

    /// <summary>Unused: LAMB's shapes are written whole (<see cref="WriteShape"/>).</summary>
    public override void WriteStep(KernelBody body, KernelSpec kernel)
    {
    }

    public override string Describe(KernelSpec kernel) =>
        $"β₁ = {Text(kernel.Beta1)}, β₂ = {Text(kernel.Beta2)}, ε = {Text(kernel.Epsilon)}" +
        (kernel.EpsilonRoot != 0 ? $", ε_root = {Text(kernel.EpsilonRoot)}" : string.Empty) +
        (kernel.Decays ? $", weight decay λ = {Text(kernel.WeightDecay)} added to the update" : ", no weight decay") +
        (kernel.Maximize ? ", maximizing" : string.Empty);

    /// <summary>One shape's members: <c>Moments</c>, <c>Direction</c>, <c>WithTrustRatio</c> and the shared <c>Update</c>.</summary>
    public void WriteShape(SourceWriter writer, KernelSpec kernel, OptimizerPrecision precision, VectorShape shape, VectorConstants constants)
    {
        var body = new KernelBody(writer, precision, shape, constants);
        string floats = shape.Floats, api = shape.Api, t = body.T;
        string scalars = $"in {ScalarsType} scalars";
        bool isDouble = precision == OptimizerPrecision.Double;

        writer.WriteSummary("One vector's update: its new moments, and θ − lr·r·u.");
        writer.WriteLine(Inline);
        using (writer.Block("public static void Moments(", KernelEmitter.MomentsParameters(this, shape), ")"))
        {
            WriteLocals(writer, kernel, shape, t, withStepSize: true);
            if (isDouble)
            {
                WriteWidened(writer, shape);
                WriteUpdateCall(writer, $"{t} uLow", "Low");
                WriteUpdateCall(writer, $"{t} uHigh", "High");
                writer.WriteLine($"state.S0 = {api}.Narrow(expAvgLow, expAvgHigh);");
                writer.WriteLine($"state.S1 = {api}.Narrow(expAvgSqLow, expAvgSqHigh);");
                writer.WriteLine("// As the other double kernels: the step in double, rounded, then subtracted from the float parameter.");
                writer.WriteLine($"p -= {api}.Narrow(stepSize * uLow, stepSize * uHigh);");
            }
            else
            {
                writer.WriteLine($"{floats} expAvg = state.S0;");
                writer.WriteLine($"{floats} expAvgSq = state.S1;");
                WriteUpdateCall(writer, $"{floats} u", string.Empty);
                writer.WriteLine("state.S0 = expAvg;");
                writer.WriteLine("state.S1 = expAvgSq;");
                writer.WriteLine("p -= stepSize * u;");
            }
        }

        writer.WriteLine();
        writer.WriteSummary("One vector's u, for the set's norms: the update's arithmetic, the stored state left as it is.");
        writer.WriteLine(Inline);
        string[] directionParameters =
        {
            scalars, $"{floats} p", $"{floats} g", $"in {shape.State} state", $"out {shape.Doubles} lower", $"out {shape.Doubles} upper",
        };
        using (writer.Block("public static void Direction(", directionParameters, ")"))
        {
            WriteLocals(writer, kernel, shape, t, withStepSize: false);
            if (isDouble)
            {
                WriteWidened(writer, shape);
                WriteUpdateCall(writer, "lower", "Low");
                WriteUpdateCall(writer, "upper", "High");
            }
            else
            {
                writer.WriteLine($"{floats} expAvg = state.S0;");
                writer.WriteLine($"{floats} expAvgSq = state.S1;");
                WriteUpdateCall(writer, $"{floats} u", string.Empty);
                writer.WriteLine($"lower = {api}.WidenLower(u);");
                writer.WriteLine($"upper = {api}.WidenUpper(u);");
            }
        }

        writer.WriteLine();
        writer.WriteSummary("The update's scalars: the step size lr·r, the bias corrections as prepared.");
        string scalar = isDouble ? string.Empty : "(float)";
        string first = shape == VectorShape.Wide ? ".ToScalar()" : "[0]";
        writer.WriteLine($"public static {ScalarsType} WithTrustRatio({scalars}, double trustRatio) =>");
        writer.Indent();
        writer.WriteWrapped(
            "new(",
            new[]
            {
                $"{scalar}(scalars.StepSize{shape.ClassName}{first} * trustRatio)",
                $"scalars.InverseBiasCorrection1{shape.ClassName}{first}",
                $"scalars.InverseBiasCorrection2{shape.ClassName}{first}",
            },
            ");");
        writer.Unindent();
        writer.WriteLine();

        writer.WriteSummary("u of one vector, and its new moments: m̂ / (√(v̂ + ε_root) + ε) + λθ.");
        writer.WriteLine(Inline);
        string[] updateParameters =
        {
            $"{t} g", $"{t} p", $"ref {t} expAvg", $"ref {t} expAvgSq", $"{t} inverseBiasCorrection1", $"{t} inverseBiasCorrection2",
        };
        using (writer.Block($"private static {t} Update(", updateParameters, ")"))
        {
            WriteMoments(body, kernel);
            // Multiplied by the inverse bias corrections, one division a vector (Optax divides: within an ulp).
            string secondMoment = "expAvgSq * inverseBiasCorrection2";
            if (kernel.EpsilonRoot != 0)
            {
                secondMoment += " + " + body.C("EpsilonRoot", kernel.EpsilonRoot);
            }

            body.Line($"{t} root = {body.Sqrt(secondMoment)};");
            body.Line($"{t} u = expAvg * inverseBiasCorrection1 / (root + {body.C("Epsilon", kernel.Epsilon)});");
            if (kernel.Decays)
            {
                body.Line($"u += {body.C("WeightDecay", kernel.WeightDecay)} * p; // Optax's add_decayed_weights, before the ratio");
            }

            body.Line("return u;");
        }

        writer.WriteLine();
    }

    /// <summary><c>{target} = Update(...)</c> on a float vector, or on one widened half (<paramref name="half"/>: <c>Low</c>, <c>High</c>).</summary>
    private static void WriteUpdateCall(SourceWriter writer, string target, string half) =>
        writer.WriteWrapped(
            $"{target} = Update(",
            new[] { $"g{half}", $"p{half}", $"ref expAvg{half}", $"ref expAvgSq{half}", "inverseBiasCorrection1", "inverseBiasCorrection2" },
            ");");

    /// <summary>The scalars as locals, and the gradient's sign.</summary>
    private static void WriteLocals(SourceWriter writer, KernelSpec kernel, VectorShape shape, string t, bool withStepSize)
    {
        if (withStepSize)
        {
            writer.WriteLine($"{t} stepSize = scalars.StepSize{shape.ClassName};");
        }

        writer.WriteLine($"{t} inverseBiasCorrection1 = scalars.InverseBiasCorrection1{shape.ClassName};");
        writer.WriteLine($"{t} inverseBiasCorrection2 = scalars.InverseBiasCorrection2{shape.ClassName};");
        if (kernel.Maximize)
        {
            writer.WriteLine("g = -g; // maximize");
        }
    }

    /// <summary>The double kernels' inputs: θ, g and both moments, each widened into two halves.</summary>
    private static void WriteWidened(SourceWriter writer, VectorShape shape)
    {
        string doubles = shape.Doubles, api = shape.Api;
        foreach ((string local, string source) in new[] { ("g", "g"), ("p", "p"), ("expAvg", "state.S0"), ("expAvgSq", "state.S1") })
        {
            writer.WriteLine($"{doubles} {local}Low = {api}.WidenLower({source});");
            writer.WriteLine($"{doubles} {local}High = {api}.WidenUpper({source});");
        }
    }
}
