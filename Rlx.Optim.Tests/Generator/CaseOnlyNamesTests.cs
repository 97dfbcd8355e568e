using System;
using System.Collections.Immutable;
using System.Linq;
using Microsoft.CodeAnalysis;
using Rlx.Optim.Generators.Emit;

namespace Rlx.Optim.Tests.Generator;

/// <summary>
/// Types whose full names differ only in case are two types to C#, but Roslyn compares generated files' names ignoring
/// case: each still gets its own file, and the result compiles.
/// </summary>
public sealed class CaseOnlyNamesTests
{
    [Fact]
    public void Optimizers_whose_names_differ_only_in_case_each_get_their_code()
    {
        const string source = """
            using System;
            using Rlx.Optim;

            namespace Demo;

            [LionOptimizer]
            public partial class MasterLion
            {
                [Parameter(8)] public partial void StepW(Span<float> p, ReadOnlySpan<float> g);
            }

            [AdamOptimizer]
            public partial class masterLion
            {
                [Parameter(8)] public partial void StepW(Span<float> p, ReadOnlySpan<float> g);
            }

            [AdamOptimizer]
            public partial class Plain
            {
                [Parameter(8)] public partial void StepW(Span<float> p, ReadOnlySpan<float> g);
            }
            """;

        string[] names = GeneratorHarness.GenerateAndCompile(source).Select(s => s.HintName).ToArray();

        Assert.Equal(3, names.Length);
        Assert.Equal(3, names.Distinct(StringComparer.OrdinalIgnoreCase).Count());
        Assert.Contains("Demo.Plain.g.cs", names);
        Assert.Single(names, n => n.StartsWith("Demo.MasterLion.case-", StringComparison.Ordinal));
        Assert.Contains("Demo.masterLion.case-70366de9.g.cs", names); // 32-bit FNV-1a of "Demo.masterLion.g.cs", as README shows
    }

    [Fact]
    public void An_invalid_declaration_beside_a_valid_one_of_the_same_name_but_case_gets_its_fallback()
    {
        const string source = """
            using System;
            using Rlx.Optim;

            namespace Demo;

            [AdamOptimizer]
            public partial class Twin
            {
                [Parameter(8)] public partial void StepW(Span<float> p, ReadOnlySpan<float> g);
            }

            [AdamOptimizer(Beta1 = 1.5)]
            public partial class twin
            {
                [Parameter(8)] public partial void StepW(Span<float> p, ReadOnlySpan<float> g);
            }
            """;

        (_, GeneratorRunResult result, Compilation output) = GeneratorHarness.Run(GeneratorHarness.Compile(source));

        Assert.Null(result.Exception);
        Assert.Empty(result.Diagnostics); // Beta1 is the analyzer's to report; the generator only writes the fallback
        Assert.Equal(2, result.GeneratedSources.Select(s => s.HintName).Distinct(StringComparer.OrdinalIgnoreCase).Count());
        Assert.Empty(output.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error));
    }

    [Fact]
    public void A_colliding_name_is_renamed_by_its_own_spelling_alone()
    {
        ImmutableArray<string> names = ["A.Opt.g.cs", "A.opt.g.cs", "A.OPT.g.cs", "A.Other.g.cs"];
        var colliding = CaseUniqueHintNames.Colliding(names);
        var reversed = CaseUniqueHintNames.Colliding(names.Reverse().ToImmutableArray());
        var pair = CaseUniqueHintNames.Colliding(["A.Opt.g.cs", "A.opt.g.cs"]);

        Assert.Equal(new[] { "A.OPT.g.cs", "A.Opt.g.cs", "A.opt.g.cs" }, colliding.AsImmutableArray().ToArray());
        Assert.Equal(colliding, reversed);
        Assert.Equal("A.Other.g.cs", CaseUniqueHintNames.For("A.Other.g.cs", colliding));
        Assert.Equal(CaseUniqueHintNames.For("A.opt.g.cs", colliding), CaseUniqueHintNames.For("A.opt.g.cs", pair));
        Assert.Matches(@"^A\.opt\.case-[0-9a-f]{8}\.g\.cs$", CaseUniqueHintNames.For("A.opt.g.cs", colliding));
        Assert.Equal(3, names.Take(3).Select(n => CaseUniqueHintNames.For(n, colliding)).Distinct(StringComparer.OrdinalIgnoreCase).Count());
    }
}
