using System.Globalization;
using System.Threading;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace Rlx.Optim.Generators.Parsing;

/// <summary>Reads an attribute's arguments and finds where each one is written, for diagnostics.</summary>
internal static class AttributeArguments
{
    public static bool TryGetNamed(AttributeData attribute, string name, out TypedConstant value)
    {
        foreach (var pair in attribute.NamedArguments)
        {
            if (pair.Key == name)
            {
                value = pair.Value;
                return true;
            }
        }

        value = default;
        return false;
    }

    public static double GetDouble(AttributeData attribute, string name, double fallback) =>
        TryGetNamed(attribute, name, out TypedConstant value) && value.Value is double number ? number : fallback;

    /// <summary>The location of <c>name = ...</c> in the attribute, or of the attribute when it cannot be found.</summary>
    public static Location? NamedLocation(AttributeData attribute, string name, CancellationToken token)
    {
        if (attribute.ApplicationSyntaxReference?.GetSyntax(token) is not AttributeSyntax syntax)
        {
            return null;
        }

        AttributeArgumentSyntax? argument = syntax.ArgumentList?.Arguments
            .FirstOrDefault(a => a.NameEquals?.Name.Identifier.ValueText == name);
        return (argument ?? (SyntaxNode)syntax).GetLocation();
    }

    /// <summary>The location of the <paramref name="index"/>-th positional argument, or of the attribute.</summary>
    public static Location? PositionalLocation(AttributeData attribute, int index, int count, CancellationToken token)
    {
        if (attribute.ApplicationSyntaxReference?.GetSyntax(token) is not AttributeSyntax syntax)
        {
            return null;
        }

        var positional = syntax.ArgumentList?.Arguments.Where(a => a.NameEquals is null && a.NameColon is null).ToList();
        return positional is not null && positional.Count == count
            ? positional[index].GetLocation()
            : syntax.GetLocation();
    }

    public static Location? AttributeLocation(AttributeData attribute, CancellationToken token) =>
        attribute.ApplicationSyntaxReference?.GetSyntax(token).GetLocation();

    /// <summary>A number as it reads in a message: invariant, round-trippable.</summary>
    public static string Display(double value) => value.ToString("R", CultureInfo.InvariantCulture);
}
