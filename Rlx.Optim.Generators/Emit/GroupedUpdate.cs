using System;
using System.Collections.Generic;
using System.Linq;
using Rlx.Optim.Generators.Emit.Rules;
using Rlx.Optim.Generators.Helpers;
using Rlx.Optim.Generators.Model;

namespace Rlx.Optim.Generators.Emit;

/// <summary>
/// The update of a rule with a rare exact path (<see cref="KernelRule.HasRareExactPath"/>), in three inlined parts:
/// <c>Moments</c> (load, the gradient's prologue, the new moments), <c>ExactMoments</c> (the rare recomputation,
/// reading the stored moments again, which are not yet overwritten) and <c>Finish</c> (the step and the stores).
/// The unrolled loop runs the moments of four vectors, tests all eight moment vectors for the rare path with one
/// branch, then finishes the four: a branch per vector cost about a tenth of the step in cache. A rule that divides
/// by a refined reciprocal (<see cref="KernelRule.DividesByReciprocal"/>) finishes a rare group with <c>FinishRare</c>
/// instead, which divides exactly in the rare lanes.
/// </summary>
internal static class GroupedUpdate
{
    private const string Inline = KernelEmitter.Inline;

    /// <summary>The main loop's statement for a group of four vectors from <c>i</c>.</summary>
    public static string GroupCall(IReadOnlyList<string> buffers, IReadOnlyList<ScalarField> fields) =>
        $"UpdateGroup(ref parameter, ref gradient{KernelEmitter.StateArguments(buffers.Count)}, i, width{string.Concat(fields.Select(f => ", " + f.Local))});";

    public static void Write(
        SourceWriter writer, KernelRule rule, KernelSpec kernel, OptimizerPrecision precision, VectorShape shape, IReadOnlyList<ScalarField> fields, IReadOnlyList<string> buffers)
    {
        var body = new KernelBody(writer, precision, shape);
        string[] moments = buffers.Take(2).Select(KernelEmitter.Camel).ToArray();
        ScalarField[] prologue = fields.Where(f => f.Role == ScalarRole.Prologue).ToArray();
        ScalarField[] step = fields.Where(f => f.Role != ScalarRole.Prologue).ToArray();
        string fieldParameters = string.Concat(fields.Select(f => $", {KernelEmitter.LocalType(f, precision, shape)} {f.Local}"));

        bool reciprocal = rule.DividesByReciprocal(kernel, precision, shape);
        WriteUpdateGroup(writer, shape, moments, prologue, step, buffers.Count, fieldParameters, reciprocal);
        WriteUpdateVector(writer, shape, moments, prologue, step, buffers.Count, fieldParameters, reciprocal);
        WriteMoments(writer, rule, kernel, body, moments, prologue);
        WriteExactMoments(writer, rule, kernel, body, moments);
        WriteFinish(writer, body, buffers, moments, step, "Finish", "Stores the vector at <paramref name=\"i\"/>: its new state, and θ − delta.", () => rule.WriteDelta(body, kernel));
        if (reciprocal)
        {
            WriteFinish(writer, body, buffers, moments, step, "FinishRare", "<c>Finish</c> on the rare path: the rare lanes divide exactly.", () => rule.WriteRareDelta(body, kernel));
        }
    }

    private static void WriteUpdateGroup(
        SourceWriter writer, VectorShape shape, string[] moments, ScalarField[] prologue, ScalarField[] step, int buffers, string fieldParameters, bool reciprocal)
    {
        writer.WriteLine("/// <summary>");
        writer.WriteLine("/// Four vectors from <paramref name=\"i\"/>: their new moments, one test of all of them for the rare exact path,");
        writer.WriteLine("/// then their steps.");
        writer.WriteLine("/// </summary>");
        writer.WriteLine(Inline);
        using (writer.Block($"private static void UpdateGroup(ref float parameter, ref float gradient{KernelEmitter.StateParameters(buffers)}, nuint i, nuint width{fieldParameters})"))
        {
            var vectors = Enumerable.Range(0, KernelEmitter.Unroll).Select(k => (KernelEmitter.Offset(k), k.ToString())).ToArray();
            WriteVectorsBody(writer, shape, vectors, moments, prologue, step, buffers, reciprocal);
        }

        writer.WriteLine();
    }

    private static void WriteUpdateVector(
        SourceWriter writer, VectorShape shape, string[] moments, ScalarField[] prologue, ScalarField[] step, int buffers, string fieldParameters, bool reciprocal)
    {
        writer.WriteLine("/// <summary>One vector at <paramref name=\"i\"/>, for the loop's last vectors.</summary>");
        writer.WriteLine(Inline);
        using (writer.Block($"private static void UpdateVector(ref float parameter, ref float gradient{KernelEmitter.StateParameters(buffers)}, nuint i{fieldParameters})"))
        {
            WriteVectorsBody(writer, shape, new[] { ("i", string.Empty) }, moments, prologue, step, buffers, reciprocal);
        }

        writer.WriteLine();
    }

