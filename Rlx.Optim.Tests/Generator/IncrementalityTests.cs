using System;
using System.Collections;
using System.Collections.Generic;
using System.Linq;
using System.Reflection;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Rlx.Optim.Generators;

namespace Rlx.Optim.Tests.Generator;

/// <summary>
/// The generator's pipeline with step tracking on: edits that do not touch an annotated class reuse the cached
/// output, and the cached model holds no symbols, syntax, compilations or locations.
/// </summary>
public sealed class IncrementalityTests
{
    private const string Optimizer = """
        using System;
        using Rlx.Optim;

        namespace Demo;

        [AdamOptimizer(Beta1 = 0.9)]
        public partial class MlpOptimizer
        {
            [Parameter(784, 128)] public partial void StepW1(Span<float> weights, ReadOnlySpan<float> gradient);
            [Parameter(128, WeightDecay = 0)] public partial void StepB1(Span<float> bias, ReadOnlySpan<float> gradient);
        }

        public class Unrelated
        {
            public int Value() => 1;
        }
        """;

    [Fact]
    public void A_new_file_elsewhere_leaves_every_step_cached()
    {
        Compilation first = GeneratorHarness.Compile(Optimizer);
        (GeneratorDriver driver, _, _) = GeneratorHarness.Run(first);

        Compilation second = first.AddSyntaxTrees(CSharpSyntaxTree.ParseText("public class Other { }", GeneratorHarness.ParseOptions));
        (_, GeneratorRunResult result, _) = GeneratorHarness.Run(second, driver);

        // Roslyn runs the semantic transform again for a new compilation; its equal model stops the work there.
        AssertReasons(result, TrackingNames.Extract, IncrementalStepRunReason.Unchanged);
        AssertReasons(result, TrackingNames.Valid, IncrementalStepRunReason.Cached);
        AssertOutputReasons(result, IncrementalStepRunReason.Cached);
    }

    [Fact]
    public void An_edit_elsewhere_in_the_same_file_reuses_the_output()
    {
        Compilation first = GeneratorHarness.Compile(Optimizer);
        (GeneratorDriver driver, _, _) = GeneratorHarness.Run(first);

        Compilation second = Replace(first, "public int Value() => 1;", "public int Value() => 2; // edited");
        (_, GeneratorRunResult result, _) = GeneratorHarness.Run(second, driver);

        // The file changed, so the class is parsed again, but the model is equal: nothing downstream runs.
        AssertReasons(result, TrackingNames.Extract, IncrementalStepRunReason.Unchanged);
        AssertReasons(result, TrackingNames.Valid, IncrementalStepRunReason.Cached);
        AssertOutputReasons(result, IncrementalStepRunReason.Cached);
    }

    [Fact]
    public void A_changed_hyperparameter_regenerates()
    {
        Compilation first = GeneratorHarness.Compile(Optimizer);
        (GeneratorDriver driver, _, _) = GeneratorHarness.Run(first);

        Compilation second = Replace(first, "Beta1 = 0.9", "Beta1 = 0.8");
        (_, GeneratorRunResult result, _) = GeneratorHarness.Run(second, driver);

        AssertReasons(result, TrackingNames.Extract, IncrementalStepRunReason.Modified);
        AssertOutputReasons(result, IncrementalStepRunReason.Modified);
        Assert.Contains("0.8f", result.GeneratedSources.Single().SourceText.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void The_cached_model_holds_no_symbols_syntax_or_locations()
    {
        (_, GeneratorRunResult result, _) = GeneratorHarness.Run(GeneratorHarness.Compile(Optimizer));

        object model = result.TrackedSteps[TrackingNames.Extract].Single().Outputs.Single().Value;
        Assert.NotNull(model);
        AssertPure(model, new HashSet<object>(ReferenceEqualityComparer.Instance), "model");
    }

    [Fact]
    public void An_invalid_declarations_fallback_is_cached_across_an_edit_elsewhere()
    {
        Compilation first = GeneratorHarness.Compile(Optimizer.Replace("Beta1 = 0.9", "Beta1 = 1.5", StringComparison.Ordinal));
        (GeneratorDriver driver, _, _) = GeneratorHarness.Run(first);

        Compilation second = Replace(first, "public int Value() => 1;", "public int Value() => 2; // edited");
        (_, GeneratorRunResult result, _) = GeneratorHarness.Run(second, driver);

        AssertReasons(result, TrackingNames.Extract, IncrementalStepRunReason.Unchanged);
        AssertReasons(result, TrackingNames.Fallback, IncrementalStepRunReason.Cached);
        AssertOutputReasons(result, IncrementalStepRunReason.Cached);
    }

    [Fact]
    public void A_fallback_model_holds_no_symbols_syntax_or_locations()
    {
        // A class no generated file can extend: its model carries the diagnostics the generator reports itself.
        string source = Optimizer.Replace("public partial class MlpOptimizer", "public class MlpOptimizer", StringComparison.Ordinal);
        (_, GeneratorRunResult result, _) = GeneratorHarness.Run(GeneratorHarness.Compile(source));

        object model = result.TrackedSteps[TrackingNames.Extract].Single().Outputs.Single().Value;
        Assert.Equal("RLXO0001", Assert.Single(result.Diagnostics).Id);
        AssertPure(model, new HashSet<object>(ReferenceEqualityComparer.Instance), "model");
    }

    private static void AssertPure(object? node, HashSet<object> seen, string path)
    {
        if (node is null || node is string || node.GetType().IsPrimitive || node.GetType().IsEnum || !seen.Add(node))
        {
            return;
        }

        Assert.False(
            node is ISymbol or SyntaxNode or SyntaxTree or Compilation or SemanticModel or Location or Diagnostic or AttributeData,
            $"{path} holds a {node.GetType().Name}: the cache would keep a compilation alive and never hit.");
        if (node is IEnumerable items)
        {
            int index = 0;
            foreach (object? item in items)
            {
                AssertPure(item, seen, $"{path}[{index++}]");
            }

            return;
        }

        foreach (FieldInfo field in node.GetType().GetFields(BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic))
        {
            AssertPure(field.GetValue(node), seen, $"{path}.{field.Name}");
        }
    }

    private static Compilation Replace(Compilation compilation, string oldText, string newText)
    {
        SyntaxTree tree = compilation.SyntaxTrees.Single(t => t.ToString().Contains(oldText, StringComparison.Ordinal));
        SyntaxTree edited = tree.WithChangedText(Microsoft.CodeAnalysis.Text.SourceText.From(tree.ToString().Replace(oldText, newText, StringComparison.Ordinal)));
        return compilation.ReplaceSyntaxTree(tree, edited);
    }

    private static void AssertReasons(GeneratorRunResult result, string step, IncrementalStepRunReason expected)
    {
        IncrementalGeneratorRunStep[] steps = result.TrackedSteps[step].ToArray();
        Assert.NotEmpty(steps);
        Assert.All(steps.SelectMany(s => s.Outputs), output => Assert.Equal(expected, output.Reason));
    }

    private static void AssertOutputReasons(GeneratorRunResult result, IncrementalStepRunReason expected)
    {
        IncrementalGeneratorRunStep[] steps = result.TrackedOutputSteps.SelectMany(s => s.Value).ToArray();
        Assert.NotEmpty(steps);
        Assert.All(steps.SelectMany(s => s.Outputs), output => Assert.Equal(expected, output.Reason));
    }
}
