using System.Collections.Generic;
using System.Linq;
using Rlx.Optim.Generators.Emit.Rules;
using Rlx.Optim.Generators.Families;
using Rlx.Optim.Generators.Helpers;
using Rlx.Optim.Generators.Model;

namespace Rlx.Optim.Generators.Emit;

/// <summary>
/// Writes what every algorithm shares, in the optimizer's <see cref="GeneratedNamespace"/>: the per-step scalars
/// struct, and for each kernel the struct that lists its settings, computes its scalars (<c>Prepare</c>) and runs
/// the update over whole vectors, unrolled. A rule supplies only the element update.
/// </summary>
/// <remarks>
/// Per element: load θ and g; negate g to maximize; add λ·θ (L2) or scale θ by 1 − lr·λ (decoupled), in float;
/// load the state; run the rule's update (on vectors of floats, or on each widened half in double); store the
/// state and θ − delta. The runtime gives a kernel whole vectors only and runs the last partial vector through
/// padded copies, so there is no scalar tail to keep in step with the vector code. The loop, the vector update and
/// the rule's step are written once per <see cref="VectorShape"/>, each shape in a nested class with its named
/// constants (<see cref="VectorConstants"/>); <c>Update</c> picks one, a choice the JIT folds. A rule with a rare
/// exact path (float Adam) gets <see cref="GroupedUpdate"/>'s parts instead of <c>UpdateVector</c> and <c>Step</c>,
/// so its main loop tests a group of four vectors with one branch.
/// </remarks>
internal static class KernelEmitter
{
    /// <summary>Vectors per iteration of the main loop (<c>KernelMath.AnySubnormal</c> tests a group of this many).</summary>
    internal const int Unroll = 4;

    public const string NoInline = "[MethodImpl(MethodImplOptions.NoInlining)]";

    public const string Inline = "[MethodImpl(MethodImplOptions.AggressiveInlining)]";

    private static readonly VectorShape[] Shapes = { VectorShape.Wide, VectorShape.Preferred };

    private static readonly string[] UpdateArguments =
        { "in scalars", "ref parameter", "ref gradient", "ref state0", "ref state1", "ref state2", "start", "end" };

    /// <summary>The struct holding one call's per-step scalars.</summary>
    public static void WriteScalars(SourceWriter writer, KernelRule rule, KernelSpec optimizer, OptimizerPrecision precision)
    {
        IReadOnlyList<ScalarField> fields = rule.Fields(optimizer, precision);
        writer.WriteSummary("One step's scalars, computed once per step in double and stored at the kernels' precision.");
        writer.WriteLine(GeneratedNamespace.GeneratedCode);
        using (writer.Block($"internal readonly struct {rule.ScalarsType}"))
        {
            foreach (ScalarField field in fields)
            {
                writer.WriteSummary(field.Documentation);
                writer.WriteLine($"public readonly {ScalarType(field, precision)} {field.Name};");
                writer.WriteLine();
            }

            string[] parameters = fields.Select(f => $"{ScalarType(f, precision)} {SetNames.Escape(f.Local)}").ToArray();
            using (writer.Block($"public {rule.ScalarsType}(", parameters, ")"))
            {
                foreach (ScalarField field in fields)
                {
                    writer.WriteLine($"{field.Name} = {SetNames.Escape(field.Local)};");
                }
            }
        }

        writer.WriteLine();
    }

    /// <summary>The optimizer's field holding a kernel's running product of NAdam's μ.</summary>
    public static string ScheduleProductField(string kernelName) => KernelField(kernelName, "MuProduct");

    /// <summary>An optimizer field that belongs to one kernel: <c>DefaultKernel</c>, <c>MuProduct</c> → <c>__defaultKernelMuProduct</c>.</summary>
    public static string KernelField(string kernelName, string suffix) => $"__{char.ToLowerInvariant(kernelName[0])}{kernelName.Substring(1)}{suffix}";

    /// <summary>The state buffers as a kernel method's parameters (<c>ref float state0</c>, …).</summary>
    public static IEnumerable<string> StateParameters(int buffers) => Enumerable.Range(0, buffers).Select(b => $"ref float state{b}");

