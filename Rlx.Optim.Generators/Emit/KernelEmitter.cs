using System.Collections.Generic;
using System.Linq;
using Rlx.Optim.Generators.Emit.Rules;
using Rlx.Optim.Generators.Families;
using Rlx.Optim.Generators.Helpers;
using Rlx.Optim.Generators.Model;

namespace Rlx.Optim.Generators.Emit;

/// <summary>
/// Writes what every algorithm shares, in the optimizer's <see cref="GeneratedNamespace"/>: the per-step scalars
/// struct, and for each kernel the struct that lists its settings, computes its scalars (<c>Prepare</c>) and holds
/// the rule's arithmetic, with its settings folded in as constants, in the phases the runtime's driver
/// (<c>ElementwiseDriver</c>) calls. A rule supplies only the element update; the loop, the unrolling, the tail,
/// the chunking across cores and the loads and stores are the driver's, written once.
/// </summary>
/// <remarks>
/// Per element: the gradient's sign and L2 term, or θ scaled by 1 − lr·λ (decoupled), in float; the rule's update
/// (on vectors of floats, or on each widened half in double); θ − delta. The arithmetic is written once per
/// <see cref="VectorShape"/>, each shape in a nested struct with its named constants (<see cref="VectorConstants"/>)
/// that implements the driver's interface for that width. A rule with a rare exact path (float Adam) gets
/// <see cref="GroupedUpdate"/>'s phases, so that the driver tests a group of four vectors with one branch; every
/// other rule does its whole update in <c>Moments</c>.
/// </remarks>
internal static class KernelEmitter
{
    public const string NoInline = "[MethodImpl(MethodImplOptions.NoInlining)]";

    public const string Inline = "[MethodImpl(MethodImplOptions.AggressiveInlining)]";

    private static readonly VectorShape[] Shapes = { VectorShape.Wide, VectorShape.Preferred };

    /// <summary>
    /// The struct holding one call's per-step scalars, each broadcast once per step into a vector of each width: the
    /// JIT keeps a vector field of the driver's local copy in a register, where it would broadcast a scalar field
    /// again for every vector.
    /// </summary>
    public static void WriteScalars(SourceWriter writer, KernelRule rule, KernelSpec optimizer, OptimizerPrecision precision)
    {
        IReadOnlyList<ScalarField> fields = rule.Fields(optimizer, precision);
        writer.WriteSummary("One step's scalars, computed once per step in double and broadcast at the kernels' precision.");
        writer.WriteLine(GeneratedNamespace.GeneratedCode);
        using (writer.Block($"internal readonly struct {rule.ScalarsType}"))
        {
            foreach (ScalarField field in fields)
            {
                writer.WriteSummary(field.Documentation);
                if (field.Role == ScalarRole.Flag)
                {
                    writer.WriteLine($"public readonly bool {field.Name};");
                }
                else
                {
                    foreach (VectorShape shape in Shapes)
                    {
                        writer.WriteLine($"public readonly {LocalType(field, precision, shape)} {VectorField(field, shape)};");
                    }
                }

                writer.WriteLine();
            }

            string[] parameters = fields.Select(f => $"{ScalarType(f, precision)} {SetNames.Escape(f.Local)}").ToArray();
            using (writer.Block($"public {rule.ScalarsType}(", parameters, ")"))
            {
                foreach (ScalarField field in fields)
                {
                    if (field.Role == ScalarRole.Flag)
                    {
                        writer.WriteLine($"{field.Name} = {SetNames.Escape(field.Local)};");
                        continue;
                    }

                    foreach (VectorShape shape in Shapes)
                    {
                        writer.WriteLine($"{VectorField(field, shape)} = {shape.Broadcast(SetNames.Escape(field.Local))};");
                    }
                }
            }
        }

        writer.WriteLine();
    }

    /// <summary>A scalar's broadcast field for one shape: <c>StepSizeWide</c>, <c>StepSizePreferred</c>.</summary>
    private static string VectorField(ScalarField field, VectorShape shape) => field.Name + shape.ClassName;

