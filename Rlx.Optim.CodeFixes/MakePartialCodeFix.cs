using System.Collections.Immutable;
using System.Composition;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace Rlx.Optim.CodeFixes;

/// <summary>RLXO0001: adds <c>partial</c> to the optimizer class declaration, as its last modifier.</summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(MakePartialCodeFix)), Shared]
public sealed class MakePartialCodeFix : FlaggedNodeCodeFix<TypeDeclarationSyntax>
{
    /// <summary>The equivalence key of the fix (one for every class, so Fix All applies it everywhere).</summary>
    public const string EquivalenceKey = "Rlx.Optim.MakePartial";

    /// <inheritdoc/>
    public override ImmutableArray<string> FixableDiagnosticIds { get; } = ImmutableArray.Create(CodeFixes.FixableDiagnosticIds.OptimizerTypeNotPartial);

    /// <inheritdoc/>
    public override FixAllProvider GetFixAllProvider() => WellKnownFixAllProviders.BatchFixer;

    private protected override string Key => EquivalenceKey;

    /// <inheritdoc/>
    /// <remarks>Reported on the identifier of the declaration that lacks the modifier (each declaration of a class is its own).</remarks>
    private protected override TypeDeclarationSyntax? Flagged(SyntaxNode root, Diagnostic diagnostic)
    {
        SyntaxToken identifier = root.FindToken(diagnostic.Location.SourceSpan.Start);
        return identifier.Span == diagnostic.Location.SourceSpan
            && identifier.Parent is TypeDeclarationSyntax declaration
            && declaration.Identifier == identifier
            && !declaration.Modifiers.Any(SyntaxKind.PartialKeyword)
                ? declaration
                : null;
    }

    private protected override string Title(TypeDeclarationSyntax node) => $"Make '{node.Identifier.ValueText}' partial";

    private protected override SyntaxNode Fix(SyntaxNode root, TypeDeclarationSyntax node) => root.ReplaceNode(node, MakePartial(node));

    /// <summary>
    /// <c>partial</c> goes last, right before <c>class</c>, where C# wants it and people write it. Without other
    /// modifiers it takes over the keyword's leading trivia (indentation, comments), so the declaration keeps its layout.
    /// </summary>
    private static TypeDeclarationSyntax MakePartial(TypeDeclarationSyntax declaration)
    {
        if (declaration.Modifiers.Count > 0)
        {
            return declaration.WithModifiers(declaration.Modifiers.Add(
                SyntaxFactory.Token(SyntaxKind.PartialKeyword).WithTrailingTrivia(SyntaxFactory.Space)));
        }

        SyntaxToken keyword = declaration.Keyword;
        SyntaxToken partial = SyntaxFactory.Token(keyword.LeadingTrivia, SyntaxKind.PartialKeyword, SyntaxFactory.TriviaList(SyntaxFactory.Space));
        return declaration
            .WithKeyword(keyword.WithLeadingTrivia())
            .WithModifiers(SyntaxFactory.TokenList(partial));
    }
}