    /// <summary>The state buffers as arguments to such a method (<c>ref state0</c>, …).</summary>
    public static IEnumerable<string> StateArguments(int buffers) => Enumerable.Range(0, buffers).Select(b => $"ref state{b}");

    public static void WriteKernel(
        SourceWriter writer, KernelRule rule, OptimizerFamily family, KernelSpec optimizer, KernelSpec kernel, OptimizerPrecision precision, string name)
    {
        IReadOnlyList<ScalarField> fields = rule.Fields(optimizer, precision);
        IReadOnlyList<string> buffers = rule.BufferNames(optimizer);
        string arithmetic = precision == OptimizerPrecision.Double ? "double (seed-exact)" : "float";
        writer.WriteSummary($"{family.DisplayName} in {arithmetic} arithmetic: {rule.Describe(kernel)}, folded in as constants.");
        writer.WriteLine(GeneratedNamespace.GeneratedCode);
        using (writer.Block($"internal readonly struct {name} : IUpdateKernel<{rule.ScalarsType}>"))
        {
            CheckpointEmitter.WriteHyperparameters(writer, family, kernel);
            WritePrepare(writer, rule, kernel, precision, fields);
            rule.WriteHelpers(writer, kernel, precision);
            WriteRuns(writer, rule, name, buffers.Count);
            WriteDispatch(writer, rule);
            foreach (VectorShape shape in Shapes)
            {
                WriteShape(writer, rule, kernel, precision, shape, fields, buffers);
            }
        }

        writer.WriteLine();
    }

    private static void WritePrepare(SourceWriter writer, KernelRule rule, KernelSpec kernel, OptimizerPrecision precision, IReadOnlyList<ScalarField> fields)
    {
        string extra = rule.KeepsScheduleProduct ? ", double muProduct" : string.Empty;
        writer.WriteSummary("The scalars of step <paramref name=\"t\"/> (from 1) at learning rate <paramref name=\"lr\"/>.");
        using (writer.Block($"public static {rule.ScalarsType} Prepare(double lr, long t{extra})"))
        {
            rule.WritePrepare(writer, kernel, precision);

            string[] arguments = fields.Select(f => f.Role == ScalarRole.Flag || ScalarType(f, precision) == "double" ? f.Local : $"(float){f.Local}").ToArray();
            writer.WriteWrapped($"return new {rule.ScalarsType}(", arguments, ");");
        }

        writer.WriteLine();
    }

    /// <summary><c>Run</c> and <c>RunParallel</c>: the kernel over a whole set and its state, as the optimizer calls it.</summary>
    private static void WriteRuns(SourceWriter writer, KernelRule rule, string name, int buffers)
    {
        string[] states = Enumerable.Range(0, 3).Select(b => b < buffers ? $"state.Buffer({b})" : "default").ToArray();
        string[] parameters = { $"in {rule.ScalarsType} scalars", "Span<float> parameter", "ReadOnlySpan<float> gradient", "ParameterState state" };
        string[] arguments = new[] { "in scalars", "parameter", "gradient" }.Concat(states).ToArray();

        writer.WriteSummary("Updates a whole set and its state on the calling thread.");
        writer.WriteLine(Inline);
        writer.WriteWrapped("public static void Run(", parameters, ") =>");
        writer.Indent();
        writer.WriteWrapped($"UpdateKernels.Run<{name}, {rule.ScalarsType}>(", arguments, ");");
        writer.Unindent();
        writer.WriteLine();

        writer.WriteSummary("Updates a whole set and its state across up to <paramref name=\"maxDegreeOfParallelism\"/> cores.");
        writer.WriteLine(Inline);
        writer.WriteWrapped("public static void RunParallel(", parameters.Append("int maxDegreeOfParallelism").ToArray(), ") =>");
        writer.Indent();
        writer.WriteWrapped($"UpdateKernels.RunParallel<{name}, {rule.ScalarsType}>(", arguments.Append("maxDegreeOfParallelism").ToArray(), ");");
        writer.Unindent();
        writer.WriteLine();
    }