    /// <summary>The statements that read <paramref name="fields"/> into locals named after them, at one shape.</summary>
    internal static void WriteFieldLocals(SourceWriter writer, IEnumerable<ScalarField> fields, OptimizerPrecision precision, VectorShape shape)
    {
        foreach (ScalarField field in fields)
        {
            writer.WriteLine(field.Role == ScalarRole.Flag
                ? $"bool {field.Local} = scalars.{field.Name};"
                : $"{LocalType(field, precision, shape)} {field.Local} = scalars.{VectorField(field, shape)};");
        }
    }

    /// <summary>The optimizer's field holding a kernel's running product of NAdam's μ.</summary>
    public static string ScheduleProductField(string kernelName) => KernelField(kernelName, "MuProduct");

    /// <summary>The optimizer's fields holding a kernel's largest rate so far and the sum of its steps' weights (Schedule-Free).</summary>
    public static (string MaxLr, string WeightSum) AverageWeightFields(string kernelName) =>
        (KernelField(kernelName, "MaxLr"), KernelField(kernelName, "WeightSum"));

    /// <summary>An optimizer field that belongs to one kernel: <c>DefaultKernel</c>, <c>MuProduct</c> → <c>__defaultKernelMuProduct</c>.</summary>
    public static string KernelField(string kernelName, string suffix) => $"__{char.ToLowerInvariant(kernelName[0])}{kernelName.Substring(1)}{suffix}";

    public static void WriteKernel(SourceWriter writer, KernelRule rule, OptimizerFamily family, OptimizerSpec spec, KernelSpec kernel, string name)
    {
        KernelSpec optimizer = spec.DefaultKernel;
        OptimizerPrecision precision = spec.Precision;
        IReadOnlyList<ScalarField> fields = rule.Fields(optimizer, precision);
        IReadOnlyList<string> buffers = rule.BufferNames(optimizer);
        string arithmetic = precision == OptimizerPrecision.Double ? "double (seed-exact)" : "float";
        writer.WriteSummary($"{family.DisplayName} in {arithmetic} arithmetic: {rule.Describe(kernel)}, folded in as constants.");
        writer.WriteLine(GeneratedNamespace.GeneratedCode);
        using (writer.Block($"internal readonly struct {name}"))
        {
            CheckpointEmitter.WriteHyperparameters(writer, family, kernel);
            WritePrepare(writer, rule, kernel, precision, fields);
            rule.WriteHelpers(writer, kernel, precision);
            // A trust-ratio rule has no Run: each of its calls steps through its set's plan, which measures first.
            if (!rule.MeasuresTrustRatio && spec.RoundsStochastically)
            {
                WriteRoundingRuns(writer, rule, spec.HasMasterCopies);
            }
            else if (!rule.MeasuresTrustRatio)
            {
                WriteRuns(writer, rule);
            }

            WritePlanFor(writer, rule);

            foreach (VectorShape shape in Shapes)
            {
                WriteShape(writer, rule, kernel, precision, shape, fields, buffers);
            }
        }

        writer.WriteLine();
    }

    private static void WritePrepare(SourceWriter writer, KernelRule rule, KernelSpec kernel, OptimizerPrecision precision, IReadOnlyList<ScalarField> fields)
    {
        string extra = rule.KeepsScheduleProduct ? ", double muProduct" : rule.KeepsAverageWeights ? ", double maxLr, double weightSum" : string.Empty;
        writer.WriteSummary("The scalars of step <paramref name=\"t\"/> (from 1) at learning rate <paramref name=\"lr\"/>.");
        using (writer.Block($"public static {rule.ScalarsType} Prepare(double lr, long t{extra})"))
        {
            if (kernel.LearningRateScale != 1.0)
            {
                writer.WriteLine($"lr *= {Literal.Double(kernel.LearningRateScale)}; // the set's LearningRateScale");
            }

            rule.WritePrepare(writer, kernel, precision);

            string[] arguments = fields.Select(f => f.Role == ScalarRole.Flag || ScalarType(f, precision) == "double" ? f.Local : $"(float){f.Local}").ToArray();
            writer.WriteWrapped($"return new {rule.ScalarsType}(", arguments, ");");
        }

        writer.WriteLine();
    }

