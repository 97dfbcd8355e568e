using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Rlx.Optim.Generators;

namespace Rlx.Optim.Benchmarks;

/// <summary>
/// The generator's cost for 1, 100 and 1,000 declared sets, from the driver's own timing, and whether an edit
/// elsewhere in the same file reuses the cached output.
/// </summary>
public static class GeneratorCost
{
    private const int Repeats = 5;

    public static string Measure()
    {
        var text = new StringBuilder();
        text.AppendLine("| declared sets | generated lines | first run (driver timing) | after an edit elsewhere in the file | output after the edit |");
        text.AppendLine("|---:|---:|---:|---:|---|");
        Run(Compilation(Source(1, "1"))); // JIT the generator and Roslyn before timing anything
        foreach (int sets in new[] { 1, 100, 1000 })
        {
            var first = new List<double>();
            var second = new List<double>();
            string reasons = "";
            int lines = 0;
            for (int repeat = 0; repeat < Repeats; repeat++)
            {
                CSharpCompilation compilation = Compilation(Source(sets, "1"));
                (GeneratorDriver driver, TimeSpan elapsed) = Run(compilation);
                first.Add(elapsed.TotalMilliseconds);
                lines = driver.GetRunResult().GeneratedTrees.Sum(t => t.GetText().Lines.Count);

                SyntaxTree tree = compilation.SyntaxTrees.Single();
                CSharpCompilation edited = compilation.ReplaceSyntaxTree(tree, tree.WithChangedText(
                    Microsoft.CodeAnalysis.Text.SourceText.From(Source(sets, "2"))));
                (driver, elapsed) = Run(edited, driver);
                second.Add(elapsed.TotalMilliseconds);
                reasons = string.Join(", ", driver.GetRunResult().Results.Single().TrackedOutputSteps
                    .SelectMany(s => s.Value).SelectMany(s => s.Outputs).Select(o => o.Reason).Distinct());
            }

            text.AppendLine(string.Create(CultureInfo.InvariantCulture,
                $"| {sets:N0} | {lines:N0} | {Median(first):F1} ms | {Median(second):F1} ms | {reasons} |"));
        }

        return text.ToString();
    }

    private static (GeneratorDriver Driver, TimeSpan Elapsed) Run(Compilation compilation, GeneratorDriver? driver = null)
    {
        driver ??= CSharpGeneratorDriver.Create(
            [new OptimizerGenerator().AsSourceGenerator()],
            driverOptions: new GeneratorDriverOptions(IncrementalGeneratorOutputKind.None, trackIncrementalGeneratorSteps: true));
        driver = driver.RunGenerators(compilation);
        return (driver, driver.GetTimingInfo().ElapsedTime);
    }

    /// <summary>An optimizer with <paramref name="sets"/> declared sets, and an unrelated class whose body the edit changes.</summary>
    private static string Source(int sets, string unrelatedValue)
    {
        var source = new StringBuilder("using System;\nusing Rlx.Optim;\n\n[AdamOptimizer]\npublic partial class Large\n{\n");
        for (int i = 0; i < sets; i++)
        {
            source.Append(CultureInfo.InvariantCulture, $"    [Parameter(64, {i + 1})] public partial void StepLayer{i}(Span<float> p, ReadOnlySpan<float> g);\n");
        }

        return source.Append(CultureInfo.InvariantCulture, $"}}\n\npublic class Unrelated\n{{\n    public int Value() => {unrelatedValue};\n}}\n").ToString();
    }

    private static CSharpCompilation Compilation(string source) =>
        CSharpCompilation.Create(
            "GeneratorCost",
            [CSharpSyntaxTree.ParseText(source)],
            References(),
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary));

    private static IEnumerable<MetadataReference> References() =>
        ((string)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES")!)
            .Split(Path.PathSeparator)
            .Where(path => Path.GetFileName(path).StartsWith("System.", StringComparison.Ordinal) || Path.GetFileName(path) is "netstandard.dll" or "mscorlib.dll")
            .Append(typeof(AdamOptimizerAttribute).Assembly.Location)
            .Select(path => MetadataReference.CreateFromFile(path));

    private static double Median(List<double> values) => values.Order().ElementAt(values.Count / 2);
}
