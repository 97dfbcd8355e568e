using System.Collections.Generic;
using System.Linq;
using Rlx.Optim.Generators.Emit.Rules;
using Rlx.Optim.Generators.Helpers;
using Rlx.Optim.Generators.Model;
using static Rlx.Optim.Generators.Emit.QualifiedNames;

namespace Rlx.Optim.Generators.Emit;

/// <summary>
/// <c>StepAll</c>: every declared set in one pass of the runtime's <c>StepPlan</c> (one hand-off to the cores per
/// pass, each set through its own kernel), with clipping and the non-finite check, which need the whole step. The plan
/// pins the caller's spans through a nested <c>ref struct</c> that holds them (<c>IStepSpans</c>).
/// </summary>
internal static class StepAllEmitter
{
    private const string Generated = GeneratedNamespace.Alias;
    private const string Spans = "__StepSpans";

    public static void Write(SourceWriter writer, OptimizerSpec spec, KernelRule rule, IReadOnlyList<SetNames> names)
    {
        if (spec.Sets.Count == 0)
        {
            return;
        }

        WriteStepAll(writer, spec, rule, names);
        WritePrepareAndComplete(writer, spec, rule, names);
        WriteCreatePlan(writer, spec, rule, names);
        WriteSpans(writer, spec, names);
    }

    /// <summary>Each set's θ and g parameters, a pair per set.</summary>
    private static string[][] Parameters(OptimizerSpec spec, IReadOnlyList<SetNames> names) =>
        names.Select((n, i) => new[]
        {
            $"{OptimizerEmitter.SpanOf(spec.Sets[i].ParameterElement)} {n.ParameterArgument}",
            $"{OptimizerEmitter.ReadOnlySpanOf(spec.Sets[i].GradientElement)} {n.GradientArgument}",
        }).ToArray();

    private static string[] Arguments(IReadOnlyList<SetNames> names) =>
        names.SelectMany(n => new[] { n.ParameterArgument, n.GradientArgument }).ToArray();

    private static void WriteStepAll(SourceWriter writer, OptimizerSpec spec, KernelRule rule, IReadOnlyList<SetNames> names)
    {
        writer.WriteSummary(
            "Steps every declared set in one pass and ends the iteration. Every argument is checked before anything changes. "
            + "Returns false, changing nothing, when SkipNonFiniteSteps is on and a gradient element is NaN or infinite.");
        using (writer.Block("public bool StepAll(", Parameters(spec, names), ")"))
        {
            EvaluationEmitter.WriteStepCheck(writer, rule);
            for (int i = 0; i < spec.Sets.Count; i++)
            {
                OptimizerEmitter.WriteValidate(writer, spec.Sets[i], names[i].LengthConstant, names[i].ParameterArgument, names[i].GradientArgument);
            }

            for (int i = 0; i < spec.Sets.Count; i++)
            {
                if (spec.Sets[i].Length >= OptimizerEmitter.MovableStateLength && rule.BufferNames(spec.DefaultKernel).Count > 0)
                {
                    writer.WriteLine($"__states[{names[i].Index}].PlaceBeside({names[i].ParameterArgument}, {names[i].GradientArgument});");
                }
            }

            writer.WriteLine($"{CompilerServices}.StepPlan plan = __PrepareStep();");
            writer.WriteWrapped($"var spans = new {Spans}(", Arguments(names), ");");
            writer.WriteWrapped(
                "bool stepped = plan.Run(",
                new[]
                {
                    "ref spans", "__maxGradientNorm", "__skipNonFiniteSteps", "__states.RoundingSeed", "__stepCount + 1",
                    "__maxDegreeOfParallelism", Literal.Int(spec.ParallelThreshold),
                },
                ");");
            writer.WriteLine("__CompleteStep(stepped, plan.GradientNorm);");
            writer.WriteLine("return stepped;");
        }

        writer.WriteLine();
    }

    /// <summary>
    /// The plan with every set's scalars prepared, and the end of a step taken through it: what <c>StepAll</c> does
    /// around its pass, also serving a step taken outside it (<c>IPlannedOptimizer</c>, a shard's).
    /// </summary>
    private static void WritePrepareAndComplete(SourceWriter writer, OptimizerSpec spec, KernelRule rule, IReadOnlyList<SetNames> names)
    {
        writer.WriteSummary("The plan (built on first use), every set's scalars prepared for the coming step.");
        using (writer.Block($"private {CompilerServices}.StepPlan __PrepareStep()"))
        {
            writer.WriteLine("__plan ??= __CreatePlan();");
            for (int i = 0; i < spec.Sets.Count; i++)
            {
                writer.WriteLine($"__plan.Prepare({names[i].Index}, {ScalarsCache.Call(names[i].Kernel)});");
            }

            writer.WriteLine("return __plan;");
        }

        writer.WriteLine();
        writer.WriteSummary("Records the step's norm, then counts a skipped step or ends the iteration.");
        using (writer.Block("private void __CompleteStep(bool stepped, float gradientNorm)"))
        {
            writer.WriteLine("__gradientNorm = gradientNorm;");
            using (writer.Block("if (!stepped)"))
            {
                writer.WriteLine("__skippedSteps++;");
                writer.WriteLine("return;");
            }

            writer.WriteLine();
            writer.WriteLine("EndIteration();");
        }

        writer.WriteLine();
        if (rule.HasEvaluationParameters)
        {
            // A step taken outside StepAll (a shard's) is refused, like every step, while a set holds x.
            using (writer.Block($"{CompilerServices}.StepPlan {CompilerServices}.IPlannedOptimizer.Prepare()"))
            {
                EvaluationEmitter.WriteStepCheck(writer, rule);
                writer.WriteLine("return __PrepareStep();");
            }
        }
        else
        {
            writer.WriteArrow($"{CompilerServices}.StepPlan {CompilerServices}.IPlannedOptimizer.Prepare()", "__PrepareStep()");
        }

        writer.WriteLine();
        writer.WriteLine($"void {CompilerServices}.IPlannedOptimizer.CompleteStep(bool stepped, float gradientNorm) =>");
        writer.Indent();
        writer.WriteLine("__CompleteStep(stepped, gradientNorm);");
        writer.Unindent();
        writer.WriteLine();
        writer.WriteLine($"int {CompilerServices}.IPlannedOptimizer.ParallelThreshold => {Literal.Int(spec.ParallelThreshold)};");
        writer.WriteLine();
    }