    /// <summary><c>Run</c> and <c>RunParallel</c>: the kernel over a whole set and its state, as the optimizer calls it.</summary>
    private static void WriteRuns(SourceWriter writer, KernelRule rule)
    {
        string[] parameters = { $"in {rule.ScalarsType} scalars", "Span<float> parameter", "ReadOnlySpan<float> gradient", "ParameterState state" };
        string[] arguments = { "in scalars", "parameter", "gradient", "state" };
        const string scale = "float gradientScale";
        string driver = $"ElementwiseDriver.{{0}}<{string.Join(", ", Shapes.Select(shape => shape.ClassName))}, {rule.ScalarsType}>(";

        writer.WriteSummary("Updates a whole set and its state on the calling thread.");
        writer.WriteLine(Inline);
        writer.WriteWrapped("public static void Run(", parameters.Append(scale).ToArray(), ") =>");
        writer.Indent();
        writer.WriteWrapped(string.Format(driver, "Run"), arguments.Append("gradientScale").ToArray(), ");");
        writer.Unindent();
        writer.WriteLine();

        writer.WriteSummary("Updates a whole set and its state across up to <paramref name=\"maxDegreeOfParallelism\"/> cores.");
        writer.WriteLine(Inline);
        writer.WriteWrapped("public static void RunParallel(", parameters.Append("int maxDegreeOfParallelism").Append(scale).ToArray(), ") =>");
        writer.Indent();
        writer.WriteWrapped(string.Format(driver, "RunParallel"), arguments.Append("maxDegreeOfParallelism").Append("gradientScale").ToArray(), ");");
        writer.Unindent();
        writer.WriteLine();
    }

    /// <summary>
    /// <c>Run</c> and <c>RunParallel</c> of an optimizer that rounds stochastically (16-bit state or parameters), over
    /// parameters and gradients of any element type, the span types picking the overload: the driver picks the
    /// storages, and every rounding draws its bits from the seed, the set, the element and the step.
    /// </summary>
    private static void WriteRoundingRuns(SourceWriter writer, KernelRule rule, bool masterWeights)
    {
        string[] typeParameters = { "TParameter", "TGradient" };
        string[] constraints = { "where TParameter : unmanaged", "where TGradient : unmanaged" };
        string generic = "<" + string.Join(", ", typeParameters) + ">";
        string[] parameters =
        {
            $"in {rule.ScalarsType} scalars", "Span<TParameter> parameter", "ReadOnlySpan<TGradient> gradient", "ParameterState state",
            "ulong seed", "long step",
        };
        string[] arguments = { "in scalars", "parameter", "gradient", "state", "seed", "step" };
        string driver = $"ElementwiseDriver.{{0}}<{string.Join(", ", Shapes.Select(shape => shape.ClassName))}, {rule.ScalarsType}, {string.Join(", ", typeParameters)}>(";
        string[] names = masterWeights ? new[] { "Run", "RunParallel", "RunParallelMasterWeights" } : new[] { "Run", "RunParallel" };
        foreach (string name in names)
        {
            bool parallel = name != "Run";
            writer.WriteSummary(
                name == "RunParallelMasterWeights" ? "Updates a 16-bit set through its float master copy, across up to <paramref name=\"maxDegreeOfParallelism\"/> cores."
                : parallel ? "Updates a whole set of any element type and its state across up to <paramref name=\"maxDegreeOfParallelism\"/> cores."
                : "Updates a whole set of any element type (16-bit parameters) and its state on the calling thread.");
            writer.WriteLine(Inline);
            string[] declared = parallel ? parameters.Append("int maxDegreeOfParallelism").ToArray() : parameters;
            writer.WriteWrapped($"public static void {name}{generic}(", declared.Append("float gradientScale").ToArray(), ")");
            writer.Indent();
            for (int c = 0; c < constraints.Length; c++)
            {
                writer.WriteLine(constraints[c] + (c == constraints.Length - 1 ? " =>" : string.Empty));
            }

            writer.WriteWrapped(
                string.Format(driver, name),
                (parallel ? arguments.Append("maxDegreeOfParallelism").ToArray() : arguments).Append("gradientScale").ToArray(),
                ");");
            writer.Unindent();
            writer.WriteLine();
        }
    }

