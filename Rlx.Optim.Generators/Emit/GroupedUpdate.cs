using System;
using System.Collections.Generic;
using System.Linq;
using Rlx.Optim.Generators.Emit.Rules;
using Rlx.Optim.Generators.Helpers;
using Rlx.Optim.Generators.Model;

namespace Rlx.Optim.Generators.Emit;

/// <summary>
/// The phases of a rule with a rare exact path (<see cref="KernelRule.HasRareExactPath"/>), which the runtime's
/// driver runs in groups of four vectors: <c>Moments</c> (the gradient's prologue, the new moments) for each,
/// one <c>AnyRare</c> for all eight moment vectors of the group, then <c>Finish</c> (the step) for each; or, when
/// a lane is rare, <c>ExactMoments</c> (the rare recomputation, from the stored moments, which the driver has not
/// yet overwritten) and <c>FinishRare</c>. A branch per vector cost about a tenth of the step in cache. A rule that
/// divides by a refined reciprocal (<see cref="KernelRule.DividesByReciprocal"/>) divides exactly in the rare lanes
/// of <c>FinishRare</c>; otherwise <c>FinishRare</c> is <c>Finish</c>.
/// </summary>
/// <remarks>
/// Inside the phases the state's vectors carry the buffers' names (<c>expAvg</c>, <c>expAvgSq</c>), which the
/// rule's text uses; the stored moments are <c>m0</c> and <c>v0</c>.
/// </remarks>
internal static class GroupedUpdate
{
    private const string Inline = KernelEmitter.Inline;

    public static void Write(
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
        string[] moments = buffers.Take(2).Select(KernelEmitter.Camel).ToArray();
        ScalarField[] prologue = fields.Where(f => f.Role == ScalarRole.Prologue).ToArray();
        ScalarField[] step = fields.Where(f => f.Role != ScalarRole.Prologue).ToArray();
        bool reciprocal = rule.DividesByReciprocal(kernel, precision, shape);

        writer.WriteLine("public static bool HasRarePath => true;");
        writer.WriteLine();
        WriteMoments(writer, rule, kernel, body, moments, prologue);
        WriteAnyRare(writer, shape, reciprocal);
        WriteExactMoments(writer, rule, kernel, body, moments);
        WriteFinish(writer, rule, body, buffers, step, "Finish", "θ − delta, from the new state.", () => rule.WriteDelta(body, kernel));
        if (reciprocal)
        {
            WriteFinish(writer, rule, body, buffers, step, "FinishRare", "<c>Finish</c> on the rare path: the rare lanes divide exactly.", () => rule.WriteRareDelta(body, kernel));
        }
        else
        {
            writer.WriteSummary("<c>Finish</c> on the rare path: the same step.");
            writer.WriteLine(Inline);
            writer.WriteWrapped($"public static {shape.Floats} FinishRare(", FinishParameters(rule, shape), ") =>");
            writer.Indent();
            writer.WriteLine("Finish(in scalars, p, ref state);");
            writer.Unindent();
            writer.WriteLine();
        }
    }

    private static void WriteMoments(SourceWriter writer, KernelRule rule, KernelSpec kernel, KernelBody body, string[] moments, ScalarField[] prologue)
    {
        VectorShape shape = body.Shape;
        writer.WriteSummary("The new moments, from θ, g and the stored moments.");
        writer.WriteLine(Inline);
        using (writer.Block("public static void Moments(", KernelEmitter.MomentsParameters(rule, shape), ")"))
        {
            KernelEmitter.WriteFieldLocals(writer, prologue, body.Precision, shape);
            KernelEmitter.WritePrologue(writer, rule, kernel, isDouble: false, body.Constants);
            ReadState(writer, shape, moments, "state");
            rule.WriteNewMoments(body, kernel);
            WriteState(writer, moments);
        }

        writer.WriteLine();
    }

    /// <summary>The test of a group of four vectors' moments, and of one vector's.</summary>
    private static void WriteAnyRare(SourceWriter writer, VectorShape shape, bool reciprocal)
    {
        string test = reciprocal ? "KernelMath.AnyRare" : "KernelMath.AnySubnormal";
        string[] group = Enumerable.Range(0, 4).Select(k => $"in {shape.State} x{k}").ToArray();
        string[] tested = Enumerable.Range(0, 4).SelectMany(k => new[] { $"x{k}.S0", $"x{k}.S1" }).ToArray();
        writer.WriteSummary(reciprocal
            ? "Whether a lane of the group's moments is subnormal or infinite: the rare exact path."
            : "Whether a lane of the group's moments is subnormal: the rare exact path.");
        writer.WriteLine(Inline);
        writer.WriteWrapped("public static bool AnyRare(", group, ") =>");
        writer.Indent();
        writer.WriteWrapped($"{test}(", tested, ");");
        writer.Unindent();
        writer.WriteLine();

        writer.WriteLine(Inline);
        writer.WriteLine($"public static bool AnyRare(in {shape.State} state) => {test}(state.S0, state.S1);");
        writer.WriteLine();
    }

    private static void WriteExactMoments(SourceWriter writer, KernelRule rule, KernelSpec kernel, KernelBody body, string[] moments)
    {
        VectorShape shape = body.Shape;
        string[] parameters = { $"in {rule.ScalarsType} scalars", $"{shape.Floats} g", $"in {shape.State} stored", $"ref {shape.State} state" };
        writer.WriteSummary("The rare path, from the stored moments (not yet overwritten).");
        writer.WriteLine(Inline);
        using (writer.Block("public static void ExactMoments(", parameters, ")"))
        {
            ReadState(writer, shape, moments, "state");
            writer.WriteLine($"{shape.Floats} m0 = stored.S0;");
            writer.WriteLine($"{shape.Floats} v0 = stored.S1;");
            rule.WriteExactMoments(body, kernel);
            WriteState(writer, moments);
        }

        writer.WriteLine();
    }

    private static string[] FinishParameters(KernelRule rule, VectorShape shape) =>
        new[] { $"in {rule.ScalarsType} scalars", $"{shape.Floats} p", $"ref {shape.State} state" };

    private static void WriteFinish(
        SourceWriter writer, KernelRule rule, KernelBody body, IReadOnlyList<string> buffers, ScalarField[] step, string name, string summary, Action writeDelta)
    {
        VectorShape shape = body.Shape;
        string[] locals = buffers.Select(KernelEmitter.Camel).ToArray();
        writer.WriteSummary(summary);
        writer.WriteLine(Inline);
        using (writer.Block($"public static {shape.Floats} {name}(", FinishParameters(rule, shape), ")"))
        {
            KernelEmitter.WriteFieldLocals(writer, step, body.Precision, shape);
            ReadState(writer, shape, locals, "state");
            writeDelta();
            for (int b = 2; b < locals.Length; b++)
            {
                writer.WriteLine($"state.S{b} = {locals[b]};");
            }

            writer.WriteLine("return p - delta;");
        }

        writer.WriteLine();
    }

    private static void ReadState(SourceWriter writer, VectorShape shape, string[] locals, string from)
    {
        for (int b = 0; b < locals.Length; b++)
        {
            writer.WriteLine($"{shape.Floats} {locals[b]} = {from}.S{b};");
        }
    }

    private static void WriteState(SourceWriter writer, string[] locals)
    {
        for (int b = 0; b < locals.Length; b++)
        {
            writer.WriteLine($"state.S{b} = {locals[b]};");
        }
    }
}
