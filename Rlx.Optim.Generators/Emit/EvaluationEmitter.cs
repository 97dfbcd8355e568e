using System.Linq;
using Rlx.Optim.Generators.Emit.Rules;
using Rlx.Optim.Generators.Helpers;
using Rlx.Optim.Generators.Model;
using static Rlx.Optim.Generators.Emit.QualifiedNames;

namespace Rlx.Optim.Generators.Emit;

/// <summary>
/// Schedule-Free's evaluation parameters on the user's class: x out of place (Optax's
/// <c>schedule_free_eval_params</c>), and swaps of a set, or of a whole step's sets, to x and back (facebookresearch's
/// <c>eval()</c> and <c>train()</c>), through the runtime's <c>ScheduleFreeEvaluation</c>. Float sets, by name.
/// </summary>
internal static class EvaluationEmitter
{
    private const string Field = "__evaluation";

    /// <summary>The statement that refuses a step while a set holds its evaluation parameters.</summary>
    public static void WriteStepCheck(SourceWriter writer, KernelRule rule)
    {
        if (rule.HasEvaluationParameters)
        {
            writer.WriteLine($"{Field}.ThrowIfEvaluating();");
        }
    }

    public static void Write(SourceWriter writer, OptimizerSpec spec, KernelRule rule)
    {
        if (!rule.HasEvaluationParameters)
        {
            return;
        }

        const string Named = "global::System.ReadOnlySpan<" + Runtime + ".NamedParameter>";
        writer.WriteLine($"private readonly {CompilerServices}.ScheduleFreeEvaluation {Field} = new();");
        writer.WriteLine();
        writer.WriteSummary("Whether any set holds its evaluation parameters x (steps are refused until it is swapped back).");
        writer.WriteLine($"public bool IsEvaluating => {Field}.IsEvaluating;");
        writer.WriteLine();
        writer.WriteSummary("Writes the set's evaluation parameters x = (y − (1 − β₁)z)/β₁ into destination, from its parameters y.");
        writer.WriteWrapped("public void EvaluationParameters(", new[] { "string name", $"{ReadOnlySpan} parameter", $"{Span} destination" }, ") =>");
        writer.WriteLine($"    {Field}.Evaluate(name, parameter, destination, __StateOrNull(name), __Beta1Of(name));");
        writer.WriteLine();
        writer.WriteSummary("Swaps the set's parameters from y to its evaluation parameters x, keeping y for SwapToTraining.");
        writer.WriteLine($"public void SwapToEvaluation(string name, {Span} parameter) =>");
        writer.WriteLine($"    {Field}.ToEvaluation(name, parameter, __StateOrNull(name), __Beta1Of(name));");
        writer.WriteLine();
        writer.WriteSummary("Swaps every set of a whole step from y to x; every set is checked before any changes.");
        writer.WriteLine($"public void SwapToEvaluation({Named} parameters) =>");
        writer.WriteLine($"    {Field}.ToEvaluation(parameters, __states, __Beta1Of);");
        writer.WriteLine();
        writer.WriteSummary("Swaps the set's parameters back to the y they held (bit for bit).");
        writer.WriteArrow($"public void SwapToTraining(string name, {Span} parameter)", $"{Field}.ToTraining(name, parameter)");
        writer.WriteLine();
        writer.WriteSummary("Swaps every set of a whole step back to y; every set is checked before any changes.");
        writer.WriteArrow($"public void SwapToTraining({Named} parameters)", $"{Field}.ToTraining(parameters)");
        writer.WriteLine();
        writer.WriteLine($"private {Runtime}.ParameterState? __StateOrNull(string name) =>");
        writer.WriteLine($"    __states.TryGet(name, out {Runtime}.ParameterState? state) ? state : null;");
        writer.WriteLine();

        // β₁ of the set's kernel: a declared set may override it.
        var overrides = spec.Sets.Where(s => s.Kernel.Beta1 != spec.DefaultKernel.Beta1).ToArray();
        if (overrides.Length == 0)
        {
            writer.WriteLine($"private static double __Beta1Of(string name) => {Literal.Double(spec.DefaultKernel.Beta1)};");
        }
        else
        {
            writer.WriteLine("private static double __Beta1Of(string name) => name switch");
            writer.WriteLine("{");
            writer.Indent();
            foreach (ParameterSetSpec set in overrides)
            {
                writer.WriteLine($"{Literal.String(set.Name)} => {Literal.Double(set.Kernel.Beta1)},");
            }

            writer.WriteLine($"_ => {Literal.Double(spec.DefaultKernel.Beta1)},");
            writer.Unindent();
            writer.WriteLine("};");
        }

        writer.WriteLine();
    }
}
