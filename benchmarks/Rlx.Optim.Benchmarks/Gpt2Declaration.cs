using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text;

namespace Rlx.Optim.Benchmarks;

/// <summary>
/// The GPT-2 small layout as declared sets: the shapes of its 148 tensors (Hugging Face's names and shapes, whose
/// lengths are <see cref="BFloat16StateStep.Gpt2SmallLayout"/>'s), the same layout with every dimension divided by 32,
/// and <c>--print-gpt2-declaration</c>, which writes <c>Gpt2Declarations.cs</c> (two optimizers declaring them).
/// </summary>
/// <remarks>
/// The file is committed, not generated at build time: rewrite it with
/// <c>dotnet run -c Release --project benchmarks/Rlx.Optim.Benchmarks -- --print-gpt2-declaration &gt; benchmarks/Rlx.Optim.Benchmarks/Gpt2Declarations.cs</c>
/// after changing anything here. <see cref="Verify"/> checks at run time that the optimizers declare these shapes.
/// </remarks>
public static class Gpt2Declaration
{
    /// <summary>GPT-2 small: vocabulary 50,257, context 1,024, width 768, 12 blocks; 148 tensors, 124,439,808 parameters.</summary>
    public static IReadOnlyList<(string Name, int[] Shape)> Small { get; } = Shapes(vocabulary: 50_257, context: 1_024, width: 768, layers: 12);

    /// <summary>
    /// GPT-2 small with every dimension divided by 32 (vocabulary 50,257 / 32 rounded to 1,571, context 32, width 24,
    /// still 12 blocks): the same 148 tensors, 125,208 parameters (994× fewer), 2.5 MB of θ, g, m and v: in cache.
    /// </summary>
    public static IReadOnlyList<(string Name, int[] Shape)> Miniature { get; } = Shapes(vocabulary: 1_571, context: 32, width: 24, layers: 12);

    /// <summary>
    /// GPT-2's trainable tensors in PyTorch's order (the output projection tied to <c>wte</c>): the embeddings, then per
    /// block <c>ln_1</c>, <c>attn.c_attn</c>, <c>attn.c_proj</c>, <c>ln_2</c>, <c>mlp.c_fc</c>, <c>mlp.c_proj</c> (weight,
    /// bias), then <c>ln_f</c>. The projections are Hugging Face's <c>Conv1D</c>, whose weights are [in, out].
    /// </summary>
    public static IReadOnlyList<(string Name, int[] Shape)> Shapes(int vocabulary, int context, int width, int layers)
    {
        var shapes = new List<(string, int[])> { ("wte.weight", [vocabulary, width]), ("wpe.weight", [context, width]) };
        for (int layer = 0; layer < layers; layer++)
        {
            string h = string.Create(CultureInfo.InvariantCulture, $"h.{layer}.");
            shapes.Add((h + "ln_1.weight", [width]));
            shapes.Add((h + "ln_1.bias", [width]));
            shapes.Add((h + "attn.c_attn.weight", [width, 3 * width]));
            shapes.Add((h + "attn.c_attn.bias", [3 * width]));
            shapes.Add((h + "attn.c_proj.weight", [width, width]));
            shapes.Add((h + "attn.c_proj.bias", [width]));
            shapes.Add((h + "ln_2.weight", [width]));
            shapes.Add((h + "ln_2.bias", [width]));
            shapes.Add((h + "mlp.c_fc.weight", [width, 4 * width]));
            shapes.Add((h + "mlp.c_fc.bias", [4 * width]));
            shapes.Add((h + "mlp.c_proj.weight", [4 * width, width]));
            shapes.Add((h + "mlp.c_proj.bias", [width]));
        }

        shapes.Add(("ln_f.weight", [width]));
        shapes.Add(("ln_f.bias", [width]));
        return shapes;
    }

    /// <summary>The number of elements of a shape.</summary>
    public static int Length(int[] shape) => shape.Aggregate(1, (product, dimension) => checked(product * dimension));

    /// <summary>
    /// Throws unless <paramref name="optimizer"/> declares exactly <paramref name="shapes"/>' sets, by name and length,
    /// in order (a stale <c>Gpt2Declarations.cs</c> would measure another layout).
    /// </summary>
    public static void Verify(IOptimizer optimizer, IReadOnlyList<(string Name, int[] Shape)> shapes)
    {
        IReadOnlyList<ParameterState> states = optimizer.States;
        bool same = states.Count == shapes.Count
            && states.Select(s => (s.Name, s.Length)).SequenceEqual(shapes.Select(s => (s.Name, Length(s.Shape))));
        if (!same)
        {
            throw new InvalidOperationException(
                $"{optimizer.GetType().Name} does not declare the layout it stands for: rewrite Gpt2Declarations.cs with --print-gpt2-declaration.");
        }
    }

