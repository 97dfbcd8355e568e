using System.Collections.Immutable;
using System.Composition;
using System.Linq;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
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
public sealed class StepParametersCodeFix : CodeFixProvider
{
    /// <summary>The equivalence key of the fix.</summary>
    public const string EquivalenceKey = "Rlx.Optim.StepParameters";

    private const string DefaultParameterName = "parameter";
    private const string DefaultGradientName = "gradient";

    /// <inheritdoc/>
    public override ImmutableArray<string> FixableDiagnosticIds { get; } = ImmutableArray.Create(CodeFixes.FixableDiagnosticIds.ParameterMethodParameters);

    /// <inheritdoc/>
    public override FixAllProvider GetFixAllProvider() => WellKnownFixAllProviders.BatchFixer;

    /// <inheritdoc/>
    public override async Task RegisterCodeFixesAsync(CodeFixContext context)
    {
        SyntaxNode? root = await context.Document.GetSyntaxRootAsync(context.CancellationToken).ConfigureAwait(false);
        foreach (Diagnostic diagnostic in context.Diagnostics)
        {
            // Reported on the whole parameter list, parentheses included.
            if (root?.FindNode(diagnostic.Location.SourceSpan, getInnermostNodeForTie: true)
                    .FirstAncestorOrSelf<ParameterListSyntax>() is not { Parent: MethodDeclarationSyntax } parameters
                || parameters.Span != diagnostic.Location.SourceSpan)
            {
                continue;
            }

            (string parameter, string gradient) = Names(parameters);
            context.RegisterCodeFix(
                CodeAction.Create(
                    $"Take (Span<float> {parameter}, ReadOnlySpan<float> {gradient})",
                    _ => Task.FromResult(context.Document.WithSyntaxRoot(root.ReplaceNode(parameters, StepParameters(parameters, parameter, gradient)))),
                    EquivalenceKey),
                diagnostic);
        }
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
