using System;
using System.Linq;
using System.Reflection;
using Microsoft.CodeAnalysis;

namespace Rlx.Optim.Tests.Generator;

/// <summary>
/// The fallback of an invalid declaration: its partial methods implemented with the exact header the compiler
/// requires, bodies that throw naming the diagnostics, and valid declarations beside it generated as usual.
/// </summary>
public sealed class FallbackTests
{
    [Fact]
    public void Every_declared_partial_method_is_implemented_whatever_its_signature()
    {
        // Wrong in every way the parser reports, and in ways a header must repeat exactly: modifiers, ref kinds,
        // scoped, params, nullable and tuple types, keyword names, generic constraints, ref returns; default values
        // must not be repeated.
        const string source = """
            using System;
            using System.Collections.Generic;
            using Rlx.Optim;

            namespace Demo;

            public partial class Outer<TOuter> where TOuter : class
            {
                [AdamOptimizer(Beta1 = 1.5)]
                internal partial record Broken
                {
                    [Parameter(4)] public partial int StepA(Span<float> w, ReadOnlySpan<float> g);
                    [Parameter(4)] internal static partial void StepB<T, U>(ref T x, scoped Span<double> y, params int[] rest)
                        where T : struct, IComparable<T> where U : class?, IEnumerable<T>, new();
                    [Parameter(4)] private partial ref readonly float StepC(in float @event, out (int Count, string? Name) pair, string? label = null);
                    [Parameter(4)] protected internal virtual partial void StepD<T>(Span<T> w, ReadOnlySpan<T> g) where T : unmanaged;
                    [Parameter(4)] public partial void StepE(Span<float> w, ReadOnlySpan<float> g);
                    public partial void NotASet();
                    [Parameter(4)] public partial void Implemented(Span<float> w, ReadOnlySpan<float> g);
                    public partial void Implemented(Span<float> w, ReadOnlySpan<float> g) { }
                    public partial void NotASet() { }
                }
            }
            """;

        (_, GeneratorRunResult result, Compilation output) = GeneratorHarness.Run(GeneratorHarness.Compile(source));

        Assert.Null(result.Exception);
        Assert.Empty(result.Diagnostics);
        GeneratorHarness.AssertCompilesCleanly(output);
        string fallback = Assert.Single(result.GeneratedSources).SourceText.ToString();
        foreach (string method in new[] { "StepA", "StepB", "StepC", "StepD", "StepE" })
        {
            Assert.Contains($" {method}", fallback, StringComparison.Ordinal);
        }

        Assert.DoesNotContain("Implemented", fallback, StringComparison.Ordinal);
        Assert.DoesNotContain("NotASet", fallback, StringComparison.Ordinal);
    }