    /// <summary><c>Update</c>: the 512-bit loop where those vectors are accelerated, the preferred width elsewhere.</summary>
    private static void WriteDispatch(SourceWriter writer, KernelRule rule)
    {
        writer.WriteLine(Inline);
        using (writer.Block("public static void Update(", UpdateParameters(rule), ")"))
        {
            // Both calls laid out alike: wrapped if either is too long.
            string[] heads = Shapes.Select(shape => $"{shape.ClassName}.Update(").ToArray();
            writer.Indent();
            bool wrap = heads.Any(head => !writer.Fits(head + string.Join(", ", UpdateArguments) + ");"));
            writer.Unindent();
            using (writer.Block("if (KernelWidth.Uses512Bits)"))
            {
                writer.WriteWrapped(heads[0], UpdateArguments, ");", wrap);
            }

            using (writer.Block("else"))
            {
                writer.WriteWrapped(heads[1], UpdateArguments, ");", wrap);
            }
        }

        writer.WriteLine();
    }

    private static string[] UpdateParameters(KernelRule rule) => new[]
    {
        $"in {rule.ScalarsType} scalars", "ref float parameter", "ref float gradient", "ref float state0", "ref float state1", "ref float state2",
        "nuint start", "nuint end",
    };

    /// <summary>
    /// One shape's nested class: its code is written first, into a writer of its own, so that the constants it
    /// named can be declared at the top of the class.
    /// </summary>
    private static void WriteShape(
        SourceWriter writer, KernelRule rule, KernelSpec kernel, OptimizerPrecision precision, VectorShape shape, IReadOnlyList<ScalarField> fields, IReadOnlyList<string> buffers)
    {
        var constants = new VectorConstants(shape);
        var code = new SourceWriter(writer.IndentLevel + 1);
        WriteLoop(code, rule, precision, shape, fields, buffers);
        if (rule.HasRareExactPath(precision))
        {
            GroupedUpdate.Write(code, rule, kernel, precision, shape, constants, fields, buffers);
        }
        else
        {
            WriteUpdateVector(code, rule, kernel, precision, shape, constants, fields, buffers);
            WriteStep(code, rule, kernel, precision, shape, constants, fields, buffers);
        }

        rule.WriteVectorHelpers(code, kernel, precision, shape);

        writer.WriteSummary(shape.Summary);
        using (writer.Block($"private static class {shape.ClassName}"))
        {
            constants.Write(writer);
            writer.WriteRaw(code.ToString());
        }

        writer.WriteLine();
    }

    private static void WriteLoop(
        SourceWriter writer, KernelRule rule, OptimizerPrecision precision, VectorShape shape, IReadOnlyList<ScalarField> fields, IReadOnlyList<string> buffers)
    {
        writer.WriteComment("Never inlined: the loop is a whole set's work, and inlined into a caller it would share that caller's inlining budget.");
        writer.WriteLine(NoInline);
        using (writer.Block("public static void Update(", UpdateParameters(rule), ")"))
        {
            foreach (ScalarField field in fields)
            {
                writer.WriteLine(field.Role == ScalarRole.Flag
                    ? $"bool {field.Local} = scalars.{field.Name};"
                    : $"{LocalType(field, precision, shape)} {field.Local} = {shape.Broadcast($"scalars.{field.Name}")};");
            }

            writer.WriteLine($"nuint width = (nuint){shape.Floats}.Count;");
            writer.WriteLine("nuint i = start;");
            using (writer.Block($"for (; end - i >= {Unroll} * width; i += {Unroll} * width)"))
            {
                if (rule.HasRareExactPath(precision))
                {
                    GroupedUpdate.WriteGroupCall(writer, buffers, fields);
                }
                else
                {
                    writer.Indent();
                    bool split = !writer.Fits(UpdateVectorCall(buffers, fields, Offset(Unroll - 1)));
                    writer.Unindent();
                    for (int k = 0; k < Unroll; k++)
                    {
                        WriteUpdateVectorCall(writer, buffers, fields, Offset(k), split);
                    }
                }
            }

            writer.WriteLine();
            using (writer.Block("for (; i < end; i += width)"))
            {
                WriteUpdateVectorCall(writer, buffers, fields, "i", split: false);
            }
        }

        writer.WriteLine();
    }

    /// <summary>The loop's call for the vector at <paramref name="offset"/>: its streams and index, then the scalars.</summary>
    private static void WriteUpdateVectorCall(
        SourceWriter writer, IReadOnlyList<string> buffers, IReadOnlyList<ScalarField> fields, string offset, bool split) =>
        writer.WriteGroups("UpdateVector(", UpdateVectorArguments(buffers, fields, offset), ");", split);

