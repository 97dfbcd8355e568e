using System;
using System.Collections.Immutable;
using System.Threading.Tasks;
using Basic.Reference.Assemblies;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp.Testing;
using Microsoft.CodeAnalysis.Testing;
using Rlx.Optim.Generators.Diagnostics;

namespace Rlx.Optim.Tests.CodeFixes;

/// <summary>
/// A code-fix test on the real <see cref="OptimizerAnalyzer"/>: the diagnostics marked <c>{|RLXO0001:...|}</c> in the
/// source must be exactly those reported, the fix must turn the source into the fixed source one diagnostic at a time,
/// and Fix All (in document, project and solution) must reach the batch-fixed source.
/// </summary>
internal sealed class CodeFixTest<TCodeFix> : CSharpCodeFixTest<OptimizerAnalyzer, TCodeFix, DefaultVerifier>
    where TCodeFix : CodeFixProvider, new()
{
    /// <summary>
    /// No package to resolve: the library's own reference assemblies are NuGet packages it downloads at test time, and
    /// tests here never reach the network. The references are those the generator tests compile against.
    /// </summary>
    private static readonly ReferenceAssemblies s_noPackages = new("net10.0");

    private static readonly ImmutableArray<MetadataReference> s_references =
    [
        .. Net100.References.All,
        MetadataReference.CreateFromFile(typeof(AdamOptimizerAttribute).Assembly.Location),
    ];

    public CodeFixTest()
    {
        ReferenceAssemblies = s_noPackages;
        TestState.AdditionalReferences.AddRange(s_references);
        // What the generator writes is the snapshot tests' concern, not a fix's.
        TestBehaviors |= TestBehaviors.SkipGeneratedSourcesCheck;
    }

    /// <summary>
    /// Every compiler error but CS8795. The generator runs, so declared [Parameter] methods are implemented (by the
    /// optimizer, or by the fallback of an invalid declaration), except in a class no generated file can extend:
    /// there CS8795 says only that, on the source before the fix. Every other compiler error stays checked, so a fix
    /// whose result does not compile fails its test, and a test marks the errors its broken source has (CS0751 for a
    /// partial method in a class that is not partial).
    /// </summary>
    protected override bool IsCompilerDiagnosticIncluded(Diagnostic diagnostic, CompilerDiagnostics compilerDiagnostics) =>
        diagnostic.Id != MissingImplementation && base.IsCompilerDiagnosticIncluded(diagnostic, compilerDiagnostics);

    /// <summary>
    /// The generator runs too: for a class no generated file can extend, it reports the diagnostic itself (the
    /// analyzer stays silent there), and a fix must act on that report as it does on the analyzer's.
    /// </summary>
    protected override System.Collections.Generic.IEnumerable<Type> GetSourceGenerators() => [typeof(Rlx.Optim.Generators.OptimizerGenerator)];

    /// <summary>A partial method with accessibility modifiers has no implementation part.</summary>
    private const string MissingImplementation = "CS8795";

    /// <summary>
    /// Checks the fix on <paramref name="source"/>: every action applied has the fix's equivalence key and one of
    /// <paramref name="titles"/>, applying it (and, for what it left, again) gives <paramref name="fixedSource"/>, and
    /// Fix All gives <paramref name="fixAllSource"/> (by default the same) in one pass.
    /// </summary>
    public static Task VerifyAsync(string source, string fixedSource, string equivalenceKey, string[] titles, string? fixAllSource = null)
    {
        var test = new CodeFixTest<TCodeFix>
        {
            TestCode = source,
            FixedCode = fixedSource,
            BatchFixedCode = fixAllSource ?? fixedSource,
            CodeActionEquivalenceKey = equivalenceKey,
            CodeActionVerifier = (action, verifier) => VerifyTitle(action, verifier, titles),
            NumberOfFixAllIterations = 1,
        };
        return test.RunAsync();
    }

    /// <summary>
    /// Checks one application of the fix, to the first marked diagnostic: <paramref name="fixedSource"/> marks the
    /// diagnostics left.
    /// </summary>
    public static Task VerifyOneAsync(string source, string fixedSource, string equivalenceKey, string title)
    {
        var test = new CodeFixTest<TCodeFix>
        {
            TestCode = source,
            FixedState = { Sources = { fixedSource }, MarkupHandling = MarkupMode.Allow },
            CodeActionEquivalenceKey = equivalenceKey,
            CodeActionVerifier = (action, verifier) => VerifyTitle(action, verifier, [title]),
            CodeFixTestBehaviors = CodeFixTestBehaviors.FixOne | CodeFixTestBehaviors.SkipFixAllCheck,
        };
        return test.RunAsync();
    }

    private static void VerifyTitle(CodeAction action, IVerifier verifier, string[] titles) =>
        verifier.True(Array.IndexOf(titles, action.Title) >= 0, $"Unexpected title '{action.Title}'; expected one of: {string.Join(", ", titles)}");
}