    /// <summary>The kernel's part of the optimizer's <c>StepPlan</c>, for a set of the given element types.</summary>
    private static void WritePlanFor(SourceWriter writer, KernelRule rule)
    {
        writer.WriteSummary("This kernel's part of the optimizer's one-pass StepAll, for a set of these element types.");
        writer.WriteLine("public static StepPlanSet PlanFor<TParameter, TGradient>(ParameterState state, bool masterWeights)");
        writer.Indent();
        writer.WriteLine("where TParameter : unmanaged");
        writer.WriteLine("where TGradient : unmanaged =>");
        string plan = rule.MeasuresTrustRatio ? "TrustRatioPlan" : "StepPlan";
        writer.WriteWrapped(
            $"{plan}.Set<{string.Join(", ", Shapes.Select(shape => shape.ClassName))}, {rule.ScalarsType}, TParameter, TGradient>(",
            new[] { "state", "masterWeights" },
            ");");
        writer.Unindent();
        writer.WriteLine();
    }

    /// <summary>
    /// One shape's nested struct, the driver's rule at that width: its code is written first, into a writer of its
    /// own, so that the constants it named can be declared at the top.
    /// </summary>
    private static void WriteShape(
        SourceWriter writer, KernelRule rule, KernelSpec kernel, OptimizerPrecision precision, VectorShape shape, IReadOnlyList<ScalarField> fields, IReadOnlyList<string> buffers)
    {
        var constants = new VectorConstants(shape);
        var code = new SourceWriter(writer.IndentLevel + 1);
        code.WriteLine($"public static int StateCount => {buffers.Count};");
        code.WriteLine();
        if (rule is LambRule lamb)
        {
            lamb.WriteShape(code, kernel, precision, shape, constants);
        }
        else if (rule.HasRareExactPath(precision))
        {
            GroupedUpdate.Write(code, rule, kernel, precision, shape, constants, fields, buffers);
        }
        else
        {
            WriteMoments(code, rule, kernel, precision, shape, constants, fields, buffers);
            WriteStep(code, rule, kernel, precision, shape, constants, fields, buffers);
        }

        rule.WriteVectorHelpers(code, kernel, precision, shape);

        writer.WriteSummary(shape.Summary);
        string update = rule.MeasuresTrustRatio ? shape.TrustRatioInterface : shape.UpdateInterface;
        using (writer.Block($"private readonly struct {shape.ClassName} : {update}<{rule.ScalarsType}>"))
        {
            constants.Write(writer);
            writer.WriteRaw(code.ToString());
        }

        writer.WriteLine();
    }

    /// <summary>The parameters of a driver phase that starts from θ, g and the state: <c>Moments</c>.</summary>
    internal static string[] MomentsParameters(KernelRule rule, VectorShape shape) => new[]
    {
        $"in {rule.ScalarsType} scalars", $"ref {shape.Floats} p", $"ref {shape.Floats} g", $"ref {shape.State} state",
    };

    /// <summary>A rule without a rare path: its whole update in <c>Moments</c>, θ included.</summary>
    private static void WriteMoments(
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
        writer.WriteSummary("One vector's update: its new state, and θ − delta.");
        writer.WriteLine(Inline);
        using (writer.Block("public static void Moments(", MomentsParameters(rule, shape), ")"))
        {
            WriteFieldLocals(writer, fields, precision, shape);
            WritePrologue(writer, rule, kernel, isDouble, constants);

            string[] locals = buffers.Select(Camel).ToArray();
            string[] stepFields = fields.Where(f => f.Role != ScalarRole.Prologue).Select(f => f.Local).ToArray();
            if (isDouble)
            {
                WriteWidenedUpdate(writer, shape, locals, stepFields, rule.ReadsParameter);
            }
            else
            {
                WriteFloatUpdate(writer, shape, locals, stepFields, rule.ReadsParameter);
            }
        }

        writer.WriteLine();
    }