    private static string UpdateVectorCall(IReadOnlyList<string> buffers, IReadOnlyList<ScalarField> fields, string offset) =>
        "UpdateVector(" + string.Join(", ", UpdateVectorArguments(buffers, fields, offset).SelectMany(g => g)) + ");";

    private static string[][] UpdateVectorArguments(IReadOnlyList<string> buffers, IReadOnlyList<ScalarField> fields, string offset) => new[]
    {
        new[] { "ref parameter", "ref gradient" }.Concat(StateArguments(buffers.Count)).Append(offset).ToArray(),
        fields.Select(f => f.Local).ToArray(),
    };

    private static void WriteUpdateVector(
        SourceWriter writer,
        KernelRule rule,
        KernelSpec kernel,
        OptimizerPrecision precision,
        VectorShape shape,
        VectorConstants constants,
        IReadOnlyList<ScalarField> fields,
        IReadOnlyList<string> buffers)
    {
        bool isDouble = precision == OptimizerPrecision.Double;
        string[] parameters = new[] { "ref float parameter", "ref float gradient" }
            .Concat(StateParameters(buffers.Count))
            .Append("nuint i")
            .Concat(fields.Select(f => $"{LocalType(f, precision, shape)} {f.Local}"))
            .ToArray();
        writer.WriteLine(Inline);
        using (writer.Block("private static void UpdateVector(", parameters, ")"))
        {
            writer.WriteLine($"{shape.Floats} p = {shape.Api}.LoadUnsafe(ref parameter, i);");
            writer.WriteLine($"{shape.Floats} g = {shape.Api}.LoadUnsafe(ref gradient, i);");
            WritePrologue(writer, rule, kernel, isDouble, constants);

            string[] locals = buffers.Select(Camel).ToArray();
            string[] stepFields = fields.Where(f => f.Role != ScalarRole.Prologue).Select(f => f.Local).ToArray();
            if (isDouble)
            {
                WriteWidenedUpdate(writer, shape, locals, stepFields);
            }
            else
            {
                WriteFloatUpdate(writer, shape, locals, stepFields);
            }
        }

        writer.WriteLine();
    }

    /// <summary>The float kernel's middle: the update on the loaded vectors.</summary>
    private static void WriteFloatUpdate(SourceWriter writer, VectorShape shape, string[] locals, string[] stepFields)
    {
        for (int b = 0; b < locals.Length; b++)
        {
            writer.WriteLine($"{shape.Floats} {locals[b]} = {shape.Api}.LoadUnsafe(ref state{b}, i);");
        }

        writer.WriteWrapped($"{shape.Floats} delta = Step(", new[] { "g" }.Concat(locals.Select(l => "ref " + l)).Concat(stepFields).ToArray(), ");");
        for (int b = 0; b < locals.Length; b++)
        {
            writer.WriteLine($"{shape.Api}.StoreUnsafe({locals[b]}, ref state{b}, i);");
        }

        writer.WriteLine($"{shape.Api}.StoreUnsafe(p - delta, ref parameter, i);");
    }

    /// <summary>The double kernel's middle: widen, run the update on each half, narrow.</summary>
    private static void WriteWidenedUpdate(SourceWriter writer, VectorShape shape, string[] locals, string[] stepFields)
    {
        string api = shape.Api;
        writer.WriteLine($"{shape.Doubles} gLow = {api}.WidenLower(g);");
        writer.WriteLine($"{shape.Doubles} gHigh = {api}.WidenUpper(g);");
        for (int b = 0; b < locals.Length; b++)
        {
            writer.WriteLine($"{shape.Floats} {locals[b]} = {api}.LoadUnsafe(ref state{b}, i);");
            writer.WriteLine($"{shape.Doubles} {locals[b]}Low = {api}.WidenLower({locals[b]});");
            writer.WriteLine($"{shape.Doubles} {locals[b]}High = {api}.WidenUpper({locals[b]});");
        }

        writer.WriteWrapped($"{shape.Doubles} deltaLow = Step(", new[] { "gLow" }.Concat(locals.Select(l => $"ref {l}Low")).Concat(stepFields).ToArray(), ");");
        writer.WriteWrapped($"{shape.Doubles} deltaHigh = Step(", new[] { "gHigh" }.Concat(locals.Select(l => $"ref {l}High")).Concat(stepFields).ToArray(), ");");
        for (int b = 0; b < locals.Length; b++)
        {
            writer.WriteLine($"{api}.StoreUnsafe({api}.Narrow({locals[b]}Low, {locals[b]}High), ref state{b}, i);");
        }

        writer.WriteLine("// As the seed: the step in double, rounded, then subtracted from the float parameter.");
        writer.WriteLine($"{api}.StoreUnsafe(p - {api}.Narrow(deltaLow, deltaHigh), ref parameter, i);");
    }

