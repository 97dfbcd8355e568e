using System.Collections.Generic;
using System.Linq;
using Rlx.Optim.Generators.Emit.Rules;
using Rlx.Optim.Generators.Helpers;
using Rlx.Optim.Generators.Model;

namespace Rlx.Optim.Generators.Emit;

/// <summary>
/// Writes what every algorithm shares: the per-step scalars struct, and for each kernel the struct that computes
/// them (<c>Prepare</c>) and runs the update over whole vectors, unrolled. A rule supplies only the element update.
/// </summary>
/// <remarks>
/// Per element: load θ and g; negate g to maximize; add λ·θ (L2) or scale θ by 1 − lr·λ (decoupled), in float;
/// load the state; run the rule's update (on vectors of floats, or on each widened half in double); store the
/// state and θ − delta. The runtime gives a kernel whole vectors only and runs the last partial vector through
/// padded copies, so there is no scalar tail to keep in step with the vector code. The loop, the vector update and
/// the rule's step are written once per <see cref="VectorShape"/>; <c>Update</c> picks one, a choice the JIT folds.
/// A rule with a rare exact path (float Adam) gets <see cref="GroupedUpdate"/>'s parts instead of <c>UpdateVector</c>
/// and <c>Step</c>, so its main loop tests a group of four vectors with one branch.
/// </remarks>
internal static class KernelEmitter
{
    /// <summary>Vectors per iteration of the main loop (<c>KernelMath.AnySubnormal</c> tests a group of this many).</summary>
    internal const int Unroll = 4;

    private static readonly VectorShape[] Shapes = { VectorShape.Wide, VectorShape.Preferred };

    private const string UpdateParameters =
        "ref float parameter, ref float gradient, ref float state0, ref float state1, ref float state2, nuint start, nuint end";

    private const string UpdateArguments =
        "ref parameter, ref gradient, ref state0, ref state1, ref state2, start, end";

    public const string NoInline = "[global::System.Runtime.CompilerServices.MethodImpl(global::System.Runtime.CompilerServices.MethodImplOptions.NoInlining)]";

    public const string Inline = "[global::System.Runtime.CompilerServices.MethodImpl(global::System.Runtime.CompilerServices.MethodImplOptions.AggressiveInlining)]";

