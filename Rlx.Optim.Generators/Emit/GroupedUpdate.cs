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
/// <remarks>
/// In the group, each vector's values are named by the usual letters and its place in the group: θ <c>p0</c>,
/// g <c>g0</c>, the moments <c>m0</c> and <c>v0</c>; inside the parts they carry the buffers' names
/// (<c>expAvg</c>, <c>expAvgSq</c>), which the rule's text uses.
/// </remarks>
internal static class GroupedUpdate
{
    private const string Inline = KernelEmitter.Inline;

    /// <summary>The group's names for a vector's θ, g and two moments.</summary>
    private static readonly string[] s_letters = { "p", "g", "m", "v" };

    /// <summary>The main loop's statement for a group of four vectors from <c>i</c>.</summary>
    public static void WriteGroupCall(SourceWriter writer, IReadOnlyList<string> buffers, IReadOnlyList<ScalarField> fields) =>
        writer.WriteGroups(
            "UpdateGroup(",
            new[]
            {
                new[] { "ref parameter", "ref gradient" }.Concat(KernelEmitter.StateArguments(buffers.Count)).Concat(new[] { "i", "width" }).ToArray(),
                fields.Select(f => f.Local).ToArray(),
            },
            ");");

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
        string[] fieldParameters = fields.Select(f => $"{KernelEmitter.LocalType(f, precision, shape)} {f.Local}").ToArray();

