using System.Linq;
using Rlx.Optim.Generators.Emit.Rules;
using Rlx.Optim.Generators.Families;
using Rlx.Optim.Generators.Helpers;
using Rlx.Optim.Generators.Model;

namespace Rlx.Optim.Generators.Emit;

/// <summary>
/// Writes an Adafactor kernel: a struct that implements the runtime's <c>IAdafactorRule</c> with its settings as
/// constants, computes the step's scalars (<c>Prepare</c>), and forwards <c>Run</c>, <c>RunParallel</c> and
/// <c>PlanFor</c> to <c>AdafactorKernel&lt;Self&gt;</c>, whose passes the JIT specializes for it. The same members an
/// elementwise kernel has, so the optimizer's class is written the same way for every rule.
/// </summary>
internal static class AdafactorKernelEmitter
{
    public static void Write(SourceWriter writer, OptimizerFamily family, OptimizerSpec spec, KernelSpec kernel, string name)
    {
        KernelRule rule = AdafactorRule.Instance;
        string arithmetic = spec.Precision == OptimizerPrecision.Double ? "double" : "float";
        string driver = $"AdafactorKernel<{name}>";
        writer.WriteSummary($"{family.DisplayName} in {arithmetic} arithmetic: {rule.Describe(kernel)}, folded in as constants.");
        writer.WriteLine(GeneratedNamespace.GeneratedCode);
        using (writer.Block($"internal readonly struct {name} : IAdafactorRule"))
        {
            CheckpointEmitter.WriteHyperparameters(writer, family, kernel);
            writer.WriteLine($"public static double Epsilon1 => {Literal.Double(kernel.Epsilon)};");
            writer.WriteLine($"public static double Epsilon2 => {Literal.Double(kernel.Epsilon2)};");
            writer.WriteLine($"public static double ClippingThreshold => {Literal.Double(kernel.ClippingThreshold)};");
            writer.WriteLine($"public static bool Maximize => {Bool(kernel.Maximize)};");
            writer.WriteLine($"public static bool Decays => {Bool(kernel.Decays)};");
            writer.WriteLine($"public static bool Precise => {Bool(spec.Precision == OptimizerPrecision.Double)};");
            writer.WriteLine();

            writer.WriteSummary("The scalars of step <paramref name=\"t\"/> (from 1) at learning rate <paramref name=\"lr\"/>.");
            using (writer.Block("public static AdafactorScalars Prepare(double lr, long t)"))
            {
                if (kernel.LearningRateScale != 1.0)
                {
                    writer.WriteLine($"lr *= {Literal.Double(kernel.LearningRateScale)}; // the set's LearningRateScale");
                }

                rule.WritePrepare(writer, kernel, spec.Precision);
                writer.WriteLine("return new AdafactorScalars(oneMinusBeta2, relativeStep, decayFactor);");
            }

            writer.WriteLine();
            if (spec.RoundsStochastically)
            {
                WriteSixteenBitRuns(writer, driver, spec.MasterWeights);
            }
            else
            {
                WriteFloatRuns(writer, driver);
            }

            writer.WriteSummary(spec.MasterWeights
                ? "This kernel's part of the optimizer's one-pass StepAll (a 16-bit set through its master copy)."
                : "This kernel's part of the optimizer's one-pass StepAll.");
            writer.WriteLine("public static StepPlanSet PlanFor<TParameter, TGradient>(ParameterState state, bool masterWeights)");
            writer.Indent();
            writer.WriteLine("where TParameter : unmanaged");
            writer.WriteLine("where TGradient : unmanaged =>");
            writer.WriteLine($"{driver}.PlanFor<TParameter, TGradient>(state, masterWeights);");
            writer.Unindent();
        }

        writer.WriteLine();
    }

    /// <summary><c>Run</c> and <c>RunParallel</c> over float sets, in an optimizer that declares only float sets.</summary>
    private static void WriteFloatRuns(SourceWriter writer, string driver)
    {
        string[] run = { "in AdafactorScalars scalars", "Span<float> parameter", "ReadOnlySpan<float> gradient", "ParameterState state", "float gradientScale" };
        writer.WriteSummary("Steps a whole set and its state on the calling thread: its passes, then its update.");
        writer.WriteWrapped("public static void Run(", run, ") =>");
        writer.WriteLine($"    {driver}.Run(in scalars, parameter, gradient, state, gradientScale);");
        writer.WriteLine();

        string[] parallel =
        {
            "in AdafactorScalars scalars", "Span<float> parameter", "ReadOnlySpan<float> gradient", "ParameterState state",
            "int maxDegreeOfParallelism", "float gradientScale",
        };
        writer.WriteSummary("Steps a whole set and its state across up to <paramref name=\"maxDegreeOfParallelism\"/> cores.");
        writer.WriteWrapped("public static void RunParallel(", parallel, ") =>");
        writer.Indent();
        writer.WriteWrapped(
            $"{driver}.RunParallel(", new[] { "in scalars", "parameter", "gradient", "state", "maxDegreeOfParallelism", "gradientScale" }, ");");
        writer.Unindent();
        writer.WriteLine();
    }

    /// <summary>
    /// In an optimizer that rounds stochastically: <c>Run</c> and <c>RunParallel</c> generic over the span types,
    /// with the rounding seed and step every rounding optimizer's set call passes, and with master weights
    /// <c>RunParallelMasterWeights</c> for its 16-bit sets.
    /// </summary>
    private static void WriteSixteenBitRuns(SourceWriter writer, string driver, bool masterWeights)
    {
        string[] parameters =
        {
            "in AdafactorScalars scalars", "Span<TParameter> parameter", "ReadOnlySpan<TGradient> gradient", "ParameterState state",
            "ulong seed", "long step",
        };
        string[] arguments = { "in scalars", "parameter", "gradient", "state", "seed", "step" };
        string[] names = masterWeights ? new[] { "Run", "RunParallel", "RunParallelMasterWeights" } : new[] { "Run", "RunParallel" };
        foreach (string name in names)
        {
            bool parallel = name != "Run";
            writer.WriteSummary(
                name == "RunParallelMasterWeights" ? "Steps a 16-bit set through its float master copy, across cores."
                : parallel ? "Steps a set and its state across up to <paramref name=\"maxDegreeOfParallelism\"/> cores, a 16-bit θ rounded stochastically."
                : "Steps a set and its state on the calling thread, a 16-bit θ rounded stochastically.");
            string[] declared = (parallel ? parameters.Append("int maxDegreeOfParallelism") : parameters).Append("float gradientScale").ToArray();
            writer.WriteWrapped($"public static void {name}<TParameter, TGradient>(", declared, ")");
            writer.Indent();
            writer.WriteLine("where TParameter : unmanaged");
            writer.WriteLine("where TGradient : unmanaged =>");
            string[] passed = (parallel ? arguments.Append("maxDegreeOfParallelism") : arguments).Append("gradientScale").ToArray();
            writer.WriteWrapped($"{driver}.{name}(", passed, ");");
            writer.Unindent();
            writer.WriteLine();
        }
    }

    private static string Bool(bool value) => value ? "true" : "false";
}