    /// <summary>
    /// A refused optimizer has every member a generated one has, so code that uses it gets no compiler error beside
    /// the RLXO ones: compared, member by member, with the same declaration made valid.
    /// </summary>
    [Theory]
    [InlineData("[AdamOptimizer(Beta1 = 0.9)]", "[AdamOptimizer(Beta1 = 1.5)]")]
    [InlineData("[SgdOptimizer(Momentum = 0.9, Nesterov = true)]", "[SgdOptimizer(Momentum = 0.9, Nesterov = true, Dampening = 0.5)]")]
    [InlineData("[NAdamOptimizer]", "[NAdamOptimizer(MomentumDecay = -1)]")]
    [InlineData("[AdagradOptimizer(InitialAccumulatorValue = 0.1)]", "[AdagradOptimizer(InitialAccumulatorValue = -0.1)]")]
    [InlineData("[RMSpropOptimizer(Momentum = 0.9, Centered = true)]", "[RMSpropOptimizer(Momentum = 0.9, Centered = true, Alpha = 1)]")]
    [InlineData("[AdafactorOptimizer(ClippingThreshold = 2)]", "[AdafactorOptimizer(ClippingThreshold = 0.5)]")]
    [InlineData("[LambOptimizer(WeightDecay = 0.01)]", "[LambOptimizer(WeightDecay = 0.01, EpsilonRoot = -1)]")]
    [InlineData("[ScheduleFreeAdamWOptimizer(WarmupSteps = 10)]", "[ScheduleFreeAdamWOptimizer(WarmupSteps = -10)]")]
    public void A_refused_optimizer_has_the_members_of_a_generated_one(string valid, string invalid)
    {
        const string declaration = """
            using System;
            using Rlx.Optim;

            namespace Demo;

            ATTRIBUTE
            public partial class Opt
            {
                [Parameter(784, 128)] public partial void StepW1(Span<float> weights, ReadOnlySpan<float> gradient);
                [Parameter(128, Name = "b1")] internal partial void StepBias(Span<float> bias, ReadOnlySpan<float> gradient);
            }
            """;

        string[] generated = Surface(declaration.Replace("ATTRIBUTE", valid, StringComparison.Ordinal));
        string[] fallback = Surface(declaration.Replace("ATTRIBUTE", invalid, StringComparison.Ordinal));

        Assert.Equal(generated, fallback);
        Assert.Contains(generated, m => m.Contains("StepAll", StringComparison.Ordinal));
        Assert.Contains(generated, m => m.Contains("W1Length", StringComparison.Ordinal));
    }

    /// <summary>16-bit parameters and state: the fallback's <c>StepAll</c> takes the same spans, and it has the seed.</summary>
    [Theory]
    [InlineData("[AdamWOptimizer(StatePrecision = StatePrecision.BFloat16)]", "[AdamWOptimizer(StatePrecision = StatePrecision.BFloat16, Beta2 = 2)]")]
    [InlineData("[LionOptimizer]", "[LionOptimizer(Beta1 = 2)]")]
    public void A_refused_16_bit_optimizer_has_the_members_of_a_generated_one(string valid, string invalid)
    {
        const string declaration = """
            using System;
            using Rlx.Optim;

            namespace Demo;

            ATTRIBUTE
            public partial class Opt
            {
                [Parameter(784, 128)] public partial void StepW1(Span<BFloat16> weights, ReadOnlySpan<BFloat16> gradient);
                [Parameter(128)] public partial void StepB1(Span<Half> bias, ReadOnlySpan<float> gradient);
            }
            """;

        string[] generated = Surface(declaration.Replace("ATTRIBUTE", valid, StringComparison.Ordinal));
        string[] fallback = Surface(declaration.Replace("ATTRIBUTE", invalid, StringComparison.Ordinal));

        Assert.Equal(generated, fallback);
        Assert.Contains(generated, m => m.Contains("RoundingSeed", StringComparison.Ordinal));
        Assert.Contains(generated, m => m.Contains("StepAll(Span<BFloat16>", StringComparison.Ordinal));
    }

