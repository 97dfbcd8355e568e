using System.Collections.Generic;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Rlx.Optim.Generators.Helpers;
using Rlx.Optim.Generators.Model;

namespace Rlx.Optim.Generators.Parsing;

/// <summary>
/// The header an implementation of a partial method repeats: the declaration's modifiers and parameter modifiers as
/// written, its types fully qualified (the generated file has none of the user's <c>using</c>s), no default values
/// (an implementation may not repeat them), and its constraints.
/// </summary>
internal static class PartialMemberHeader
{
    private static readonly SymbolDisplayFormat s_type = SymbolDisplayFormat.FullyQualifiedFormat.WithMiscellaneousOptions(
        SymbolDisplayFormat.FullyQualifiedFormat.MiscellaneousOptions | SymbolDisplayMiscellaneousOptions.IncludeNullableReferenceTypeModifier);

    public static PartialMember Of(IMethodSymbol method, CancellationToken token)
    {
        MethodDeclarationSyntax? syntax = CompleteDeclaration.Declaration(method, token);
        IEnumerable<string> modifiers = syntax?.Modifiers.Where(m => !m.IsKind(SyntaxKind.PartialKeyword)).Select(m => m.ValueText)
            ?? Enumerable.Empty<string>();
        string returnType = method.RefKind switch
        {
            RefKind.Ref => "ref ",
            RefKind.RefReadOnly => "ref readonly ",
            _ => string.Empty,
        } + method.ReturnType.ToDisplayString(s_type);
        string typeParameters = method.TypeParameters.Length == 0
            ? string.Empty
            : "<" + string.Join(", ", method.TypeParameters.Select(p => Identifier(p.Name))) + ">";
        EquatableArray<string> parameters = method.Parameters
            .Select((p, i) => Parameter(p, syntax?.ParameterList.Parameters.ElementAtOrDefault(i)))
            .ToEquatableArray();
        string constraints = method.IsOverride ? string.Empty : string.Concat(method.TypeParameters.Select(Constraints));
        string head = string.Join(" ", modifiers.Concat(new[] { "partial", returnType })) + $" {Identifier(method.Name)}{typeParameters}(";
        return new PartialMember(head, parameters, ")" + constraints);
    }

    private static string Parameter(IParameterSymbol parameter, ParameterSyntax? syntax)
    {
        string modifiers = syntax is null ? string.Empty : string.Concat(syntax.Modifiers.Select(m => m.ValueText + " "));
        return $"{modifiers}{parameter.Type.ToDisplayString(s_type)} {Identifier(parameter.Name)}";
    }

    private static string Constraints(ITypeParameterSymbol parameter)
    {
        var constraints = new List<string>();
        if (parameter.HasReferenceTypeConstraint)
        {
            constraints.Add(parameter.ReferenceTypeConstraintNullableAnnotation == NullableAnnotation.Annotated ? "class?" : "class");
        }
        else if (parameter.HasUnmanagedTypeConstraint)
        {
            constraints.Add("unmanaged");
        }
        else if (parameter.HasValueTypeConstraint)
        {
            constraints.Add("struct");
        }
        else if (parameter.HasNotNullConstraint)
        {
            constraints.Add("notnull");
        }

        constraints.AddRange(parameter.ConstraintTypes.Select(t => t.ToDisplayString(s_type)));
        if (parameter.HasConstructorConstraint)
        {
            constraints.Add("new()");
        }

        if (parameter.AllowsRefLikeType)
        {
            constraints.Add("allows ref struct");
        }

        return constraints.Count == 0 ? string.Empty : $" where {Identifier(parameter.Name)} : {string.Join(", ", constraints)}";
    }

    private static string Identifier(string name) =>
        SyntaxFacts.GetKeywordKind(name) != SyntaxKind.None ? "@" + name : name;
}
