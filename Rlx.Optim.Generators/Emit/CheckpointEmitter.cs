using System.Collections.Generic;
using System.Linq;
using Rlx.Optim.Generators.Emit.Rules;
using Rlx.Optim.Generators.Families;
using Rlx.Optim.Generators.Helpers;
using Rlx.Optim.Generators.Model;
using static Rlx.Optim.Generators.Emit.QualifiedNames;

namespace Rlx.Optim.Generators.Emit;

/// <summary>
/// Writes what checkpoints need from an optimizer: its description (kind, precision, buffers, hyperparameters and
/// declared sets, from which the state table is also built), the public <c>SaveCheckpoint</c> and
/// <c>LoadCheckpoint</c>, and the explicit <c>ICheckpointable</c> members. The format itself lives in the runtime.
/// </summary>
internal static class CheckpointEmitter
{
    private const string Interface = Runtime + ".ICheckpointable";

    /// <summary>The description, as the user's class reaches it (the state table is built from it).</summary>
    public const string Description = GeneratedNamespace.Alias + ".Description.Value";

    /// <summary>
    /// The generated <c>Description</c> class, in the optimizer's generated namespace. Each kernel lists its own folded
    /// settings (<c>Hyperparameters()</c>, <see cref="KernelEmitter"/>), which are every set's of that kernel.
    /// </summary>
    public static void WriteDescription(SourceWriter writer, OptimizerSpec spec, KernelRule rule, KernelTable kernels)
    {
        OptimizerFamily family = OptimizerFamily.For(spec.Kind);
        IReadOnlyList<string> buffers = rule.BufferNames(spec.DefaultKernel);
        writer.WriteSummary($"What {OptimizerEmitter.Xml(spec.TypeName)} was generated with, for its state table and its checkpoints.");
        writer.WriteLine(GeneratedNamespace.GeneratedCode);
        using (writer.Block("internal static class Description"))
        {
            var setParts = new Dictionary<int, string[]>();
            var arguments = new List<string>
            {
                Literal.String(family.CheckpointKind),
                $"OptimizerPrecision.{spec.Precision}",
                buffers.Count == 0 ? "Array.Empty<string>()" : $"new[] {{ {string.Join(", ", buffers.Select(Literal.String))} }}",
                $"{KernelTable.DefaultKernelName}.Hyperparameters()",
            };
            if (spec.RoundsStochastically)
            {
                arguments.Insert(2, $"StatePrecision.{spec.StatePrecision}");
                arguments.Insert(3, $"{spec.RoundingSeed}UL");
            }

            foreach (ParameterSetSpec set in spec.Sets)
            {
                string shape = set.Shape.Count == 0 ? "Array.Empty<int>()" : $"new[] {{ {string.Join(", ", set.Shape.Select(Literal.Int))} }}";
                var parts = new List<string> { Literal.String(set.Name), shape, $"{kernels.NameOf(set.Kernel)}.Hyperparameters()" };
                if (spec.KeepsMasterCopy(set))
                {
                    parts.Add("masterWeights: true");
                }

                arguments.Add($"new ParameterSetDescription({string.Join(", ", parts)})");
                setParts[arguments.Count - 1] = parts.ToArray();
            }

            // A buffer that does not start at 0 (Adagrad's sum at its initial accumulator value) is filled by the state table.
            IReadOnlyList<double>? initialValues = rule.BufferInitialValues(spec.DefaultKernel);
            var initializers = new List<string>();
            if (initialValues is not null && initialValues.Any(v => System.BitConverter.DoubleToInt64Bits(v) != 0))
            {
                // NaN: Schedule-Free's z, not yet started.
                IEnumerable<string> values = initialValues.Select(v => double.IsNaN(v) ? "double.NaN" : Literal.Double(v));
                initializers.Add($"BufferInitialValues = new[] {{ {string.Join(", ", values)} }},");
            }

            // Adafactor's buffers have shapes of their own: row_var and col_var, or variance.
            if (spec.Kind == OptimizerKind.Adafactor)
            {
                initializers.Add("Layout = FactoredStateLayout.Instance,");
            }

            IReadOnlyList<string> scalarState = ScalarStateNames(rule, kernels);
            bool initializes = initializers.Count > 0 || scalarState.Count > 0;
            writer.WriteLine("public static readonly OptimizerDescription Value = new(");
            writer.Indent();
            for (int i = 0; i < arguments.Count; i++)
            {
                string end = i < arguments.Count - 1 ? "," : initializes ? ")" : ");";
                if (setParts.TryGetValue(i, out string[]? parts) && !writer.Fits(arguments[i] + end))
                {
                    writer.WriteWrapped("new ParameterSetDescription(", parts, ")" + end);
                    continue;
                }

                writer.WriteLine(arguments[i] + end);
            }

            writer.Unindent();
            if (initializes)
            {
                writer.WriteLine("{");
                writer.Indent();
                foreach (string initializer in initializers)
                {
                    writer.WriteLine(initializer);
                }

                if (scalarState.Count > 0)
                {
                    writer.WriteWrapped("ScalarStateNames = new[] { ", scalarState.Select(Literal.String).ToArray(), " },");
                }

                writer.Unindent();
                writer.WriteLine("};");
            }
        }

        writer.WriteLine();
    }

