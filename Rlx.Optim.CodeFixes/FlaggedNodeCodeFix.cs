using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;

namespace Rlx.Optim.CodeFixes;

/// <summary>
/// A fix that rewrites one node per diagnostic: the node the diagnostic sits exactly on (<see cref="Flagged"/>; none
/// when it fell back to another location), replaced in the document by <see cref="Fix"/>. One action per diagnostic,
/// all with the same equivalence key, so Fix All applies them together.
/// </summary>
/// <typeparam name="TNode">The kind of node the diagnostic flags.</typeparam>
public abstract class FlaggedNodeCodeFix<TNode> : CodeFixProvider
    where TNode : SyntaxNode
{
    private protected FlaggedNodeCodeFix()
    {
    }

    /// <summary>The equivalence key of every action this fix registers.</summary>
    private protected abstract string Key { get; }

    /// <inheritdoc/>
    public sealed override async Task RegisterCodeFixesAsync(CodeFixContext context)
    {
        SyntaxNode? root = await context.Document.GetSyntaxRootAsync(context.CancellationToken).ConfigureAwait(false);
        if (root is null)
        {
            return;
        }

        foreach (Diagnostic diagnostic in context.Diagnostics)
        {
            if (Flagged(root, diagnostic) is not { } node)
            {
                continue;
            }

            context.RegisterCodeFix(
                CodeAction.Create(Title(node), _ => Task.FromResult(context.Document.WithSyntaxRoot(Fix(root, node))), Key),
                diagnostic);
        }
    }

    /// <summary>The node <paramref name="diagnostic"/> flags, or null when it does not sit exactly on one this fix can change.</summary>
    private protected abstract TNode? Flagged(SyntaxNode root, Diagnostic diagnostic);

    /// <summary>The action's title, as the editor's light bulb shows it.</summary>
    private protected abstract string Title(TNode node);

    /// <summary>The document's root with <paramref name="node"/> fixed.</summary>
    private protected abstract SyntaxNode Fix(SyntaxNode root, TNode node);
}