    /// <summary>
    /// The moments of each vector (at its offset, its locals named with its suffix), one test of all of them for the
    /// rare path, then each vector's finish.
    /// </summary>
    private static void WriteVectorsBody(
        SourceWriter writer, VectorShape shape, (string Offset, string Suffix)[] vectors, string[] moments, ScalarField[] prologue, ScalarField[] step, int buffers, bool reciprocal)
    {
        foreach ((string offset, string suffix) in vectors)
        {
            writer.WriteLine(MomentsCall(shape, offset, suffix, moments, prologue));
        }

        string tested = string.Join(", ", vectors.SelectMany(vector => moments.Select(m => m + vector.Suffix)));
        using (writer.Block($"if ({KernelBody.KernelMath}.{(reciprocal ? "AnyRare" : "AnySubnormal")}({tested}))"))
        {
            foreach ((string offset, string suffix) in vectors)
            {
                writer.WriteLine(ExactCall(offset, suffix, moments));
            }

            if (reciprocal)
            {
                foreach ((string offset, string suffix) in vectors)
                {
                    writer.WriteLine(FinishCall("FinishRare", offset, suffix, moments, step, buffers));
                }

                writer.WriteLine("return;");
            }
        }

        writer.WriteLine();
        foreach ((string offset, string suffix) in vectors)
        {
            writer.WriteLine(FinishCall("Finish", offset, suffix, moments, step, buffers));
        }
    }

    private static void WriteMoments(SourceWriter writer, KernelRule rule, KernelSpec kernel, KernelBody body, string[] moments, ScalarField[] prologue)
    {
        VectorShape shape = body.Shape;
        string outs = string.Concat(new[] { "p", "g" }.Concat(moments).Select(name => $", out {shape.Floats} {name}"));
        string prologueParameters = string.Concat(prologue.Select(f => $", {shape.Floats} {f.Local}"));
        writer.WriteLine("/// <summary>The new moments of the vector at <paramref name=\"i\"/>, from θ, g and the stored moments.</summary>");
        writer.WriteLine(Inline);
        using (writer.Block($"private static void Moments(ref float parameter, ref float gradient, ref float state0, ref float state1, nuint i{prologueParameters}{outs})"))
        {
            writer.WriteLine($"p = {shape.Api}.LoadUnsafe(ref parameter, i);");
            writer.WriteLine($"g = {shape.Api}.LoadUnsafe(ref gradient, i);");
            KernelEmitter.WritePrologue(writer, rule, kernel, isDouble: false, shape);
            for (int b = 0; b < moments.Length; b++)
            {
                writer.WriteLine($"{moments[b]} = {shape.Api}.LoadUnsafe(ref state{b}, i);");
            }

            rule.WriteNewMoments(body, kernel);
        }

        writer.WriteLine();
    }

    private static void WriteExactMoments(SourceWriter writer, KernelRule rule, KernelSpec kernel, KernelBody body, string[] moments)
    {
        VectorShape shape = body.Shape;
        writer.WriteLine("/// <summary>The rare path, from the stored moments (not yet overwritten).</summary>");
        writer.WriteLine(Inline);
        using (writer.Block($"private static void ExactMoments(ref float state0, ref float state1, nuint i, {shape.Floats} g{string.Concat(moments.Select(m => $", ref {shape.Floats} {m}"))})"))
        {
            writer.WriteLine($"{shape.Floats} m0 = {shape.Api}.LoadUnsafe(ref state0, i);");
            writer.WriteLine($"{shape.Floats} v0 = {shape.Api}.LoadUnsafe(ref state1, i);");
            rule.WriteExactMoments(body, kernel);
        }

        writer.WriteLine();
    }

    private static void WriteFinish(
        SourceWriter writer, KernelBody body, IReadOnlyList<string> buffers, string[] moments, ScalarField[] step, string name, string summary, Action writeDelta)
    {
        VectorShape shape = body.Shape;
        string[] locals = buffers.Select(KernelEmitter.Camel).ToArray();
        string parameters = $"ref float parameter{KernelEmitter.StateParameters(buffers.Count)}, nuint i, {shape.Floats} p"
            + string.Concat(moments.Select(m => $", {shape.Floats} {m}"))
            + string.Concat(step.Select(f => $", {shape.Floats} {f.Local}"));
        writer.WriteLine($"/// <summary>{summary}</summary>");
        writer.WriteLine(Inline);
        using (writer.Block($"private static void {name}({parameters})"))
        {
            for (int b = 2; b < locals.Length; b++)
            {
                writer.WriteLine($"{shape.Floats} {locals[b]} = {shape.Api}.LoadUnsafe(ref state{b}, i);");
            }

            writer.WriteLine($"{shape.Api}.StoreUnsafe({locals[0]}, ref state0, i);");
            writer.WriteLine($"{shape.Api}.StoreUnsafe({locals[1]}, ref state1, i);");
            writeDelta();
            for (int b = 2; b < locals.Length; b++)
            {
                writer.WriteLine($"{shape.Api}.StoreUnsafe({locals[b]}, ref state{b}, i);");
            }

            writer.WriteLine($"{shape.Api}.StoreUnsafe(p - delta, ref parameter, i);");
        }

        writer.WriteLine();
    }

    private static string MomentsCall(VectorShape shape, string offset, string suffix, string[] moments, ScalarField[] prologue)
    {
        string outs = string.Concat(new[] { "p", "g" }.Concat(moments).Select(name => $", out {shape.Floats} {name}{suffix}"));
        return $"Moments(ref parameter, ref gradient, ref state0, ref state1, {offset}{string.Concat(prologue.Select(f => ", " + f.Local))}{outs});";
    }

    private static string ExactCall(string offset, string suffix, string[] moments) =>
        $"ExactMoments(ref state0, ref state1, {offset}, g{suffix}{string.Concat(moments.Select(m => $", ref {m}{suffix}"))});";

    private static string FinishCall(string name, string offset, string suffix, string[] moments, ScalarField[] step, int buffers) =>
        $"{name}(ref parameter{KernelEmitter.StateArguments(buffers)}, {offset}, p{suffix}{string.Concat(moments.Select(m => $", {m}{suffix}"))}{string.Concat(step.Select(f => ", " + f.Local))});";
}