    /// <summary>The C# text of <c>Gpt2Declarations.cs</c>.</summary>
    public static string Print()
    {
        // The full layout must be the one --bf16-state steps by name: same names, same lengths, same order.
        if (!Small.Select(s => (s.Name, Length(s.Shape))).SequenceEqual(BFloat16StateStep.Gpt2SmallLayout()))
        {
            throw new InvalidOperationException("Gpt2Declaration.Small differs from BFloat16StateStep.Gpt2SmallLayout().");
        }

        var text = new StringBuilder();
        text.Append("""
            // Written by Gpt2Declaration.Print(); do not edit by hand. To rewrite it:
            //   dotnet run -c Release --project benchmarks/Rlx.Optim.Benchmarks -- --print-gpt2-declaration > benchmarks/Rlx.Optim.Benchmarks/Gpt2Declarations.cs
            // (if this file no longer compiles, empty it first: the printer does not depend on it).
            using System;
            using Rlx.Optim;

            namespace Rlx.Optim.Benchmarks;

            /// <summary>What --whole-step calls on a declared GPT-2 layout: every set's method in turn, or StepAll.</summary>
            public interface IDeclaredLayout : IOptimizer
            {
                /// <summary>Every declared set through its own method, in declaration order, then EndIteration (StepAll before the step plan).</summary>
                void StepEachSet(ArraySegment<float>[] parameters, ArraySegment<float>[] gradients);

                /// <summary>The generated StepAll over every declared set.</summary>
                bool StepAllSets(ArraySegment<float>[] parameters, ArraySegment<float>[] gradients);
            }

            """);
        Declare(text, "Gpt2SmallAdam", "GPT-2 small's 148 tensors (124,439,808 parameters)", Small);
        Declare(text, "Gpt2MiniatureAdam", "GPT-2 small's 148 tensors with every dimension divided by 32 (125,208 parameters)", Miniature);
        Declare(text, "Gpt2SmallAdafactor", "GPT-2 small's 148 tensors (124,439,808 parameters)", Small, AdafactorAttribute);
        return text.ToString();
    }

    /// <summary>The Adam every layout but Adafactor's declares: --bf16-state's settings.</summary>
    private const string AdamAttribute = "[AdamOptimizer(LearningRate = 1e-3, Beta1 = 0.9, Beta2 = 0.999, Epsilon = 1e-8)]";

    /// <summary>Adafactor at PyTorch's defaults: the matrices factored (row_var, col_var), the vectors with a variance.</summary>
    private const string AdafactorAttribute = "[AdafactorOptimizer]";

    private static void Declare(
        StringBuilder text, string className, string what, IReadOnlyList<(string Name, int[] Shape)> shapes, string attribute = AdamAttribute)
    {
        string[] methods = shapes.Select(s => "Step" + Pascal(s.Name)).ToArray();
        text.AppendLine();
        text.AppendLine("/// <summary>");
        text.AppendLine(attribute == AdamAttribute
            ? string.Create(CultureInfo.InvariantCulture, $"/// Float Adam at --bf16-state's settings (lr 1e-3, β 0.9/0.999, ε 1e-8) declaring {what},")
            : string.Create(CultureInfo.InvariantCulture, $"/// Adafactor at PyTorch's defaults declaring {what},"));
        text.AppendLine("/// with Hugging Face's names and shapes.");
        text.AppendLine("/// </summary>");
        text.AppendLine(attribute);
        text.AppendLine(CultureInfo.InvariantCulture, $"public partial class {className} : IDeclaredLayout");
        text.AppendLine("{");
        for (int k = 0; k < shapes.Count; k++)
        {
            string shape = string.Join(", ", shapes[k].Shape.Select(d => d.ToString(CultureInfo.InvariantCulture)));
            text.AppendLine(CultureInfo.InvariantCulture, $"    [Parameter({shape}, Name = \"{shapes[k].Name}\")]");
            text.AppendLine(CultureInfo.InvariantCulture, $"    public partial void {methods[k]}(Span<float> p, ReadOnlySpan<float> g);");
            text.AppendLine();
        }

        text.AppendLine("    public void StepEachSet(ArraySegment<float>[] parameters, ArraySegment<float>[] gradients)");
        text.AppendLine("    {");
        for (int k = 0; k < shapes.Count; k++)
        {
            text.AppendLine(CultureInfo.InvariantCulture, $"        {methods[k]}(parameters[{k}], gradients[{k}]);");
        }

        text.AppendLine("        EndIteration();");
        text.AppendLine("    }");
        text.AppendLine();
        text.AppendLine("    public bool StepAllSets(ArraySegment<float>[] parameters, ArraySegment<float>[] gradients) =>");
        text.AppendLine("        StepAll(");
        const int PerLine = 2;
        for (int k = 0; k < shapes.Count; k += PerLine)
        {
            IEnumerable<string> pairs = Enumerable.Range(k, Math.Min(PerLine, shapes.Count - k))
                .Select(i => string.Create(CultureInfo.InvariantCulture, $"parameters[{i}], gradients[{i}]"));
            text.AppendLine(CultureInfo.InvariantCulture, $"            {string.Join(", ", pairs)}{(k + PerLine < shapes.Count ? "," : ");")}");
        }

        text.AppendLine("}");
    }

    /// <summary><c>h.0.attn.c_attn.weight</c> becomes <c>H0AttnCAttnWeight</c>.</summary>
    private static string Pascal(string name) =>
        string.Concat(name.Split('.', '_').Select(part => char.ToUpperInvariant(part[0]) + part[1..]));
}
