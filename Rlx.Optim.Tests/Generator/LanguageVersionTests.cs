using System.Collections.Immutable;
using System.Linq;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace Rlx.Optim.Tests.Generator;

/// <summary>
/// A project that compiles a C# older than 13 (<c>LangVersion</c>), which the generated code needs: RLXO0039 on each
/// optimizer's attribute, naming the version, and the fallback in its place, which that C# compiles, so the RLXO
/// error is the build's only one. C# 13 and later generate as usual.
/// </summary>
public sealed class LanguageVersionTests
{
    private const string Source = """
        using System;
        using Rlx.Optim;

        namespace Demo
        {
            [AdamWOptimizer(StatePrecision = StatePrecision.BFloat16, MaxGradientNorm = 1)]
            public partial class Net
            {
                [Parameter(64, 8)] public partial void StepW(Span<BFloat16> w, ReadOnlySpan<float> g);
                [Parameter(8)] internal partial void StepB(Span<float> b, ReadOnlySpan<float> g);
            }

            [LionOptimizer]
            public partial class ByName
            {
            }
        }
        """;

    [Theory]
    [InlineData(LanguageVersion.CSharp9)]
    [InlineData(LanguageVersion.CSharp10)]
    [InlineData(LanguageVersion.CSharp11)]
    [InlineData(LanguageVersion.CSharp12)]
    public async Task An_older_CSharp_gets_RLXO0039_on_each_optimizer_and_nothing_else(LanguageVersion version)
    {
        var options = new CSharpParseOptions(version);

        ImmutableArray<Diagnostic> diagnostics = await GeneratorHarness.AnalyzeAsync(options, Source);

        Assert.Equal(2, diagnostics.Length);
        Assert.All(diagnostics, d => Assert.Equal("RLXO0039", d.Id));
        Assert.Equal(
            ["AdamWOptimizer(StatePrecision = StatePrecision.BFloat16, MaxGradientNorm = 1)", "LionOptimizer"],
            diagnostics.OrderBy(d => d.Location.SourceSpan.Start).Select(d => d.Location.SourceTree!.GetText().ToString(d.Location.SourceSpan)));
        Assert.All(diagnostics, d => Assert.Contains($"this project compiles C# {version.ToDisplayString()}", d.GetMessage(), System.StringComparison.Ordinal));

        (_, GeneratorRunResult result, Compilation output) = GeneratorHarness.Run(GeneratorHarness.Compile(options, Source));
        Assert.All(result.GeneratedSources, s => Assert.Contains("was not generated", s.SourceText.ToString(), System.StringComparison.Ordinal));
        GeneratorHarness.AssertCompilesCleanly(output);
    }

    [Theory]
    [InlineData(LanguageVersion.CSharp13)]
    [InlineData(LanguageVersion.Latest)]
    [InlineData(LanguageVersion.Preview)]
    public async Task CSharp_13_and_later_generate_the_optimizers(LanguageVersion version)
    {
        var options = new CSharpParseOptions(version);

        Assert.Empty(await GeneratorHarness.AnalyzeAsync(options, Source));
        (_, GeneratorRunResult result, Compilation output) = GeneratorHarness.Run(GeneratorHarness.Compile(options, Source));
        Assert.Equal(2, result.GeneratedSources.Length);
        Assert.All(result.GeneratedSources, s => Assert.DoesNotContain("was not generated", s.SourceText.ToString(), System.StringComparison.Ordinal));
        GeneratorHarness.AssertCompilesCleanly(output);
    }
}
