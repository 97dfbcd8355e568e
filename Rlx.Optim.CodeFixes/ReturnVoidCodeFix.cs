using System.Collections.Immutable;
using System.Composition;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace Rlx.Optim.CodeFixes;

/// <summary>RLXO0007: makes a <c>[Parameter]</c> method return <c>void</c>.</summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(ReturnVoidCodeFix)), Shared]
public sealed class ReturnVoidCodeFix : CodeFixProvider
{
    /// <summary>The equivalence key of the fix.</summary>
    public const string EquivalenceKey = "Rlx.Optim.ReturnVoid";

    /// <inheritdoc/>
    public override ImmutableArray<string> FixableDiagnosticIds { get; } = ImmutableArray.Create(CodeFixes.FixableDiagnosticIds.ParameterMethodReturnType);

    /// <inheritdoc/>
    public override FixAllProvider GetFixAllProvider() => WellKnownFixAllProviders.BatchFixer;

    /// <inheritdoc/>
    public override async Task RegisterCodeFixesAsync(CodeFixContext context)
    {
        SyntaxNode? root = await context.Document.GetSyntaxRootAsync(context.CancellationToken).ConfigureAwait(false);
        foreach (Diagnostic diagnostic in context.Diagnostics)
        {
            // Reported on the return type (with its 'ref', if any): replace exactly that.
            if (root?.FindNode(diagnostic.Location.SourceSpan, getInnermostNodeForTie: true)
                    .FirstAncestorOrSelf<MethodDeclarationSyntax>() is not { } method
                || method.ReturnType.Span != diagnostic.Location.SourceSpan)
            {
                continue;
            }

            TypeSyntax returnType = SyntaxFactory.PredefinedType(SyntaxFactory.Token(SyntaxKind.VoidKeyword)).WithTriviaFrom(method.ReturnType);
            context.RegisterCodeFix(
                CodeAction.Create(
                    "Return void",
                    _ => Task.FromResult(context.Document.WithSyntaxRoot(root.ReplaceNode(method.ReturnType, returnType))),
                    EquivalenceKey),
                diagnostic);
        }
    }
}
