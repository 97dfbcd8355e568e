using System.Collections.Immutable;
using System.Linq;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Text;

namespace Rlx.Optim.Tests.Generator;

/// <summary>
/// Each diagnostic, produced by a minimal declaration, at the span marked <c>[|...|]</c>; and for each, the generator
/// writes nothing and does not fail.
/// </summary>
public sealed class DiagnosticTests
{
    private const string Header = """
        using System;
        using Rlx.Optim;

        """;

    private const string Set = "[Parameter(4)] public partial void StepW(Span<float> weights, ReadOnlySpan<float> gradient);";

    public static TheoryData<string, string> Cases() => new()
    {
        { "RLXO0001", "[AdamOptimizer] public class [|NotPartial|] { }" },
        { "RLXO0001", $"[AdamOptimizer] public class [|NotPartial|] {{ {Set} }}" },
        { "RLXO0002", $"[AdamOptimizer([|Beta1 = 1.0|])] public partial class A {{ {Set} }}" },
        { "RLXO0002", "[AdamOptimizer] public partial class A { [Parameter(4, [|Beta1 = -0.1|])] public partial void StepW(Span<float> w, ReadOnlySpan<float> g); }" },
        { "RLXO0002", $"[AdamOptimizer([|Beta1 = 0.99999999|])] public partial class A {{ {Set} }}" },
        { "RLXO0003", $"[AdamOptimizer([|Beta2 = 1.5|])] public partial class A {{ {Set} }}" },
        { "RLXO0004", $"[AdamOptimizer([|Epsilon = 0|])] public partial class A {{ {Set} }}" },
        { "RLXO0004", "[AdamOptimizer] public partial class A { [Parameter(4, [|Epsilon = double.PositiveInfinity|])] public partial void StepW(Span<float> w, ReadOnlySpan<float> g); }" },
        { "RLXO0005", $"[AdamOptimizer([|LearningRate = -1e-3|])] public partial class A {{ {Set} }}" },
        { "RLXO0005", $"[AdamOptimizer([|LearningRate = double.NaN|])] public partial class A {{ {Set} }}" },
        { "RLXO0006", $"[AdamOptimizer([|WeightDecay = -0.01|])] public partial class A {{ {Set} }}" },
        { "RLXO0007", "[AdamOptimizer] public partial class A { [Parameter(4)] public partial [|int|] StepW(Span<float> w, ReadOnlySpan<float> g); }" },
        { "RLXO0008", "[AdamOptimizer] public partial class A { [Parameter(4)] public partial void StepW[|(Span<double> w, ReadOnlySpan<float> g)|]; }" },
        { "RLXO0008", "[AdamOptimizer] public partial class A { [Parameter(4)] public partial void StepW[|(Span<float> w)|]; }" },
        { "RLXO0009", "[AdamOptimizer] public partial class A { [Parameter(4)] public static partial void [|StepW|](Span<float> w, ReadOnlySpan<float> g); }" },
        { "RLXO0009", "[AdamOptimizer] public partial class A { [Parameter(4)] public void [|StepW|](Span<float> w, ReadOnlySpan<float> g) { } }" },
        { "RLXO0010", "[AdamOptimizer] public partial class A { [Parameter(4, [|0|])] public partial void StepW(Span<float> w, ReadOnlySpan<float> g); }" },
        { "RLXO0011", "[AdamOptimizer] public partial class A { [[|Parameter(65536, 65536)|]] public partial void StepW(Span<float> w, ReadOnlySpan<float> g); }" },
        { "RLXO0012", "[AdamOptimizer] public partial class A { [Parameter(4)] public partial void StepW(Span<float> w, ReadOnlySpan<float> g); [Parameter(4, [|Name = \"w\"|])] public partial void StepV(Span<float> w, ReadOnlySpan<float> g); }" },
        { "RLXO0013", $"[AdamOptimizer] public partial class [|Generic|]<T> {{ {Set} }}" },
        { "RLXO0013", $"public class Outer {{ [AdamOptimizer] public partial class [|Inner|] {{ {Set} }} }}" },
        { "RLXO0013", $"[AdamOptimizer] public partial record [|Record|] {{ {Set} }}" },
        { "RLXO0013", $"[AdamOptimizer] file partial class [|FileLocal|] {{ {Set} }}" },
        { "RLXO0013", $"public class Outer {{ [AdamOptimizer] public partial class [|Inner|] {{ }} }}" },
        { "RLXO0014", "[AdamOptimizer] public partial class A { [Parameter(4, [|Name = \"\"|])] public partial void StepW(Span<float> w, ReadOnlySpan<float> g); }" },
        { "RLXO0015", $"[AdamOptimizer([|ParallelThreshold = 0|])] public partial class A {{ {Set} }}" },
        { "RLXO0016", $"[AdamOptimizer([|Precision = (OptimizerPrecision)7|])] public partial class A {{ {Set} }}" },
        { "RLXO0017", "public partial class NotAnOptimizer { [Parameter(4)] public partial void [|StepW|](Span<float> w, ReadOnlySpan<float> g); }" },
        { "RLXO0017", "public class NotPartial { [Parameter(4)] public partial void [|StepW|](Span<float> w, ReadOnlySpan<float> g); }" },
        { "RLXO0002", $"[LionOptimizer([|Beta1 = 1.5|])] public partial class A {{ {Set} }}" },
        { "RLXO0003", $"[LionOptimizer([|Beta2 = -0.5|])] public partial class A {{ {Set} }}" },
        { "RLXO0003", $"[AdamWOptimizer([|Beta2 = 1.0|])] public partial class A {{ {Set} }}" },
        { "RLXO0004", $"[NAdamOptimizer([|Epsilon = -1e-8|])] public partial class A {{ {Set} }}" },
        { "RLXO0006", $"[SgdOptimizer([|WeightDecay = double.NaN|])] public partial class A {{ {Set} }}" },
        { "RLXO0018", $"[SgdOptimizer([|Nesterov = true|])] public partial class A {{ {Set} }}" },
        { "RLXO0019", $"[SgdOptimizer(Momentum = 0.9, Nesterov = true, [|Dampening = 0.1|])] public partial class A {{ {Set} }}" },
        { "RLXO0020", "[LionOptimizer] public partial class A { [Parameter(4, [|Epsilon = 1e-6|])] public partial void StepW(Span<float> w, ReadOnlySpan<float> g); }" },
        { "RLXO0020", "[SgdOptimizer] public partial class A { [Parameter(4, [|Beta1 = 0.5|])] public partial void StepW(Span<float> w, ReadOnlySpan<float> g); }" },
        { "RLXO0021", $"[[|AdamOptimizer|], SgdOptimizer] public partial class A {{ {Set} }}" },
        { "RLXO0022", $"[SgdOptimizer([|Momentum = 1.0|])] public partial class A {{ {Set} }}" },
        { "RLXO0023", $"[SgdOptimizer(Momentum = 0.9, [|Dampening = 1.5|])] public partial class A {{ {Set} }}" },
        { "RLXO0024", $"[NAdamOptimizer([|MomentumDecay = -0.004|])] public partial class A {{ {Set} }}" },
        { "RLXO0025", $"[AdamOptimizer([|MaxGradientNorm = -1|])] public partial class A {{ {Set} }}" },
        { "RLXO0025", $"[LionOptimizer([|MaxGradientNorm = double.PositiveInfinity|])] public partial class A {{ {Set} }}" },
        { "RLXO0026", "[AdamOptimizer] public partial class A { [Parameter(4, [|LearningRateScale = -0.1|])] public partial void StepW(Span<float> w, ReadOnlySpan<float> g); }" },
        { "RLXO0026", "[SgdOptimizer] public partial class A { [Parameter(4, [|LearningRateScale = double.NaN|])] public partial void StepW(Span<float> w, ReadOnlySpan<float> g); }" },
        { "RLXO0027", $"[AdagradOptimizer([|LearningRateDecay = -0.01|])] public partial class A {{ {Set} }}" },
        { "RLXO0027", $"[AdagradOptimizer([|LearningRateDecay = double.PositiveInfinity|])] public partial class A {{ {Set} }}" },
        { "RLXO0028", $"[AdagradOptimizer([|InitialAccumulatorValue = -0.1|])] public partial class A {{ {Set} }}" },
        { "RLXO0028", $"[AdagradOptimizer([|InitialAccumulatorValue = double.NaN|])] public partial class A {{ {Set} }}" },
        { "RLXO0029", $"[RMSpropOptimizer([|Alpha = 1.0|])] public partial class A {{ {Set} }}" },
        { "RLXO0029", "[RMSpropOptimizer] public partial class A { [Parameter(4, [|Alpha = -0.5|])] public partial void StepW(Span<float> w, ReadOnlySpan<float> g); }" },
        { "RLXO0004", $"[AdagradOptimizer([|Epsilon = 0|])] public partial class A {{ {Set} }}" },
        { "RLXO0004", "[RMSpropOptimizer] public partial class A { [Parameter(4, [|Epsilon = -1e-8|])] public partial void StepW(Span<float> w, ReadOnlySpan<float> g); }" },
        { "RLXO0005", $"[RMSpropOptimizer([|LearningRate = 0|])] public partial class A {{ {Set} }}" },
        { "RLXO0006", $"[AdagradOptimizer([|WeightDecay = -1|])] public partial class A {{ {Set} }}" },
        { "RLXO0020", "[AdagradOptimizer] public partial class A { [Parameter(4, [|Beta2 = 0.9|])] public partial void StepW(Span<float> w, ReadOnlySpan<float> g); }" },
        { "RLXO0020", "[AdamOptimizer] public partial class A { [Parameter(4, [|Alpha = 0.9|])] public partial void StepW(Span<float> w, ReadOnlySpan<float> g); }" },
        { "RLXO0022", $"[RMSpropOptimizer([|Momentum = -0.1|])] public partial class A {{ {Set} }}" },
        { "RLXO0030", $"[AdafactorOptimizer([|Beta2Decay = 0.5|])] public partial class A {{ {Set} }}" },
        { "RLXO0030", $"[AdafactorOptimizer([|Beta2Decay = double.NaN|])] public partial class A {{ {Set} }}" },
        { "RLXO0031", $"[AdafactorOptimizer([|Epsilon1 = -1e-30|])] public partial class A {{ {Set} }}" },
        { "RLXO0031", $"[AdafactorOptimizer([|Epsilon2 = double.PositiveInfinity|])] public partial class A {{ {Set} }}" },
        { "RLXO0032", $"[AdafactorOptimizer([|ClippingThreshold = 0.5|])] public partial class A {{ {Set} }}" },
        { "RLXO0005", $"[AdafactorOptimizer([|LearningRate = 0|])] public partial class A {{ {Set} }}" },
        { "RLXO0006", $"[AdafactorOptimizer([|WeightDecay = -1|])] public partial class A {{ {Set} }}" },
        { "RLXO0020", "[AdafactorOptimizer] public partial class A { [Parameter(4, [|Epsilon = 1e-6|])] public partial void StepW(Span<float> w, ReadOnlySpan<float> g); }" },
        { "RLXO0034", $"[LambOptimizer([|EpsilonRoot = -1e-8|])] public partial class A {{ {Set} }}" },
        { "RLXO0034", $"[LambOptimizer([|EpsilonRoot = double.PositiveInfinity|])] public partial class A {{ {Set} }}" },
        { "RLXO0002", "[LambOptimizer] public partial class A { [Parameter(4, [|Beta1 = 1.0|])] public partial void StepW(Span<float> w, ReadOnlySpan<float> g); }" },
        { "RLXO0003", $"[LambOptimizer([|Beta2 = -0.5|])] public partial class A {{ {Set} }}" },
        { "RLXO0004", $"[LambOptimizer([|Epsilon = 0|])] public partial class A {{ {Set} }}" },
        { "RLXO0006", "[LambOptimizer] public partial class A { [Parameter(4, [|WeightDecay = -0.01|])] public partial void StepW(Span<float> w, ReadOnlySpan<float> g); }" },
        { "RLXO0020", "[LambOptimizer] public partial class A { [Parameter(4, [|Alpha = 0.9|])] public partial void StepW(Span<float> w, ReadOnlySpan<float> g); }" },
        { "RLXO0037", $"[ScheduleFreeAdamWOptimizer([|WeightLrPower = -1.0|])] public partial class A {{ {Set} }}" },
        { "RLXO0037", $"[ScheduleFreeAdamWOptimizer([|WeightLrPower = double.NaN|])] public partial class A {{ {Set} }}" },
        { "RLXO0038", $"[ScheduleFreeAdamWOptimizer([|WarmupSteps = -5|])] public partial class A {{ {Set} }}" },
        { "RLXO0002", $"[ScheduleFreeAdamWOptimizer([|Beta1 = 0.0|])] public partial class A {{ {Set} }}" },
        { "RLXO0002", "[ScheduleFreeAdamWOptimizer] public partial class A { [Parameter(4, [|Beta1 = 1.0|])] public partial void StepW(Span<float> w, ReadOnlySpan<float> g); }" },
        { "RLXO0003", $"[ScheduleFreeAdamWOptimizer([|Beta2 = 1.0|])] public partial class A {{ {Set} }}" },
        { "RLXO0004", $"[ScheduleFreeAdamWOptimizer([|Epsilon = 0|])] public partial class A {{ {Set} }}" },
        { "RLXO0006", $"[ScheduleFreeAdamWOptimizer([|WeightDecay = -1|])] public partial class A {{ {Set} }}" },
        { "RLXO0020", "[ScheduleFreeAdamWOptimizer] public partial class A { [Parameter(4, [|Alpha = 0.9|])] public partial void StepW(Span<float> w, ReadOnlySpan<float> g); }" },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task Reports_the_problem_at_its_location(string id, string markup)
    {
        (string source, TextSpan expected) = Parse(Header + markup);

        ImmutableArray<Diagnostic> diagnostics = await GeneratorHarness.AnalyzeAsync(source);

        Diagnostic diagnostic = Assert.Single(diagnostics);
        Assert.Equal(id, diagnostic.Id);
        Assert.Equal(DiagnosticSeverity.Error, diagnostic.Severity);
        Assert.Equal(expected, diagnostic.Location.SourceSpan);
        Assert.DoesNotContain("{", diagnostic.GetMessage(), System.StringComparison.Ordinal);
    }

    /// <summary>
    /// The generator implements the declared partial methods of an invalid declaration with bodies that throw, so the
    /// compiler has nothing to report and runs the analyzer. Where no generated file can extend the class, the compiler's
    /// own CS0751 or CS8795 remains and the generator reports the diagnostic itself.
    /// </summary>
    [Theory]
    [MemberData(nameof(Cases))]
    public void An_invalid_declaration_leaves_the_compiler_nothing_to_report(string id, string markup)
    {
        (string source, _) = Parse(Header + markup);

        (_, GeneratorRunResult result, Compilation output) = GeneratorHarness.Run(GeneratorHarness.Compile(source));

        Assert.Null(result.Exception);
        Assert.All(result.GeneratedSources, s => Assert.Contains("was not generated", s.SourceText.ToString(), System.StringComparison.Ordinal));
        string[] unavoidable = result.Diagnostics.IsEmpty ? [] : ["CS0751", "CS8795"];
        Diagnostic[] errors = output.GetDiagnostics()
            .Where(d => d.Severity >= DiagnosticSeverity.Warning && !unavoidable.Contains(d.Id))
            .ToArray();
        Assert.True(errors.Length == 0, $"{id}: " + string.Join("\n", errors.Select(e => e.ToString())));
        Assert.All(result.Diagnostics, d => Assert.Equal(id, d.Id));
    }

    [Fact]
    public async Task A_valid_declaration_has_no_diagnostics()
    {
        string source = Header + """
            namespace Demo;

            public partial class Outer
            {
                [AdamOptimizer(LearningRate = 1e-2, Beta1 = 0, Beta2 = 0.5, Epsilon = 1e-6, WeightDecay = 0.1, Precision = OptimizerPrecision.Double, ParallelThreshold = 1)]
                internal partial class Valid
                {
                    [Parameter(3, 5, Name = "layer.weight")] public partial void StepW(Span<float> w, ReadOnlySpan<float> g);
                    [Parameter(5, Beta1 = 0.5, Beta2 = 0.25, Epsilon = 1e-3, WeightDecay = 0)] private partial void StepB(Span<float> b, ReadOnlySpan<float> g);
                }
            }
            """;

        Assert.Empty(await GeneratorHarness.AnalyzeAsync(source));
        Assert.Single(GeneratorHarness.GenerateAndCompile(source));
    }

    [Theory]
    [InlineData("[AdamWOptimizer(AmsGrad = true, Maximize = true, WeightDecay = 0)]")]
    [InlineData("[NAdamOptimizer(MomentumDecay = 0, DecoupledWeightDecay = true, Precision = OptimizerPrecision.Double)]")]
    [InlineData("[RAdamOptimizer(Beta2 = 0.5)]")]
    [InlineData("[AdamaxOptimizer(Beta1 = 0, Epsilon = 1e-3, WeightDecay = 0.5)]")]
    [InlineData("[LionOptimizer(Beta1 = 1, Beta2 = 0, Maximize = true)]")]
    [InlineData("[SgdOptimizer(Momentum = 0.5, Dampening = 1)]")]
    [InlineData("[SgdOptimizer(Momentum = 0.9, Nesterov = true, Precision = OptimizerPrecision.Double)]")]
    [InlineData("[AdagradOptimizer(LearningRateDecay = 0, InitialAccumulatorValue = 0, Epsilon = 1e-3, WeightDecay = 0.5)]")]
    [InlineData("[AdagradOptimizer(LearningRateDecay = 1e30, InitialAccumulatorValue = 1e30, Maximize = true)]")]
    [InlineData("[RMSpropOptimizer(Alpha = 0, Momentum = 0.99999994, Centered = true)]")]
    [InlineData("[RMSpropOptimizer(Alpha = 0.99999994, Centered = true, Precision = OptimizerPrecision.Double)]")]
    [InlineData("[AdafactorOptimizer(Beta2Decay = 0, Epsilon1 = 0, Epsilon2 = 0, ClippingThreshold = 1, WeightDecay = 0.5)]")]
    [InlineData("[AdafactorOptimizer(Beta2Decay = -1e30, ClippingThreshold = 1e30, Maximize = true, Precision = OptimizerPrecision.Double)]")]
    [InlineData("[LambOptimizer(Beta1 = 0, Beta2 = 0.99999994, Epsilon = 1e-30, EpsilonRoot = 0, Maximize = true)]")]
    [InlineData("[LambOptimizer(EpsilonRoot = 1e30, WeightDecay = 1e30, Precision = OptimizerPrecision.Double)]")]
    [InlineData("[ScheduleFreeAdamWOptimizer(Beta1 = 1e-30, Beta2 = 0, WeightLrPower = 0, WarmupSteps = 0)]")]
    [InlineData("[ScheduleFreeAdamWOptimizer(Beta1 = 0.99999994, WeightDecay = 1, WarmupSteps = 1, Maximize = true, Precision = OptimizerPrecision.Double)]")]
    public async Task Every_family_accepts_its_edge_settings(string attribute)
    {
        string source = Header + attribute + """

            public partial class Valid
            {
                [Parameter(3, 5)] public partial void StepW(Span<float> w, ReadOnlySpan<float> g);
                [Parameter(5, WeightDecay = 0)] private partial void StepB(Span<float> b, ReadOnlySpan<float> g);
            }
            """;

        Assert.Empty(await GeneratorHarness.AnalyzeAsync(source));
        Assert.Single(GeneratorHarness.GenerateAndCompile(source));
    }

    [Fact]
    public void Every_diagnostic_is_documented_in_the_readme()
    {
        string readme = System.IO.File.ReadAllText(System.IO.Path.Combine(RepositoryPaths.Root, "README.md"));
        foreach (DiagnosticDescriptor descriptor in new Rlx.Optim.Generators.Diagnostics.OptimizerAnalyzer().SupportedDiagnostics)
        {
            Assert.Contains($"| [{descriptor.Id}](docs/diagnostics/{descriptor.Id}.md) |", readme, System.StringComparison.Ordinal);
        }
    }


    private static (string Source, TextSpan Span) Parse(string markup)
    {
        int start = markup.IndexOf("[|", System.StringComparison.Ordinal);
        int end = markup.IndexOf("|]", System.StringComparison.Ordinal);
        Assert.True(start >= 0 && end > start, "The markup needs one [|...|] span.");
        string source = markup.Remove(end, 2).Remove(start, 2);
        return (source, TextSpan.FromBounds(start, end - 2));
    }
}