    /// <summary>The gradient's sign and the weight decay, in float before the update (as the seed and PyTorch do).</summary>
    internal static void WritePrologue(SourceWriter writer, KernelRule rule, KernelSpec kernel, bool isDouble, VectorConstants constants)
    {
        if (kernel.Maximize)
        {
            writer.WriteLine("g = -g; // maximize");
        }

        if (kernel.DecaysGradient || (rule.AddsZeroDecayTerm && isDouble))
        {
            string decay = constants.Float("WeightDecay", kernel.WeightDecay);
            writer.WriteLine(kernel.Decays
                ? $"g += {decay} * p; // L2 weight decay"
                : $"g += {decay} * p; // as the seed: λ·θ even for λ = 0, so a non-finite θ makes its own moments NaN");
        }
        else if (rule.AddsZeroDecayTerm && !kernel.DecoupledWeightDecay)
        {
            writer.WriteComment("No decay term; but p − p is 0 for a finite θ and NaN otherwise: as in the seed, a non-finite θ makes its own moments NaN.");
            writer.WriteLine("g += p - p;");
        }

        if (kernel.DecaysParameter)
        {
            writer.WriteLine("p *= decayFactor; // decoupled weight decay");
        }
    }

    private static void WriteStep(
        SourceWriter writer,
        KernelRule rule,
        KernelSpec kernel,
        OptimizerPrecision precision,
        VectorShape shape,
        VectorConstants constants,
        IReadOnlyList<ScalarField> fields,
        IReadOnlyList<string> buffers)
    {
        var body = new KernelBody(writer, precision, shape, constants);
        string[] parameters = new[] { $"{body.T} g" }
            .Concat(buffers.Select(b => $"ref {body.T} {Camel(b)}"))
            .Concat(fields.Where(f => f.Role != ScalarRole.Prologue).Select(f => $"{LocalType(f, precision, shape)} {f.Local}"))
            .ToArray();
        writer.WriteSummary("One vector's update: the new state, and the step to subtract from θ.");
        writer.WriteLine(Inline);
        using (writer.Block($"private static {body.T} Step(", parameters, ")"))
        {
            rule.WriteStep(body, kernel);
            writer.WriteLine("return delta;");
        }

        writer.WriteLine();
    }

    /// <summary>The index of vector <paramref name="k"/> of an unrolled iteration.</summary>
    internal static string Offset(int k) => k == 0 ? "i" : k == 1 ? "i + width" : $"i + {k} * width";

    /// <summary>A field's type in the scalars struct.</summary>
    private static string ScalarType(ScalarField field, OptimizerPrecision precision) => field.Role switch
    {
        ScalarRole.Flag => "bool",
        ScalarRole.Prologue => "float",
        _ => precision == OptimizerPrecision.Double ? "double" : "float",
    };

    /// <summary>A field's type inside the kernel: broadcast into a vector, except a flag.</summary>
    internal static string LocalType(ScalarField field, OptimizerPrecision precision, VectorShape shape) => field.Role switch
    {
        ScalarRole.Flag => "bool",
        ScalarRole.Prologue => shape.Floats,
        _ => precision == OptimizerPrecision.Double ? shape.Doubles : shape.Floats,
    };

    /// <summary><c>exp_avg_sq</c> is <c>expAvgSq</c>.</summary>
    public static string Camel(string bufferName)
    {
        string[] parts = bufferName.Split('_');
        return parts[0] + string.Concat(parts.Skip(1).Select(p => char.ToUpperInvariant(p[0]) + p.Substring(1)));
    }
}