    /// <summary>The float kernel's middle: the update on the state's vectors.</summary>
    private static void WriteFloatUpdate(SourceWriter writer, VectorShape shape, string[] locals, string[] stepFields, bool readsParameter)
    {
        for (int b = 0; b < locals.Length; b++)
        {
            writer.WriteLine($"{shape.Floats} {locals[b]} = state.S{b};");
        }

        string[] inputs = readsParameter ? new[] { "g", "p" } : new[] { "g" };
        writer.WriteWrapped($"{shape.Floats} delta = Step(", inputs.Concat(locals.Select(l => "ref " + l)).Concat(stepFields).ToArray(), ");");
        for (int b = 0; b < locals.Length; b++)
        {
            writer.WriteLine($"state.S{b} = {locals[b]};");
        }

        writer.WriteLine("p -= delta;");
    }

    /// <summary>The double kernel's middle: widen, run the update on each half, narrow.</summary>
    private static void WriteWidenedUpdate(SourceWriter writer, VectorShape shape, string[] locals, string[] stepFields, bool readsParameter)
    {
        string api = shape.Api;
        writer.WriteLine($"{shape.Doubles} gLow = {api}.WidenLower(g);");
        writer.WriteLine($"{shape.Doubles} gHigh = {api}.WidenUpper(g);");
        if (readsParameter)
        {
            writer.WriteLine($"{shape.Doubles} pLow = {api}.WidenLower(p);");
            writer.WriteLine($"{shape.Doubles} pHigh = {api}.WidenUpper(p);");
        }

        for (int b = 0; b < locals.Length; b++)
        {
            writer.WriteLine($"{shape.Doubles} {locals[b]}Low = {api}.WidenLower(state.S{b});");
            writer.WriteLine($"{shape.Doubles} {locals[b]}High = {api}.WidenUpper(state.S{b});");
        }

        writer.WriteWrapped($"{shape.Doubles} deltaLow = Step(", (readsParameter ? new[] { "gLow", "pLow" } : new[] { "gLow" }).Concat(locals.Select(l => $"ref {l}Low")).Concat(stepFields).ToArray(), ");");
        writer.WriteWrapped($"{shape.Doubles} deltaHigh = Step(", (readsParameter ? new[] { "gHigh", "pHigh" } : new[] { "gHigh" }).Concat(locals.Select(l => $"ref {l}High")).Concat(stepFields).ToArray(), ");");
        for (int b = 0; b < locals.Length; b++)
        {
            writer.WriteLine($"state.S{b} = {api}.Narrow({locals[b]}Low, {locals[b]}High);");
        }

        writer.WriteLine("// As the seed: the step in double, rounded, then subtracted from the float parameter.");
        writer.WriteLine($"p -= {api}.Narrow(deltaLow, deltaHigh);");
    }

    /// <summary>The gradient's sign and the weight decay, in float before the update (as the seed and PyTorch do).</summary>
    internal static void WritePrologue(SourceWriter writer, KernelRule rule, KernelSpec kernel, bool isDouble, VectorConstants constants)
    {
        if (kernel.Maximize)
        {
            writer.WriteLine("g = -g; // maximize");
        }

        // A rule that reads θ applies its own decay there.
        if (!rule.ReadsParameter && (kernel.DecaysGradient || (rule.AddsZeroDecayTerm && isDouble)))
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
        string[] inputs = rule.ReadsParameter ? new[] { $"{body.T} g", $"{body.T} p" } : new[] { $"{body.T} g" };
        string[] parameters = inputs
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

    /// <summary>A field's type in the scalars struct.</summary>
    private static string ScalarType(ScalarField field, OptimizerPrecision precision) => field.Role switch
    {
        ScalarRole.Flag => "bool",
        ScalarRole.Prologue => "float",
        _ => precision == OptimizerPrecision.Double ? "double" : "float",
    };

    /// <summary>A field's type inside the kernel and in the scalars struct: broadcast into a vector, except a flag.</summary>
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
