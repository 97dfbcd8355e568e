using System.Collections.Generic;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Rlx.Optim.Generators.Diagnostics;
using Rlx.Optim.Generators.Model;

namespace Rlx.Optim.Generators.Parsing;

/// <summary>Checks that a class can receive generated members, and describes where it is declared.</summary>
internal static class TypeShape
{
    public static void Validate(INamedTypeSymbol type, DiagnosticSink sink, CancellationToken token)
    {
        Location? location = IdentifierLocation(type, token);
        string? unsupported =
            type.IsRecord ? "it is a record; declare a class" :
            type.IsStatic ? "it is static; optimizers have per-instance state" :
            type.TypeParameters.Length > 0 ? "it is generic" :
            type.IsFileLocal ? "it is file-local, so no other file can extend it" :
            null;

        for (INamedTypeSymbol? outer = type.ContainingType; unsupported is null && outer is not null; outer = outer.ContainingType)
        {
            if (outer.TypeParameters.Length > 0)
            {
                unsupported = $"it is nested in the generic type '{outer.Name}'";
            }
            else if (!IsPartialEverywhere(outer, token))
            {
                unsupported = $"it is nested in '{outer.Name}', which is not partial";
            }
            else if (outer.TypeKind is not (TypeKind.Class or TypeKind.Struct) )
            {
                unsupported = $"it is nested in '{outer.Name}', which is an {outer.TypeKind.ToString().ToLowerInvariant()}";
            }
        }

        if (unsupported is not null)
        {
            sink.Report(DiagnosticDescriptors.UnsupportedOptimizerType, location, type.Name, unsupported);
        }

        foreach (SyntaxReference reference in type.DeclaringSyntaxReferences)
        {
            if (reference.GetSyntax(token) is TypeDeclarationSyntax declaration && !declaration.Modifiers.Any(SyntaxKind.PartialKeyword))
            {
                sink.Report(DiagnosticDescriptors.OptimizerTypeNotPartial, declaration.Identifier.GetLocation(), type.Name);
            }
        }
    }

    /// <summary>
    /// Whether a generated file can add members to the type: every declaration of it and of each enclosing type is
    /// <c>partial</c>, and none is file-local.
    /// </summary>
    public static bool CanExtend(INamedTypeSymbol type, CancellationToken token)
    {
        for (INamedTypeSymbol? current = type; current is not null; current = current.ContainingType)
        {
            if (current.IsFileLocal || !IsPartialEverywhere(current, token))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>The enclosing types, outermost first.</summary>
    public static IEnumerable<ContainingTypeSpec> ContainingTypes(INamedTypeSymbol type)
    {
        var chain = new List<ContainingTypeSpec>();
        for (INamedTypeSymbol? outer = type.ContainingType; outer is not null; outer = outer.ContainingType)
        {
            chain.Add(new ContainingTypeSpec(Keyword(outer), NameWithTypeParameters(outer)));
        }

        chain.Reverse();
        return chain;
    }

    /// <summary>The keyword a partial declaration of <paramref name="type"/> repeats.</summary>
    public static string Keyword(INamedTypeSymbol type) => (type.IsRecord, type.TypeKind) switch
    {
        (true, TypeKind.Struct) => "record struct",
        (true, _) => "record",
        (false, TypeKind.Struct) => "struct",
        (false, TypeKind.Interface) => "interface",
        _ => "class",
    };

    /// <summary>
    /// The name with its type parameters (<c>Outer&lt;T&gt;</c>), as a partial declaration repeats it, each identifier
    /// escaped where it is a keyword (<c>@class</c>).
    /// </summary>
    public static string NameWithTypeParameters(INamedTypeSymbol type) =>
        type.TypeParameters.Length == 0
            ? Emit.SetNames.Escape(type.Name)
            : Emit.SetNames.Escape(type.Name) + "<" + string.Join(", ", type.TypeParameters.Select(p => Emit.SetNames.Escape(p.Name))) + ">";

    /// <summary>
    /// <c>Namespace.Outer+Inner.g.cs</c>, from the metadata names (<c>Opt`1</c> for a generic <c>Opt&lt;T&gt;</c>):
    /// unique per type, unlike the short name, but for case: Roslyn compares hint names ignoring case, so names that
    /// differ only in case are made unique when the files are added (<see cref="Emit.CaseUniqueHintNames"/>).
    /// </summary>
    public static string HintName(INamedTypeSymbol type)
    {
        string name = type.MetadataName;
        for (INamedTypeSymbol? outer = type.ContainingType; outer is not null; outer = outer.ContainingType)
        {
            name = outer.MetadataName + "+" + name;
        }

        // A keyword used as a name is displayed with its '@', which a hint name may not contain.
        return type.ContainingNamespace.IsGlobalNamespace
            ? name + ".g.cs"
            : type.ContainingNamespace.ToDisplayString().Replace("@", string.Empty) + "." + name + ".g.cs";
    }

    public static Location? IdentifierLocation(INamedTypeSymbol type, CancellationToken token) =>
        type.DeclaringSyntaxReferences
            .Select(r => r.GetSyntax(token))
            .OfType<TypeDeclarationSyntax>()
            .Select(d => d.Identifier.GetLocation())
            .FirstOrDefault() ?? type.Locations.FirstOrDefault();

    private static bool IsPartialEverywhere(INamedTypeSymbol type, CancellationToken token) =>
        type.DeclaringSyntaxReferences.All(r => r.GetSyntax(token) is TypeDeclarationSyntax d && d.Modifiers.Any(SyntaxKind.PartialKeyword));
}