    /// <summary>The method a trust-ratio optimizer's one-set calls and its plan take their sets' parts from.</summary>
    internal const string CreateSets = "__CreateSetPlans";

    /// <summary>
    /// The plan, built on the first <c>StepAll</c>: each set's kernel over its element types. A trust-ratio rule's
    /// one-set calls step each set through its part of a plan too, so those parts are made once and shared.
    /// </summary>
    private static void WriteCreatePlan(SourceWriter writer, OptimizerSpec spec, KernelRule rule, IReadOnlyList<SetNames> names)
    {
        if (rule.MeasuresTrustRatio)
        {
            writer.WriteLine($"private {CompilerServices}.StepPlan __CreatePlan() => new(__setPlans ??= {CreateSets}());");
            writer.WriteLine();
        }

        string head = rule.MeasuresTrustRatio
            ? $"private {CompilerServices}.StepPlanSet[] {CreateSets}()"
            : $"private {CompilerServices}.StepPlan __CreatePlan()";
        using (writer.Block(head))
        {
            writer.WriteLine($"var sets = new {CompilerServices}.StepPlanSet[{spec.Sets.Count}];");
            for (int i = 0; i < spec.Sets.Count; i++)
            {
                ParameterSetSpec set = spec.Sets[i];
                writer.WriteWrapped(
                    $"sets[{i}] = {Generated}.{names[i].Kernel}.PlanFor<{set.ParameterElement.TypeName()}, {set.GradientElement.TypeName()}>(",
                    new[] { $"__states[{names[i].Index}]", spec.KeepsMasterCopy(set) ? "masterWeights: true" : "masterWeights: false" },
                    ");");
            }

            writer.WriteLine(rule.MeasuresTrustRatio ? "return sets;" : "return new(sets);");
        }

        writer.WriteLine();
    }

    /// <summary>The spans of one <c>StepAll</c>, which the plan pins set by set.</summary>
    private static void WriteSpans(SourceWriter writer, OptimizerSpec spec, IReadOnlyList<SetNames> names)
    {
        using (writer.Block($"private readonly ref struct {Spans} : {CompilerServices}.IStepSpans"))
        {
            for (int i = 0; i < spec.Sets.Count; i++)
            {
                writer.WriteLine($"private readonly {OptimizerEmitter.SpanOf(spec.Sets[i].ParameterElement)} _parameter{i};");
                writer.WriteLine($"private readonly {OptimizerEmitter.ReadOnlySpanOf(spec.Sets[i].GradientElement)} _gradient{i};");
            }

            writer.WriteLine();
            using (writer.Block($"public {Spans}(", Parameters(spec, names), ")"))
            {
                for (int i = 0; i < spec.Sets.Count; i++)
                {
                    writer.WriteLine($"_parameter{i} = {names[i].ParameterArgument};");
                    writer.WriteLine($"_gradient{i} = {names[i].GradientArgument};");
                }
            }

            writer.WriteLine();
            WriteSwitch(writer, spec, "Parameter", "_parameter");
            writer.WriteLine();
            WriteSwitch(writer, spec, "Gradient", "_gradient");
            writer.WriteLine();
            // UIntPtr, not nuint: a type of the user's named nuint would take the keyword's place.
            using (writer.Block("public void Addresses(global::System.Span<global::System.UIntPtr> addresses)"))
            {
                for (int i = 0; i < spec.Sets.Count; i++)
                {
                    writer.WriteLine($"addresses[{2 * i}] = {CompilerServices}.StepPlan.Address(_parameter{i});");
                    writer.WriteLine($"addresses[{2 * i + 1}] = {CompilerServices}.StepPlan.Address(_gradient{i});");
                }
            }
        }

        writer.WriteLine();
    }

    private static void WriteSwitch(SourceWriter writer, OptimizerSpec spec, string method, string field)
    {
        using (writer.Block($"public ref byte {method}(int set)"))
        {
            using (writer.Block("switch (set)"))
            {
                for (int i = 0; i < spec.Sets.Count; i++)
                {
                    writer.WriteLine($"case {i}: return ref {CompilerServices}.StepPlan.First({field}{i});");
                }

                writer.WriteLine("default: throw new global::System.ArgumentOutOfRangeException(nameof(set));");
            }
        }
    }
}
