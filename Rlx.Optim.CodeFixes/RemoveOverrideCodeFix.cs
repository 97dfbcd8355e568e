using System.Collections.Generic;
using System.Collections.Immutable;
using System.Composition;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace Rlx.Optim.CodeFixes;

/// <summary>
/// RLXO0020: removes a <c>[Parameter]</c> argument the optimizer has no per-set value for (<c>Epsilon = 1e-6</c> on
/// Lion), with its comma.
/// </summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(RemoveOverrideCodeFix)), Shared]
public sealed class RemoveOverrideCodeFix : FlaggedNodeCodeFix<AttributeArgumentSyntax>
{
    /// <summary>The equivalence key of the fix (one for every argument, so Fix All removes them all).</summary>
    public const string EquivalenceKey = "Rlx.Optim.RemoveOverride";

    /// <inheritdoc/>
    public override ImmutableArray<string> FixableDiagnosticIds { get; } = ImmutableArray.Create(CodeFixes.FixableDiagnosticIds.OverrideNotApplicable);

    /// <summary>
    /// Not the batch fixer: it merges each fix's text changes, and two neighbouring arguments share the comma between
    /// them (<c>Beta1 = 0.5, Epsilon = 1e-6</c> on SGD), so their removals overlap and one would be dropped. This one
    /// removes every flagged argument of a document in one edit.
    /// </summary>
    public override FixAllProvider GetFixAllProvider() => FixAllProvider.Create(FixDocumentAsync);

    private protected override string Key => EquivalenceKey;

    private protected override AttributeArgumentSyntax? Flagged(SyntaxNode root, Diagnostic diagnostic) => FlaggedArgument(root, diagnostic);

    private protected override string Title(AttributeArgumentSyntax node) => $"Remove '{node.NameEquals!.Name.Identifier.ValueText}'";

    private protected override SyntaxNode Fix(SyntaxNode root, AttributeArgumentSyntax node) => RemoveArguments(root, new[] { node });

    private static async Task<Document?> FixDocumentAsync(FixAllContext context, Document document, ImmutableArray<Diagnostic> diagnostics)
    {
        SyntaxNode? root = await document.GetSyntaxRootAsync(context.CancellationToken).ConfigureAwait(false);
        if (root is null)
        {
            return null;
        }

        AttributeArgumentSyntax[] arguments = diagnostics
            .Select(d => FlaggedArgument(root, d))
            .OfType<AttributeArgumentSyntax>()
            .ToArray();
        return arguments.Length == 0 ? null : document.WithSyntaxRoot(RemoveArguments(root, arguments));
    }

    /// <summary>The named argument the diagnostic is on; none when it fell back to another location.</summary>
    private static AttributeArgumentSyntax? FlaggedArgument(SyntaxNode root, Diagnostic diagnostic) =>
        diagnostic.Location.IsInSource
        && root.FindNode(diagnostic.Location.SourceSpan).FirstAncestorOrSelf<AttributeArgumentSyntax>() is { NameEquals: not null } argument
        && argument.Span == diagnostic.Location.SourceSpan
        && argument.Parent is AttributeArgumentListSyntax
            ? argument
            : null;

    /// <summary>
    /// Removes the arguments list by list, last first: <see cref="SeparatedSyntaxList{TNode}.Remove(TNode)"/> takes
    /// the comma after an argument, or before the last one, so the rest keeps its layout. A list left empty goes too
    /// (<c>[Parameter]</c>, not <c>[Parameter()]</c>).
    /// </summary>
    private static SyntaxNode RemoveArguments(SyntaxNode root, IReadOnlyCollection<AttributeArgumentSyntax> arguments)
    {
        ILookup<AttributeArgumentListSyntax, AttributeArgumentSyntax> byList = arguments.ToLookup(a => (AttributeArgumentListSyntax)a.Parent!);
        return root.ReplaceNodes(
            byList.Select(g => (AttributeSyntax)g.Key.Parent!),
            (original, _) =>
            {
                AttributeArgumentListSyntax list = original.ArgumentList!;
                SeparatedSyntaxList<AttributeArgumentSyntax> kept = list.Arguments;
                foreach (int index in byList[list].Select(a => list.Arguments.IndexOf(a)).Distinct().OrderByDescending(i => i))
                {
                    kept = kept.RemoveAt(index);
                }

                return kept.Count == 0
                    ? original.WithArgumentList(null).WithTrailingTrivia(original.GetTrailingTrivia())
                    : original.WithArgumentList(list.WithArguments(kept));
            });
    }
}