        bool reciprocal = rule.DividesByReciprocal(kernel, precision, shape);
        WriteUpdateGroup(writer, shape, prologue, step, buffers.Count, fieldParameters, reciprocal);
        WriteUpdateVector(writer, shape, prologue, step, buffers.Count, fieldParameters, reciprocal);
        WriteMoments(writer, rule, kernel, body, moments, prologue);
        WriteExactMoments(writer, rule, kernel, body, moments);
        WriteFinish(writer, body, buffers, moments, step, "Finish", "Stores the vector at <paramref name=\"i\"/>: its new state, and θ − delta.", () => rule.WriteDelta(body, kernel));
        if (reciprocal)
        {
            WriteFinish(writer, body, buffers, moments, step, "FinishRare", "<c>Finish</c> on the rare path: the rare lanes divide exactly.", () => rule.WriteRareDelta(body, kernel));
        }
    }

    private static void WriteUpdateGroup(
        SourceWriter writer, VectorShape shape, ScalarField[] prologue, ScalarField[] step, int buffers, string[] fieldParameters, bool reciprocal)
    {
        writer.WriteSummary("Four vectors from <paramref name=\"i\"/>: their new moments, one test of all of them for the rare exact path, then their steps.");
        writer.WriteLine(Inline);
        string[] parameters = new[] { "ref float parameter", "ref float gradient" }.Concat(KernelEmitter.StateParameters(buffers))
            .Concat(new[] { "nuint i", "nuint width" }).Concat(fieldParameters).ToArray();
        using (writer.Block("private static void UpdateGroup(", parameters, ")"))
        {
            var vectors = Enumerable.Range(0, KernelEmitter.Unroll).Select(k => (KernelEmitter.Offset(k), k.ToString())).ToArray();
            WriteVectorsBody(writer, shape, vectors, prologue, step, buffers, reciprocal);
        }

        writer.WriteLine();
    }

    private static void WriteUpdateVector(
        SourceWriter writer, VectorShape shape, ScalarField[] prologue, ScalarField[] step, int buffers, string[] fieldParameters, bool reciprocal)
    {
        writer.WriteSummary("One vector at <paramref name=\"i\"/>, for the loop's last vectors.");
        writer.WriteLine(Inline);
        string[] parameters = new[] { "ref float parameter", "ref float gradient" }.Concat(KernelEmitter.StateParameters(buffers))
            .Append("nuint i").Concat(fieldParameters).ToArray();
        using (writer.Block("private static void UpdateVector(", parameters, ")"))
        {
            WriteVectorsBody(writer, shape, new[] { ("i", string.Empty) }, prologue, step, buffers, reciprocal);
        }

        writer.WriteLine();
    }

    /// <summary>
    /// The moments of each vector (at its offset, its locals named with its suffix), one test of all of them for the
    /// rare path, then each vector's finish.
    /// </summary>
    private static void WriteVectorsBody(
        SourceWriter writer, VectorShape shape, (string Offset, string Suffix)[] vectors, ScalarField[] prologue, ScalarField[] step, int buffers, bool reciprocal)
    {
        foreach ((string offset, string suffix) in vectors)
        {
            WriteMomentsCall(writer, shape, offset, suffix, prologue);
        }

        // The finishing calls of a group laid out alike: each split before its scalars if the longest would not fit.
        writer.Indent();
        bool split = !writer.Fits(FinishCall("FinishRare", vectors[vectors.Length - 1].Offset, vectors[vectors.Length - 1].Suffix, step, buffers));
        writer.Unindent();
        string tested = string.Join(", ", vectors.SelectMany(vector => new[] { "m" + vector.Suffix, "v" + vector.Suffix }));
        using (writer.Block($"if (KernelMath.{(reciprocal ? "AnyRare" : "AnySubnormal")}({tested}))"))
        {
            foreach ((string offset, string suffix) in vectors)
            {
                writer.WriteLine($"ExactMoments(ref state0, ref state1, {offset}, g{suffix}, ref m{suffix}, ref v{suffix});");
            }

            if (reciprocal)
            {
                foreach ((string offset, string suffix) in vectors)
                {
                    WriteFinishCall(writer, "FinishRare", offset, suffix, step, buffers, split);
                }

                writer.WriteLine("return;");
            }
        }

        writer.WriteLine();
        foreach ((string offset, string suffix) in vectors)
        {
            WriteFinishCall(writer, "Finish", offset, suffix, step, buffers, split);
        }
    }

    private static void WriteMoments(SourceWriter writer, KernelRule rule, KernelSpec kernel, KernelBody body, string[] moments, ScalarField[] prologue)
    {
        VectorShape shape = body.Shape;
        string[] parameters = new[] { "ref float parameter", "ref float gradient", "ref float state0", "ref float state1", "nuint i" }
            .Concat(prologue.Select(f => $"{shape.Floats} {f.Local}"))
            .Concat(new[] { "p", "g" }.Concat(moments).Select(name => $"out {shape.Floats} {name}"))
            .ToArray();
        writer.WriteSummary("The new moments of the vector at <paramref name=\"i\"/>, from θ, g and the stored moments.");
        writer.WriteLine(Inline);
        using (writer.Block("private static void Moments(", parameters, ")"))
        {
            writer.WriteLine($"p = {shape.Api}.LoadUnsafe(ref parameter, i);");
            writer.WriteLine($"g = {shape.Api}.LoadUnsafe(ref gradient, i);");
            KernelEmitter.WritePrologue(writer, rule, kernel, isDouble: false, body.Constants);
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
        string[] parameters = new[] { "ref float state0", "ref float state1", "nuint i", $"{shape.Floats} g" }
            .Concat(moments.Select(m => $"ref {shape.Floats} {m}"))
            .ToArray();
        writer.WriteSummary("The rare path, from the stored moments (not yet overwritten).");
        writer.WriteLine(Inline);
        using (writer.Block("private static void ExactMoments(", parameters, ")"))
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
        string[] parameters = new[] { "ref float parameter" }
            .Concat(KernelEmitter.StateParameters(buffers.Count))
            .Concat(new[] { "nuint i", $"{shape.Floats} p" })
            .Concat(moments.Select(m => $"{shape.Floats} {m}"))
            .Concat(step.Select(f => $"{shape.Floats} {f.Local}"))
            .ToArray();
        writer.WriteSummary(summary);
        writer.WriteLine(Inline);
        using (writer.Block($"private static void {name}(", parameters, ")"))
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

    /// <summary>A vector's <c>Moments</c> call: its inputs, then (on a line of their own when the whole is long) its outputs.</summary>
    private static void WriteMomentsCall(SourceWriter writer, VectorShape shape, string offset, string suffix, ScalarField[] prologue)
    {
        string inputs = $"Moments(ref parameter, ref gradient, ref state0, ref state1, {offset}{string.Concat(prologue.Select(f => ", " + f.Local))},";
        string outputs = string.Join(", ", s_letters.Select(letter => $"out {shape.Floats} {letter}{suffix}")) + ");";
        if (writer.IndentLevel * 4 + inputs.Length + 1 + outputs.Length <= SourceWriter.LineLimit)
        {
            writer.WriteLine(inputs + " " + outputs);
            return;
        }

        writer.WriteLine(inputs);
        writer.Indent();
        writer.WriteLine(outputs);
        writer.Unindent();
    }

    /// <summary>A vector's finishing call: its streams, index and values, then the scalars.</summary>
    private static void WriteFinishCall(SourceWriter writer, string name, string offset, string suffix, ScalarField[] step, int buffers, bool split) =>
        writer.WriteGroups($"{name}(", FinishArguments(offset, suffix, step, buffers), ");", split);

    private static string FinishCall(string name, string offset, string suffix, ScalarField[] step, int buffers) =>
        $"{name}(" + string.Join(", ", FinishArguments(offset, suffix, step, buffers).SelectMany(g => g)) + ");";

    private static string[][] FinishArguments(string offset, string suffix, ScalarField[] step, int buffers) => new[]
    {
        new[] { "ref parameter" }.Concat(KernelEmitter.StateArguments(buffers)).Concat(new[] { offset, "p" + suffix, "m" + suffix, "v" + suffix }).ToArray(),
        step.Select(f => f.Local).ToArray(),
    };
}