    /// <summary>The scalar state checkpoints record: each kernel's largest rate and sum of weights (Schedule-Free).</summary>
    private static IReadOnlyList<string> ScalarStateNames(KernelRule rule, KernelTable kernels) =>
        rule.KeepsAverageWeights
            ? kernels.Kernels.SelectMany(k => new[] { k.Name + ".max_lr", k.Name + ".weight_sum" }).ToArray()
            : System.Array.Empty<string>();

    /// <summary>A kernel's folded settings, under the names checkpoints record them by.</summary>
    public static void WriteHyperparameters(SourceWriter writer, OptimizerFamily family, KernelSpec kernel)
    {
        writer.WriteSummary("The settings folded into this kernel, under the names checkpoints record them by.");
        writer.WriteLine("public static Hyperparameter[] Hyperparameters() => new Hyperparameter[]");
        writer.WriteLine("{");
        writer.Indent();
        foreach (Setting setting in family.Settings)
        {
            writer.WriteLine($"new({Literal.String(setting.Key)}, {Literal.Double(setting.Get(kernel))}),");
        }

        if (kernel.LearningRateScale != 1.0)
        {
            writer.WriteLine($"new(\"lr_scale\", {Literal.Double(kernel.LearningRateScale)}),");
        }

        writer.Unindent();
        writer.WriteLine("};");
        writer.WriteLine();
    }

    public static void WriteMembers(SourceWriter writer, KernelRule rule, KernelTable kernels)
    {
        writer.WriteArrow($"public void SaveCheckpoint({Stream} stream)", $"{Runtime}.OptimizerCheckpoint.Save(this, stream)");
        writer.WriteLine();
        writer.WriteArrow("public void SaveCheckpoint(string path)", $"{Runtime}.OptimizerCheckpoint.Save(this, path)");
        writer.WriteLine();
        writer.WriteArrow($"public void LoadCheckpoint({Stream} stream)", $"{Runtime}.OptimizerCheckpoint.Load(this, stream)");
        writer.WriteLine();
        writer.WriteArrow("public void LoadCheckpoint(string path)", $"{Runtime}.OptimizerCheckpoint.Load(this, path)");
        writer.WriteLine();
        writer.WriteArrow($"{Runtime}.OptimizerDescription {Interface}.Description", Description);
        writer.WriteLine();
        writer.WriteArrow($"global::Rlx.Optim.CompilerServices.ParameterStateTable {Interface}.StateTable", "__states");
        writer.WriteLine();
        writer.WriteArrow($"void {Interface}.RestoreSkippedSteps(long skippedSteps)", "__skippedSteps = skippedSteps");
        writer.WriteLine();
        if (rule.KeepsAverageWeights)
        {
            string[] fields = kernels.Kernels
                .SelectMany(k => { (string maxLr, string weightSum) = KernelEmitter.AverageWeightFields(k.Name); return new[] { maxLr, weightSum }; })
                .ToArray();
            writer.WriteLine($"global::System.Collections.Generic.IReadOnlyList<double> {Interface}.ScalarState =>");
            writer.Indent();
            writer.WriteWrapped("new[] { ", fields, " };");
            writer.Unindent();
            writer.WriteLine();
            using (writer.Block($"void {Interface}.RestoreScalarState(", new[] { "global::System.Collections.Generic.IReadOnlyList<double> values" }, ")"))
            {
                for (int i = 0; i < fields.Length; i++)
                {
                    writer.WriteLine($"{fields[i]} = values[{i}];");
                }
            }

            writer.WriteLine();
        }

        if (!rule.KeepsScheduleProduct)
        {
            writer.WriteArrow($"void {Interface}.RestoreStepCount(long stepCount)", "__stepCount = stepCount");
            writer.WriteLine();
            return;
        }

        using (writer.Block($"void {Interface}.RestoreStepCount(long stepCount)"))
        {
            writer.WriteLine("__stepCount = stepCount;");
            foreach ((_, string kernelName) in kernels.Kernels)
            {
                writer.WriteLine($"{KernelEmitter.ScheduleProductField(kernelName)} = {GeneratedNamespace.Alias}.{kernelName}.MuProduct(stepCount);");
            }
        }

        writer.WriteLine();
    }
}
