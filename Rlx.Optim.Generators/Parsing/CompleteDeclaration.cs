using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace Rlx.Optim.Generators.Parsing;

/// <summary>
/// Whether a declaration is complete enough to be repeated in a generated file: a partial method's header parses
/// without errors and names only types that exist; a class and the types and namespaces around it have names.
/// </summary>
/// <remarks>
/// While a user types, a declaration is often incomplete: a parameter without a name, <c>Span&lt;</c>, a misspelt
/// type, <c>namespace .Models</c>. Repeating it in a generated file would add errors there, in code the user cannot
/// edit, to the ones the compiler already reports on the user's line. The generator leaves an incomplete method to the
/// compiler and generates its class only as a fallback until every header is complete, and generates nothing for a
/// class that is not fully named; the analyzer reports nothing of its own about either.
/// </remarks>
internal static class CompleteDeclaration
{
    /// <summary>Whether the class, each type around it and each namespace around it have a name.</summary>
    public static bool IsNamed(INamedTypeSymbol type)
    {
        for (INamedTypeSymbol? named = type; named is not null; named = named.ContainingType)
        {
            if (named.Name.Length == 0)
            {
                return false;
            }
        }

        for (INamespaceSymbol? space = type.ContainingNamespace; space is { IsGlobalNamespace: false }; space = space.ContainingNamespace)
        {
            if (space.Name.Length == 0)
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>Whether the method's header parses without errors and names only types that exist.</summary>
    public static bool IsComplete(IMethodSymbol method, CancellationToken token) =>
        IsComplete(method, Declaration(method, token));

    /// <inheritdoc cref="IsComplete(IMethodSymbol, CancellationToken)"/>
    /// <param name="method">The method.</param>
    /// <param name="syntax">Its declaration (<see cref="Declaration"/>), for a caller that has it already.</param>
    public static bool IsComplete(IMethodSymbol method, MethodDeclarationSyntax? syntax)
    {
        if (method.Name.Length == 0 || syntax is null || !Parses(syntax) || !Names(method.ReturnType))
        {
            return false;
        }

        foreach (IParameterSymbol parameter in method.Parameters)
        {
            if (parameter.Name.Length == 0 || !Names(parameter.Type))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>The method's declaration; a partial method's defining one (its only one until it is implemented).</summary>
    public static MethodDeclarationSyntax? Declaration(IMethodSymbol method, CancellationToken token)
    {
        foreach (SyntaxReference reference in method.DeclaringSyntaxReferences)
        {
            if (reference.GetSyntax(token) is MethodDeclarationSyntax syntax)
            {
                return syntax;
            }
        }

        return null;
    }

    private static bool Parses(MethodDeclarationSyntax syntax) =>
        !syntax.Identifier.IsMissing
        && !HasErrors(syntax.ReturnType)
        && !HasErrors(syntax.TypeParameterList)
        && !HasErrors(syntax.ParameterList)
        && !syntax.ConstraintClauses.Any(HasErrors);

    private static bool HasErrors(SyntaxNode? node) =>
        node is { ContainsDiagnostics: true } && node.GetDiagnostics().Any(d => d.Severity == DiagnosticSeverity.Error);

    /// <summary>Whether the type exists as written: no error type in it, and no generic type left without its arguments.</summary>
    private static bool Names(ITypeSymbol type)
    {
        switch (type)
        {
            case { TypeKind: TypeKind.Error }:
            case INamedTypeSymbol { IsUnboundGenericType: true }:
                return false;
            case INamedTypeSymbol named:
                foreach (ITypeSymbol argument in named.TypeArguments)
                {
                    if (!Names(argument))
                    {
                        return false;
                    }
                }

                return true;
            case IArrayTypeSymbol array:
                return Names(array.ElementType);
            case IPointerTypeSymbol pointer:
                return Names(pointer.PointedAtType);
            default:
                return true;
        }
    }
}
