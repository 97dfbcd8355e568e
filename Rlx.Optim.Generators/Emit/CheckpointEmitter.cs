using System.Collections.Generic;
using System.Linq;
using Rlx.Optim.Generators.Emit.Rules;
using Rlx.Optim.Generators.Families;
using Rlx.Optim.Generators.Helpers;
using Rlx.Optim.Generators.Model;

namespace Rlx.Optim.Generators.Emit;

/// <summary>
/// Writes what checkpoints need from an optimizer: its description (kind, precision, buffers, hyperparameters and
/// declared sets, from which the state table is also built), the public <c>SaveCheckpoint</c> and
/// <c>LoadCheckpoint</c>, and the explicit <c>ICheckpointable</c> members. The format itself lives in the runtime.
/// </summary>
internal static class CheckpointEmitter
{
    private const string Runtime = "global::Rlx.Optim";
    private const string Stream = "global::System.IO.Stream";
    private const string Interface = Runtime + ".ICheckpointable";

    /// <summary>The field holding the description, which the state table is built from.</summary>
    public const string DescriptionField = "__description";

    public static void WriteDescription(SourceWriter writer, OptimizerSpec spec, KernelRule rule)
    {
        OptimizerFamily family = OptimizerFamily.For(spec.Kind);
        IReadOnlyList<string> buffers = rule.BufferNames(spec.DefaultKernel);
        writer.WriteLine($"private static readonly {Runtime}.OptimizerDescription {DescriptionField} = new {Runtime}.OptimizerDescription(");
        writer.Indent();
        writer.WriteLine($"{Literal.String(family.CheckpointKind)},");
        writer.WriteLine($"{Runtime}.OptimizerPrecision.{spec.Precision},");
        writer.WriteLine(buffers.Count == 0 ? "global::System.Array.Empty<string>()," : $"new string[] {{ {string.Join(", ", buffers.Select(Literal.String))} }},");
        writer.WriteLine($"{Hyperparameters(family, spec.DefaultKernel)}{(spec.Sets.Count > 0 ? "," : ");")}");
        for (int i = 0; i < spec.Sets.Count; i++)
        {
            ParameterSetSpec set = spec.Sets[i];
            string end = i == spec.Sets.Count - 1 ? ");" : ",";
            string shape = set.Shape.Count == 0 ? "global::System.Array.Empty<int>()" : $"new int[] {{ {string.Join(", ", set.Shape.Select(Literal.Int))} }}";
            writer.WriteLine($"new {Runtime}.ParameterSetDescription({Literal.String(set.Name)}, {shape}, {Hyperparameters(family, set.Kernel)}){end}");
        }

        writer.Unindent();
    }

    public static void WriteMembers(SourceWriter writer, KernelRule rule, KernelTable kernels)
    {
        writer.WriteLine($"public void SaveCheckpoint({Stream} stream) => {Runtime}.OptimizerCheckpoint.Save(this, stream);");
        writer.WriteLine();
        writer.WriteLine($"public void SaveCheckpoint(string path) => {Runtime}.OptimizerCheckpoint.Save(this, path);");
        writer.WriteLine();
        writer.WriteLine($"public void LoadCheckpoint({Stream} stream) => {Runtime}.OptimizerCheckpoint.Load(this, stream);");
        writer.WriteLine();
        writer.WriteLine($"public void LoadCheckpoint(string path) => {Runtime}.OptimizerCheckpoint.Load(this, path);");
        writer.WriteLine();
        writer.WriteLine($"{Runtime}.OptimizerDescription {Interface}.Description => {DescriptionField};");
        writer.WriteLine();
        writer.WriteLine($"global::Rlx.Optim.CompilerServices.ParameterStateTable {Interface}.StateTable => __states;");
        writer.WriteLine();
        if (!rule.KeepsScheduleProduct)
        {
            writer.WriteLine($"void {Interface}.RestoreStepCount(long stepCount) => __stepCount = stepCount;");
            writer.WriteLine();
            return;
        }

        using (writer.Block($"void {Interface}.RestoreStepCount(long stepCount)"))
        {
            writer.WriteLine("__stepCount = stepCount;");
            foreach ((_, string kernelName) in kernels.Kernels)
            {
                writer.WriteLine($"{KernelEmitter.ScheduleProductField(kernelName)} = {kernelName}.MuProduct(stepCount);");
            }
        }

        writer.WriteLine();
    }

    /// <summary>The folded settings of a kernel, under the names checkpoints record them by.</summary>
    private static string Hyperparameters(OptimizerFamily family, KernelSpec kernel) =>
        $"new {Runtime}.Hyperparameter[] {{ " +
        string.Join(", ", family.Settings.Select(s => $"new({Literal.String(s.Key)}, {Literal.Double(s.Get(kernel))})")) +
        " }";
}
