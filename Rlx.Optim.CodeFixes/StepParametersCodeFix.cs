using System.Collections.Immutable;
using System.Composition;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Simplification;

namespace Rlx.Optim.CodeFixes;

/// <summary>
/// RLXO0008: gives a <c>[Parameter]</c> method the parameters a step takes, <c>(Span&lt;float&gt; parameter,
/// ReadOnlySpan&lt;float&gt; gradient)</c>. With exactly two parameters it keeps their names; their modifiers
/// (<c>ref</c>, <c>scoped</c>, <c>params</c>), attributes and defaults go, as the signature allows none.
/// </summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(StepParametersCodeFix)), Shared]
public sealed class StepParametersCodeFix : FlaggedNodeCodeFix<ParameterListSyntax>
{
    /// <summary>The equivalence key of the fix.</summary>
    public const string EquivalenceKey = "Rlx.Optim.StepParameters";

    private const string DefaultParameterName = "parameter";
    private const string DefaultGradientName = "gradient";

    /// <inheritdoc/>
    public override ImmutableArray<string> FixableDiagnosticIds { get; } = ImmutableArray.Create(CodeFixes.FixableDiagnosticIds.ParameterMethodParameters);

    /// <inheritdoc/>
    public override FixAllProvider GetFixAllProvider() => WellKnownFixAllProviders.BatchFixer;

    private protected override string Key => EquivalenceKey;

    /// <inheritdoc/>
    /// <remarks>Reported on the whole parameter list, parentheses included.</remarks>
    private protected override ParameterListSyntax? Flagged(SyntaxNode root, Diagnostic diagnostic) =>
        root.FindNode(diagnostic.Location.SourceSpan, getInnermostNodeForTie: true).FirstAncestorOrSelf<ParameterListSyntax>()
            is { Parent: MethodDeclarationSyntax } parameters && parameters.Span == diagnostic.Location.SourceSpan
            ? parameters
            : null;

    private protected override string Title(ParameterListSyntax node)
    {
        (string parameter, string gradient) = Names(node);
        return $"Take (Span<float> {parameter}, ReadOnlySpan<float> {gradient})";
    }

    private protected override SyntaxNode Fix(SyntaxNode root, ParameterListSyntax node)
    {
        (string parameter, string gradient) = Names(node);
        return root.ReplaceNode(node, StepParameters(node, parameter, gradient));
    }

    /// <summary>The two names the user chose, or <c>parameter</c> and <c>gradient</c> when there were not two.</summary>
    private static (string Parameter, string Gradient) Names(ParameterListSyntax parameters)
    {
        if (parameters.Parameters.Count == 2
            && parameters.Parameters[0].Identifier is { IsMissing: false } first && first.ValueText.Length > 0
            && parameters.Parameters[1].Identifier is { IsMissing: false } second && second.ValueText.Length > 0)
        {
            // The token's text, so a verbatim name such as '@in' stays verbatim.
            return (first.Text, second.Text);
        }

        return (DefaultParameterName, DefaultGradientName);
    }

    /// <summary>
    /// The new list, its types fully qualified and marked for simplification: they read <c>Span&lt;float&gt;</c> where
    /// <c>using System;</c> (or a global using) is in scope, <c>System.Span&lt;float&gt;</c> where not, and never bind
    /// to a user's own <c>Span</c>.
    /// </summary>
    private static ParameterListSyntax StepParameters(ParameterListSyntax old, string parameter, string gradient)
    {
        ParameterListSyntax list = SyntaxFactory.ParseParameterList(
            $"(global::System.Span<float> {parameter}, global::System.ReadOnlySpan<float> {gradient})");
        list = list.ReplaceNodes(
            list.Parameters.Select(p => p.Type!),
            (_, type) => type.WithAdditionalAnnotations(Simplifier.Annotation));
        return list.WithTriviaFrom(old);
    }
}
