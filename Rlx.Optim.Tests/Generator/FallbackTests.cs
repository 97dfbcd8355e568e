using System;
using System.IO;
using System.Linq;
using System.Reflection;
using System.Runtime.Loader;
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
        Diagnostic[] problems = output.GetDiagnostics().Where(d => d.Severity >= DiagnosticSeverity.Warning).ToArray();
        Assert.True(problems.Length == 0, string.Join("\n", problems.Select(p => p.ToString())));
        string fallback = Assert.Single(result.GeneratedSources).SourceText.ToString();
        foreach (string method in new[] { "StepA", "StepB", "StepC", "StepD", "StepE" })
        {
            Assert.Contains($" {method}", fallback, StringComparison.Ordinal);
        }

        Assert.DoesNotContain("Implemented", fallback, StringComparison.Ordinal);
        Assert.DoesNotContain("NotASet", fallback, StringComparison.Ordinal);
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

        (_, _, Compilation output) = GeneratorHarness.Run(GeneratorHarness.Compile(source));
        using var image = new MemoryStream();
        Assert.True(output.Emit(image).Success);
        var context = new AssemblyLoadContext("fallback", isCollectible: true);
        try
        {
            MethodInfo step = context.LoadFromStream(new MemoryStream(image.ToArray())).GetType("Broken")!.GetMethod("StepOnce")!;

            var thrown = Assert.Throws<TargetInvocationException>(() => step.Invoke(null, null));

            var exception = Assert.IsType<InvalidOperationException>(thrown.InnerException);
            Assert.Contains("Broken was not generated", exception.Message, StringComparison.Ordinal);
            Assert.Contains("(RLXO0002, RLXO0004)", exception.Message, StringComparison.Ordinal);
        }
        finally
        {
            context.Unload();
        }
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