    /// <summary>The members of Demo.Opt that are not private, and the interfaces it implements, as C# shows them.</summary>
    private static string[] Surface(string source)
    {
        (_, _, Compilation output) = GeneratorHarness.Run(GeneratorHarness.Compile(source));
        Assert.Empty(output.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error));
        INamedTypeSymbol type = output.GetTypeByMetadataName("Demo.Opt")!;
        return type.GetMembers()
            .Where(m => m.DeclaredAccessibility != Accessibility.Private || m.Name.Contains('.', StringComparison.Ordinal))
            .Where(m => !m.IsImplicitlyDeclared)
            .Select(m => m.ToDisplayString(SymbolDisplayFormat.CSharpShortErrorMessageFormat) + (m is IFieldSymbol { HasConstantValue: true } f ? " = " + f.ConstantValue : ""))
            .Concat(type.AllInterfaces.Select(i => "implements " + i.ToDisplayString()))
            .Order(StringComparer.Ordinal)
            .ToArray();
    }

    /// <summary>
    /// Declarations a fallback once failed on (found in review): the generator must not throw, the names it writes must
    /// compile, and hint names must stay unique.
    /// </summary>
    [Theory]
    [InlineData("[AdamOptimizer] public partial class Opt { [Parameter(null)] public partial void StepW(Span<float> w, ReadOnlySpan<float> g); }")]
    [InlineData("[AdamOptimizer] public partial class Opt<T> { [Parameter(4)] public partial void StepW(Span<float> w, ReadOnlySpan<float> g); } [AdamOptimizer] public partial class Opt { [Parameter(4)] public partial void StepW(Span<float> w, ReadOnlySpan<float> g); }")]
    [InlineData("public partial class Foo<T> { [Parameter(4)] public partial void StepW(Span<float> w, ReadOnlySpan<float> g); } public partial class Foo { [Parameter(4)] public partial void StepW(Span<float> w, ReadOnlySpan<float> g); }")]
    [InlineData("[AdamOptimizer(Beta1 = 2)] public partial class @class { [Parameter(4)] public partial void StepW(Span<float> w, ReadOnlySpan<float> g); }")]
    [InlineData("public partial class Outer<@event> { [AdamOptimizer(Beta1 = 2)] public partial class Inner { [Parameter(4)] public partial void StepW(Span<float> w, ReadOnlySpan<float> g); } }")]
    public void Awkward_declarations_neither_throw_nor_leave_compiler_errors(string declaration)
    {
        string source = "using System;\nusing Rlx.Optim;\n\nnamespace Demo;\n\n" + declaration;

        (_, GeneratorRunResult result, Compilation output) = GeneratorHarness.Run(GeneratorHarness.Compile(source));

        Assert.Null(result.Exception);
        Assert.Empty(result.Diagnostics);
        Diagnostic[] errors = output.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error).ToArray();
        Assert.True(errors.Length == 0, string.Join("\n", errors.Select(e => e.ToString())));
    }

    [Fact]
    public void A_fallback_member_throws_naming_the_diagnostics()
    {
        const string source = """
            using System;
            using Rlx.Optim;

            [AdamOptimizer(Beta1 = 1.5, Epsilon = -1)]
            public partial class Broken
            {
                [Parameter(4)] public partial void StepW(Span<float> w, ReadOnlySpan<float> g);

                public static void StepOnce() => new Broken().StepW(new float[4], new float[4]);
            }
            """;

        MethodInfo step = GeneratorHarness.CompileAndLoad(source, "Fallback").GetType("Broken")!.GetMethod("StepOnce")!;

        var thrown = Assert.Throws<TargetInvocationException>(() => step.Invoke(null, null));

        var exception = Assert.IsType<InvalidOperationException>(thrown.InnerException);
        Assert.Contains("Broken was not generated", exception.Message, StringComparison.Ordinal);
        Assert.Contains("(RLXO0002, RLXO0004)", exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_valid_declaration_beside_an_invalid_one_is_generated()
    {
        const string source = """
            using System;
            using Rlx.Optim;

            [AdamOptimizer(Beta1 = 1.5)]
            public partial class Broken
            {
                [Parameter(4)] public partial void StepW(Span<float> w, ReadOnlySpan<float> g);
            }

            [AdamOptimizer]
            public partial class Working
            {
                [Parameter(4)] public partial void StepW(Span<float> w, ReadOnlySpan<float> g);
            }

            public static class Use
            {
                public static long Run()
                {
                    var optimizer = new Working();
                    optimizer.StepAll(new float[Working.WLength], new float[Working.WLength]);
                    return optimizer.StepCount;
                }
            }
            """;

        (_, GeneratorRunResult result, Compilation output) = GeneratorHarness.Run(GeneratorHarness.Compile(source));

        Assert.Empty(output.GetDiagnostics().Where(d => d.Severity >= DiagnosticSeverity.Warning));
        Assert.Equal(["Broken.g.cs", "Working.g.cs"], result.GeneratedSources.Select(s => s.HintName).Order());
    }
}
