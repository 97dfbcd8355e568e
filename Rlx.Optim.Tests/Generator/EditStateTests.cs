using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;
using Rlx.Optim.Generators.Diagnostics;

namespace Rlx.Optim.Tests.Generator;

/// <summary>
/// The generator and the analyzer in the states a declaration passes through in an editor: every prefix of it that
/// ends at a token (typing it from the top), and it with any one token deleted. In each, neither may fail (no
/// exception, no RLXO0099), and no generated file may hold an error: what is wrong is reported where the user can fix
/// it, by the compiler or by an RLXO diagnostic, never as errors in code the user cannot edit.
/// </summary>
public sealed class EditStateTests
{
    public static TheoryData<string> Declarations() => new()
    {
        // Nested, 16-bit parameters and state, every kind of attribute argument, an unnamed shape.
        """
        using System;
        using Rlx.Optim;

        namespace Demo;

        public partial class Outer
        {
            [AdamWOptimizer(LearningRate = 1e-3, Beta1 = 0.9, StatePrecision = StatePrecision.BFloat16, RoundingSeed = 42, MaxGradientNorm = 1.0)]
            internal sealed partial class Net
            {
                [Parameter(768, 64, Name = "h.0.w", WeightDecay = 0, LearningRateScale = 0.5)] public partial void StepW(Span<BFloat16> w, ReadOnlySpan<float> g);
                [Parameter(64)] public partial void StepB(Span<Half> b, ReadOnlySpan<Half> g);
                [Parameter] internal partial void StepT(Span<float> t, ReadOnlySpan<float> g);
            }
        }
        """,

        // A block namespace, Adafactor through master weights, a [Parameter] method outside any optimizer.
        """
        namespace Demo.Models
        {
            using System;
            using Rlx.Optim;

            [AdafactorOptimizer(MasterWeights = true, Precision = OptimizerPrecision.Double)]
            public partial class Factored
            {
                [Parameter(32, 48)] public partial void StepFc(Span<BFloat16> weights, ReadOnlySpan<float> gradient);
                [Parameter(48, Name = "fc.bias")] private partial void StepBias(Span<float> bias, ReadOnlySpan<float> gradient);
            }

            public partial class NotAnOptimizer
            {
                [Parameter(4)] public partial void StepStray(Span<float> w, ReadOnlySpan<float> g);
            }
        }
        """,

        // The global namespace, Schedule-Free AdamW with a per-set β₁, and a name-keyed optimizer beside it.
        """
        using System;
        using Rlx.Optim;

        [ScheduleFreeAdamWOptimizer(WeightDecay = 0.01, WarmupSteps = 100, SkipNonFiniteSteps = true)]
        public partial class Free
        {
            [Parameter(256, 64)] public partial void StepWeights(Span<float> weights, ReadOnlySpan<float> gradient);
            [Parameter(64, Beta1 = 0.95)] public partial void StepBias(Span<float> bias, ReadOnlySpan<float> gradient);
        }

        [LionOptimizer(LearningRate = 1e-4)]
        public partial class ByName
        {
        }
        """,
    };

    [Theory]
    [MemberData(nameof(Declarations))]
    public async Task Neither_fails_nor_writes_an_error_in_any_edit_state(string declaration)
    {
        SyntaxTree tree = CSharpSyntaxTree.ParseText(declaration, GeneratorHarness.ParseOptions);
        List<string> states = tree.GetRoot().DescendantTokens()
            .SelectMany(token => new[] { declaration[..token.Span.End], declaration.Remove(token.SpanStart, token.Span.Length) })
            .Distinct(StringComparer.Ordinal)
            .ToList();
        Assert.True(states.Count > 150, $"{states.Count} states");

        var problems = new List<string>();
        foreach (string state in states)
        {
            problems.AddRange((await ProblemsAsync(state)).Select(problem => $"{problem}\nin:\n{state}"));
        }

        // One example of each kind of problem, with its count.
        Assert.True(problems.Count == 0, $"{problems.Count} problems:\n" + string.Join("\n\n", problems
            .GroupBy(problem => problem.Split('\n')[0].Split(": error")[^1])
            .Select(kind => $"{kind.Count()} × {kind.First()}")));
    }

    /// <summary>What the generator and the analyzer did wrong in one state of the source.</summary>
    private static async Task<List<string>> ProblemsAsync(string source)
    {
        var problems = new List<string>();
        (_, GeneratorRunResult result, Compilation output) = GeneratorHarness.Run(GeneratorHarness.Compile(source));
        if (result.Exception is not null)
        {
            problems.Add("The generator threw: " + result.Exception);
        }

        var options = new CompilationWithAnalyzersOptions(
            new AnalyzerOptions([]),
            onAnalyzerException: (exception, _, _) => problems.Add("The analyzer threw: " + exception),
            concurrentAnalysis: false,
            logAnalyzerExecutionTime: false);
        // The compiler's diagnostics and the analyzer's from one binding of the generated code.
        ImmutableArray<Diagnostic> all = await output.WithAnalyzers([new OptimizerAnalyzer()], options).GetAllDiagnosticsAsync();
        problems.AddRange(result.Diagnostics.Concat(all)
            .Where(d => d.Id is "RLXO0099" || d.Id.StartsWith("AD", StringComparison.Ordinal))
            .Select(d => "Failure reported: " + d));

        ImmutableHashSet<SyntaxTree> generated = result.GeneratedSources.Select(s => s.SyntaxTree).ToImmutableHashSet();
        problems.AddRange(all
            .Where(d => d.Severity == DiagnosticSeverity.Error && d.Location.SourceTree is { } t && generated.Contains(t))
            .Select(d => "Error in a generated file: " + d + "\n" + d.Location.SourceTree!.GetText().Lines.GetLineFromPosition(d.Location.SourceSpan.Start)));
        return problems;
    }
}