    /// <summary>The struct holding one call's per-step scalars.</summary>
    public static void WriteScalars(SourceWriter writer, KernelRule rule, KernelSpec optimizer, OptimizerPrecision precision)
    {
        IReadOnlyList<ScalarField> fields = rule.Fields(optimizer, precision);
        writer.WriteLine("/// <summary>The scalars of one step, computed once per step (in double, then stored at the kernels' precision).</summary>");
        using (writer.Block($"private readonly struct {rule.ScalarsType}"))
        {
            foreach (ScalarField field in fields)
            {
                writer.WriteLine($"/// <summary>{field.Documentation}</summary>");
                writer.WriteLine($"public readonly {ScalarType(field, precision)} {field.Name};");
                writer.WriteLine();
            }

            string parameters = string.Join(", ", fields.Select(f => $"{ScalarType(f, precision)} {SetNames.Escape(f.Local)}"));
            using (writer.Block($"public {rule.ScalarsType}({parameters})"))
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

    /// <summary>The state buffers as a kernel method's parameters (<c>, ref float state0, …</c>).</summary>
    public static string StateParameters(int buffers) => string.Concat(Enumerable.Range(0, buffers).Select(b => $", ref float state{b}"));

    /// <summary>The state buffers as arguments to such a method (<c>, ref state0, …</c>).</summary>
    public static string StateArguments(int buffers) => string.Concat(Enumerable.Range(0, buffers).Select(b => $", ref state{b}"));

    public static void WriteKernel(SourceWriter writer, KernelRule rule, KernelSpec optimizer, KernelSpec kernel, OptimizerPrecision precision, string name, string displayName)
    {
        IReadOnlyList<ScalarField> fields = rule.Fields(optimizer, precision);
        IReadOnlyList<string> buffers = rule.BufferNames(optimizer);
        string arithmetic = precision == OptimizerPrecision.Double ? "double (seed-exact)" : "float";
        writer.WriteLine($"/// <summary>{displayName} in {arithmetic} arithmetic: {rule.Describe(kernel)}, folded in as constants.</summary>");
        using (writer.Block($"private readonly struct {name} : global::Rlx.Optim.CompilerServices.IUpdateKernel<{rule.ScalarsType}>"))
        {
            WritePrepare(writer, rule, kernel, precision, fields);
            rule.WriteHelpers(writer, kernel, precision);
            WriteDispatch(writer, rule);
            foreach (VectorShape shape in Shapes)
            {
                WriteLoop(writer, rule, precision, shape, fields, buffers);
                if (rule.HasRareExactPath(precision))
                {
                    GroupedUpdate.Write(writer, rule, kernel, precision, shape, fields, buffers);
                }
                else
                {
                    WriteUpdateVector(writer, rule, kernel, precision, shape, fields, buffers);
                    WriteStep(writer, rule, kernel, precision, shape, fields, buffers);
                }

                rule.WriteVectorHelpers(writer, kernel, precision, shape);
            }
        }

        writer.WriteLine();
    }

    private static void WritePrepare(SourceWriter writer, KernelRule rule, KernelSpec kernel, OptimizerPrecision precision, IReadOnlyList<ScalarField> fields)
    {
        string extra = rule.KeepsScheduleProduct ? ", double muProduct" : string.Empty;
        writer.WriteLine("/// <summary>The scalars of step <paramref name=\"t\"/> (from 1) at learning rate <paramref name=\"lr\"/>.</summary>");
        using (writer.Block($"public static {rule.ScalarsType} Prepare(double lr, long t{extra})"))
        {
            rule.WritePrepare(writer, kernel, precision);

            string arguments = string.Join(", ", fields.Select(f => f.Role == ScalarRole.Flag || ScalarType(f, precision) == "double" ? f.Local : $"(float){f.Local}"));
            writer.WriteLine($"return new {rule.ScalarsType}({arguments});");
        }

        writer.WriteLine();
    }

    /// <summary><c>Update</c>: the 512-bit loop where those vectors are accelerated, the preferred width elsewhere.</summary>
    private static void WriteDispatch(SourceWriter writer, KernelRule rule)
    {
        writer.WriteLine(Inline);
        using (writer.Block($"public static void Update(in {rule.ScalarsType} scalars, {UpdateParameters})"))
        {
            using (writer.Block("if (global::Rlx.Optim.CompilerServices.KernelWidth.Uses512Bits)"))
            {
                writer.WriteLine($"{VectorShape.Wide.LoopName}(in scalars, {UpdateArguments});");
            }

            using (writer.Block("else"))
            {
                writer.WriteLine($"{VectorShape.Preferred.LoopName}(in scalars, {UpdateArguments});");
            }
        }

        writer.WriteLine();
    }

    private static void WriteLoop(
        SourceWriter writer, KernelRule rule, OptimizerPrecision precision, VectorShape shape, IReadOnlyList<ScalarField> fields, IReadOnlyList<string> buffers)
    {
        writer.WriteLine("// Never inlined: the loop is a whole set's work, and inlined into a caller it would share that caller's inlining budget.");
        writer.WriteLine(NoInline);
        using (writer.Block($"private static void {shape.LoopName}(in {rule.ScalarsType} scalars, {UpdateParameters})"))
        {
            foreach (ScalarField field in fields)
            {
                writer.WriteLine(field.Role == ScalarRole.Flag
                    ? $"bool {field.Local} = scalars.{field.Name};"
                    : $"{LocalType(field, precision, shape)} {field.Local} = {shape.Broadcast($"scalars.{field.Name}")};");
            }

            string call = $"UpdateVector(ref parameter, ref gradient{StateArguments(buffers.Count)}, {{0}}{string.Concat(fields.Select(f => ", " + f.Local))});";
            writer.WriteLine($"nuint width = (nuint){shape.Floats}.Count;");
            writer.WriteLine("nuint i = start;");
            using (writer.Block($"for (; end - i >= {Unroll} * width; i += {Unroll} * width)"))
            {
                if (rule.HasRareExactPath(precision))
                {
                    writer.WriteLine(GroupedUpdate.GroupCall(buffers, fields));
                }
                else
                {
                    for (int k = 0; k < Unroll; k++)
                    {
                        writer.WriteLine(string.Format(call, Offset(k)));
                    }
                }
            }

            writer.WriteLine();
            using (writer.Block("for (; i < end; i += width)"))
            {
                writer.WriteLine(string.Format(call, "i"));
            }
        }

        writer.WriteLine();
    }

    private static void WriteUpdateVector(
        SourceWriter writer,
        KernelRule rule,
        KernelSpec kernel,
        OptimizerPrecision precision,
        VectorShape shape,
        IReadOnlyList<ScalarField> fields,
        IReadOnlyList<string> buffers)
    {
        bool isDouble = precision == OptimizerPrecision.Double;
        string parameters = $"ref float parameter, ref float gradient{StateParameters(buffers.Count)}, nuint i"
            + string.Concat(fields.Select(f => $", {LocalType(f, precision, shape)} {f.Local}"));
        writer.WriteLine(Inline);
        using (writer.Block($"private static void UpdateVector({parameters})"))
        {
            writer.WriteLine($"{shape.Floats} p = {shape.Api}.LoadUnsafe(ref parameter, i);");
            writer.WriteLine($"{shape.Floats} g = {shape.Api}.LoadUnsafe(ref gradient, i);");
            WritePrologue(writer, rule, kernel, isDouble, shape);

            string[] locals = buffers.Select(Camel).ToArray();
            string stepFields = string.Concat(fields.Where(f => f.Role != ScalarRole.Prologue).Select(f => ", " + f.Local));
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
    private static void WriteFloatUpdate(SourceWriter writer, VectorShape shape, string[] locals, string stepFields)
    {
        for (int b = 0; b < locals.Length; b++)
        {
            writer.WriteLine($"{shape.Floats} {locals[b]} = {shape.Api}.LoadUnsafe(ref state{b}, i);");
        }

        writer.WriteLine($"{shape.Floats} delta = Step(g{string.Concat(locals.Select(l => ", ref " + l))}{stepFields});");
        for (int b = 0; b < locals.Length; b++)
        {
            writer.WriteLine($"{shape.Api}.StoreUnsafe({locals[b]}, ref state{b}, i);");
        }

        writer.WriteLine($"{shape.Api}.StoreUnsafe(p - delta, ref parameter, i);");
    }

    /// <summary>The double kernel's middle: widen, run the update on each half, narrow.</summary>
    private static void WriteWidenedUpdate(SourceWriter writer, VectorShape shape, string[] locals, string stepFields)
    {
        string api = shape.Api;
        writer.WriteLine($"{shape.Doubles} gLow = {api}.WidenLower(g), gHigh = {api}.WidenUpper(g);");
        for (int b = 0; b < locals.Length; b++)
        {
            writer.WriteLine($"{shape.Floats} {locals[b]} = {api}.LoadUnsafe(ref state{b}, i);");
            writer.WriteLine($"{shape.Doubles} {locals[b]}Low = {api}.WidenLower({locals[b]}), {locals[b]}High = {api}.WidenUpper({locals[b]});");
        }

        writer.WriteLine($"{shape.Doubles} deltaLow = Step(gLow{string.Concat(locals.Select(l => $", ref {l}Low"))}{stepFields});");
        writer.WriteLine($"{shape.Doubles} deltaHigh = Step(gHigh{string.Concat(locals.Select(l => $", ref {l}High"))}{stepFields});");
        for (int b = 0; b < locals.Length; b++)
        {
            writer.WriteLine($"{api}.StoreUnsafe({api}.Narrow({locals[b]}Low, {locals[b]}High), ref state{b}, i);");
        }

        writer.WriteLine("// As the seed: the step in double, rounded, then subtracted from the float parameter.");
        writer.WriteLine($"{api}.StoreUnsafe(p - {api}.Narrow(deltaLow, deltaHigh), ref parameter, i);");
    }

    /// <summary>The gradient's sign and the weight decay, in float before the update (as the seed and PyTorch do).</summary>
    internal static void WritePrologue(SourceWriter writer, KernelRule rule, KernelSpec kernel, bool isDouble, VectorShape shape)
    {
        if (kernel.Maximize)
        {
            writer.WriteLine("g = -g; // maximize");
        }

        if (kernel.DecaysGradient || (rule.AddsZeroDecayTerm && isDouble))
        {
            writer.WriteLine(kernel.Decays
                ? $"g += {shape.Broadcast(Literal.Float((float)kernel.WeightDecay))} * p; // L2 weight decay"
                : $"g += {shape.Broadcast("0f")} * p; // as the seed: λ·θ even for λ = 0, so a non-finite θ makes its own moments NaN");
        }
        else if (rule.AddsZeroDecayTerm && !kernel.DecoupledWeightDecay)
        {
            writer.WriteLine("g += p - p; // no decay term; but 0 for a finite θ and NaN otherwise: as in the seed, a non-finite θ makes its own moments NaN");
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
        IReadOnlyList<ScalarField> fields,
        IReadOnlyList<string> buffers)
    {
        var body = new KernelBody(writer, precision, shape);
        string parameters = $"{body.T} g" + string.Concat(buffers.Select(b => $", ref {body.T} {Camel(b)}"))
            + string.Concat(fields.Where(f => f.Role != ScalarRole.Prologue).Select(f => $", {LocalType(f, precision, shape)} {f.Local}"));
        writer.WriteLine("/// <summary>One vector's update: the new state, and the step to subtract from θ.</summary>");
        writer.WriteLine(Inline);
        using (writer.Block($"private static {body.T} Step({parameters})"))
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
