using System.Collections.Generic;
using System.Linq;
using Rlx.Optim.Generators.Emit.Rules;
using Rlx.Optim.Generators.Helpers;
using Rlx.Optim.Generators.Model;
using static Rlx.Optim.Generators.Emit.QualifiedNames;

namespace Rlx.Optim.Generators.Emit;

/// <summary>
/// The seed's name-keyed calling convention: <c>Step(name, ...)</c> for one set, and the whole step by name,
/// <c>StepAll(ReadOnlySpan&lt;NamedParameter&gt;)</c>, which checks every entry, measures the norm over all of them
/// (clipping, the non-finite check) and steps each set with the clipping factor. A declared float set runs its
/// specialized kernel through its scaled body; any other name gets state on first use and the optimizer's own kernel.
/// </summary>
internal static class NameKeyedEmitter
{
    private const string Generated = GeneratedNamespace.Alias;

    public static void Write(SourceWriter writer, OptimizerSpec spec, KernelRule rule, IReadOnlyList<SetNames> names)
    {
        using (writer.Block($"public void Step(string name, {Span} parameter, {ReadOnlySpan} gradient)"))
        {
            OptimizerEmitter.WriteSingleSetCheck(writer);
            EvaluationEmitter.WriteStepCheck(writer, rule);
            writer.WriteLine("__CheckByName(name, parameter, gradient);");
            writer.WriteLine("__StepByName(name, parameter, gradient, 1f);");
        }

        writer.WriteLine();
        writer.WriteSummary(
            "Steps the sets of a whole step by name, then ends the iteration: clipping and the non-finite check over all of "
            + "them. Every argument is checked before anything changes. Returns false, changing nothing, for a skipped step.");
        using (writer.Block($"public bool StepAll(global::System.ReadOnlySpan<{Runtime}.NamedParameter> parameters)"))
        {
            EvaluationEmitter.WriteStepCheck(writer, rule);
            using (writer.Block("for (int i = 0; i < parameters.Length; i++)"))
            {
                writer.WriteLine("__CheckByName(parameters[i].Name, parameters[i].Parameter.Span, parameters[i].Gradient.Span);");
            }


            writer.WriteLine($"{CompilerServices}.StepArguments.UniqueNames(parameters);");
            writer.WriteLine("__states.CheckDisjoint(parameters);");
            writer.WriteWrapped(
                $"bool stepped = {CompilerServices}.GradientClipping.Measure(",
                new[] { "parameters", "__maxGradientNorm", "__skipNonFiniteSteps", "out __gradientNorm", "out float scale" },
                ");");
            using (writer.Block("if (!stepped)"))
            {
                writer.WriteLine("__skippedSteps++;");
                writer.WriteLine("return false;");
            }

            writer.WriteLine();
            using (writer.Block("for (int i = 0; i < parameters.Length; i++)"))
            {
                writer.WriteLine("__StepByName(parameters[i].Name, parameters[i].Parameter.Span, parameters[i].Gradient.Span, scale);");
            }

            writer.WriteLine();
            writer.WriteLine("EndIteration();");
            writer.WriteLine("return true;");
        }

        writer.WriteLine();
        WriteCheckByName(writer, spec, names);
        WriteStepByName(writer, spec, rule);
    }

    /// <summary>A name-keyed call's checks, before anything changes: a declared set's lengths, or an undeclared set's.</summary>
    private static void WriteCheckByName(SourceWriter writer, OptimizerSpec spec, IReadOnlyList<SetNames> names)
    {
        using (writer.Block("private void __CheckByName(", new[] { "string name", $"{ReadOnlySpan} parameter", $"{ReadOnlySpan} gradient" }, ")"))
        {
            if (spec.Sets.Count > 0)
            {
                using (writer.Block("switch (name)"))
                {
                    for (int i = 0; i < spec.Sets.Count; i++)
                    {
                        ParameterSetSpec set = spec.Sets[i];
                        writer.WriteLine($"case {Literal.String(set.Name)}:");
                        writer.Indent();
                        if (set.HasSixteenBitParameter)
                        {
                            // Its parameter is 16-bit: no float span is it.
                            string message = $"Parameter set '{set.Name}' is {set.ParameterElement}: step it with {set.MethodName} or StepAll.";
                            writer.WriteWrapped("throw new global::System.ArgumentException(", new[] { Literal.String(message), "nameof(name)" }, ");");
                        }
                        else
                        {
                            OptimizerEmitter.WriteValidate(writer, set, names[i].LengthConstant, "parameter", "gradient");
                            writer.WriteLine("return;");
                        }

                        writer.Unindent();
                    }
                }

                writer.WriteLine();
            }

            writer.WriteLine("__states.CheckUndeclared(name, parameter, gradient);");
        }

        writer.WriteLine();
    }

    private static void WriteStepByName(SourceWriter writer, OptimizerSpec spec, KernelRule rule)
    {
        using (writer.Block("private void __StepByName(", new[] { "string name", $"{Span} parameter", $"{ReadOnlySpan} gradient", "float gradientScale" }, ")"))
        {
            if (spec.Sets.Any(set => !set.HasSixteenBitParameter))
            {
                using (writer.Block("switch (name)"))
                {
                    foreach (ParameterSetSpec set in spec.Sets.Where(set => !set.HasSixteenBitParameter))
                    {
                        writer.WriteLine($"case {Literal.String(set.Name)}:");
                        writer.Indent();
                        writer.WriteLine($"{OptimizerEmitter.ScaledSetMethod(set)}(parameter, gradient, gradientScale);");
                        writer.WriteLine("return;");
                        writer.Unindent();
                    }
                }

                writer.WriteLine();
            }

            writer.WriteComment("Any other name: state allocated on first use, and the optimizer's own hyperparameters.");
            writer.WriteLine($"{Runtime}.ParameterState state = __states.GetOrAdd(name, parameter, gradient);");
            OptimizerEmitter.WritePlacement(writer, spec, rule, "parameter", "gradient");
            writer.WriteLine($"{rule.QualifiedScalarsType} scalars = {ScalarsCache.Call(KernelTable.DefaultKernelName)};");
            if (rule.MeasuresTrustRatio)
            {
                WriteTrustRatioStep(writer, spec);
            }
            else
            {
                using (writer.Block($"if (parameter.Length >= {Literal.Int(spec.ParallelThreshold)})"))
                {
                    OptimizerEmitter.WriteRun(writer, spec, KernelTable.DefaultKernelName, parallel: true, "parameter", "gradient", "gradientScale");
                }

                using (writer.Block("else"))
                {
                    OptimizerEmitter.WriteRun(writer, spec, KernelTable.DefaultKernelName, parallel: false, "parameter", "gradient", "gradientScale");
                }
            }
        }

        writer.WriteLine();
    }

    /// <summary>
    /// A trust-ratio rule's set created by name steps through a plan of its own, kept per name and made again for a
    /// state the table replaced (a restored checkpoint's).
    /// </summary>
    private static void WriteTrustRatioStep(SourceWriter writer, OptimizerSpec spec)
    {
        writer.WriteLine($"{CompilerServices}.StepPlanSet? plan = __namedSetPlans.Get(name, state);");
        writer.WriteWrapped(
            "plan ??= __namedSetPlans.Add(",
            new[] { "name", $"{Generated}.{KernelTable.DefaultKernelName}.PlanFor<float, float>(state, masterWeights: false)" },
            ");");

        OptimizerEmitter.WriteTrustRatioStep(writer, spec, "parameter", "gradient", "gradientScale");
    }
}
