using System.Collections.Immutable;
using System.Composition;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace Rlx.Optim.CodeFixes;

/// <summary>RLXO0007: makes a <c>[Parameter]</c> method return <c>void</c>.</summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(ReturnVoidCodeFix)), Shared]
public sealed class ReturnVoidCodeFix : FlaggedNodeCodeFix<MethodDeclarationSyntax>
{
    /// <summary>The equivalence key of the fix.</summary>
    public const string EquivalenceKey = "Rlx.Optim.ReturnVoid";

    /// <inheritdoc/>
    public override ImmutableArray<string> FixableDiagnosticIds { get; } = ImmutableArray.Create(CodeFixes.FixableDiagnosticIds.ParameterMethodReturnType);

    /// <inheritdoc/>
    public override FixAllProvider GetFixAllProvider() => WellKnownFixAllProviders.BatchFixer;

    private protected override string Key => EquivalenceKey;

    /// <inheritdoc/>
    /// <remarks>Reported on the return type (with its <c>ref</c>, if any): exactly that is replaced.</remarks>
    private protected override MethodDeclarationSyntax? Flagged(SyntaxNode root, Diagnostic diagnostic) =>
        root.FindNode(diagnostic.Location.SourceSpan, getInnermostNodeForTie: true).FirstAncestorOrSelf<MethodDeclarationSyntax>() is { } method
        && method.ReturnType.Span == diagnostic.Location.SourceSpan
            ? method
            : null;

    private protected override string Title(MethodDeclarationSyntax node) => "Return void";

    private protected override SyntaxNode Fix(SyntaxNode root, MethodDeclarationSyntax node) =>
        root.ReplaceNode(node.ReturnType, SyntaxFactory.PredefinedType(SyntaxFactory.Token(SyntaxKind.VoidKeyword)).WithTriviaFrom(node.ReturnType));
}
