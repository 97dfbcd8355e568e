using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Rlx.Optim.Generators.Diagnostics;
using Rlx.Optim.Generators.Families;
using Rlx.Optim.Generators.Helpers;
using Rlx.Optim.Generators.Model;

namespace Rlx.Optim.Generators.Parsing;

/// <summary>Reads the <c>[Parameter]</c> partial methods of an optimizer class.</summary>
internal static class ParameterSetParser
{
    /// <summary>The sets of every complete <c>[Parameter]</c> method (<see cref="CompleteDeclaration"/>), each checked.</summary>
    /// <param name="complete">Whether every <c>[Parameter]</c> method's header was complete: false while one is being typed.</param>
    public static ImmutableArray<ParameterSetSpec> ParseAll(
        INamedTypeSymbol type, OptimizerFamily family, KernelSpec defaults, DiagnosticSink sink, CancellationToken token, out bool complete)
    {
        complete = true;
        var sets = ImmutableArray.CreateBuilder<ParameterSetSpec>();
        var methodsByName = new Dictionary<string, string>(System.StringComparer.Ordinal);
        foreach (IMethodSymbol method in type.GetMembers().OfType<IMethodSymbol>())
        {
            token.ThrowIfCancellationRequested();
            AttributeData? attribute = FindParameterAttribute(method);
            if (attribute is null)
            {
                continue;
            }

            MethodDeclarationSyntax? syntax = CompleteDeclaration.Declaration(method, token);
            if (!CompleteDeclaration.IsComplete(method, syntax))
            {
                complete = false;
                continue;
            }

            ParameterSetSpec? set = Parse(method, syntax, attribute, family, defaults, sink, token);
            if (set is null)
            {
                continue;
            }

            if (methodsByName.TryGetValue(set.Name, out string? first))
            {
                Location? location = AttributeArguments.TryGetNamed(attribute, "Name", out _)
                    ? AttributeArguments.NamedLocation(attribute, "Name", token)
                    : method.Locations.FirstOrDefault();
                sink.Report(DiagnosticDescriptors.DuplicateParameterName, location, set.Name, method.Name, first);
                continue;
            }

            methodsByName.Add(set.Name, method.Name);
            sets.Add(set);
        }

        return sets.ToImmutable();
    }

    public static AttributeData? FindParameterAttribute(IMethodSymbol method) =>
        method.GetAttributes().FirstOrDefault(a => a.AttributeClass?.ToDisplayString() == KnownNames.ParameterAttribute);

    private static ParameterSetSpec? Parse(
        IMethodSymbol method, MethodDeclarationSyntax? syntax, AttributeData attribute, OptimizerFamily family, KernelSpec defaults, DiagnosticSink sink,
        CancellationToken token)
    {
        bool validSignature = CheckSignature(method, syntax, sink);

        ImmutableArray<int> shape = ReadShape(method, attribute, sink, token, out long length);
        string name = ReadName(method, attribute, sink, token);
        KernelSpec kernel = HyperparameterRules.ReadOverrides(method, attribute, family, defaults, sink, token);
        kernel = ReadLearningRateScale(method, attribute, kernel, sink, token);
        if (!validSignature || syntax is null || length < 0)
        {
            return null;
        }

        return new ParameterSetSpec(
            method.Name,
            Modifiers(syntax),
            method.Parameters[0].Name,
            method.Parameters[1].Name,
            name,
            shape.ToEquatableArray(),
            (int)length,
            kernel,
            ElementOf(method.Parameters[0]),
            ElementOf(method.Parameters[1]));
    }

    /// <summary>The set's <c>LearningRateScale</c>, folded into its kernel (a set with another scale gets its own).</summary>
    private static KernelSpec ReadLearningRateScale(IMethodSymbol method, AttributeData attribute, KernelSpec kernel, DiagnosticSink sink, CancellationToken token)
    {
        if (!AttributeArguments.TryGetNamed(attribute, "LearningRateScale", out TypedConstant value) || value.Value is not double scale)
        {
            return kernel;
        }

        if (!(scale >= 0 && !double.IsInfinity(scale)))
        {
            sink.Report(DiagnosticDescriptors.LearningRateScaleInvalid, AttributeArguments.NamedLocation(attribute, "LearningRateScale", token),
                AttributeArguments.Display(scale), method.Name);
            return kernel;
        }

        return kernel with { LearningRateScale = scale };
    }

    private static bool CheckSignature(IMethodSymbol method, MethodDeclarationSyntax? syntax, DiagnosticSink sink)
    {
        bool valid = true;
        if (!method.ReturnsVoid)
        {
            sink.Report(DiagnosticDescriptors.ParameterMethodReturnType, syntax?.ReturnType.GetLocation() ?? method.Locations.FirstOrDefault(),
                method.Name, method.ReturnType.ToDisplayString());
            valid = false;
        }

        if (!HasStepParameters(method))
        {
            sink.Report(DiagnosticDescriptors.ParameterMethodParameters, syntax?.ParameterList.GetLocation() ?? method.Locations.FirstOrDefault(),
                method.Name, string.Join(", ", method.Parameters.Select(p => p.ToDisplayString())));
            valid = false;
        }

        string? notPartial =
            method.IsStatic ? "static" :
            method.TypeParameters.Length > 0 ? "generic" :
            IsImplementedByUser(method) ? "already implemented" :
            !method.IsPartialDefinition ? "not partial" :
            null;
        if (notPartial is not null)
        {
            sink.Report(DiagnosticDescriptors.ParameterMethodNotPartial, method.Locations.FirstOrDefault(), method.Name, notPartial);
            valid = false;
        }

        return valid;
    }

    /// <summary>
    /// Whether the method has a body the user wrote. The analyzer sees the compilation with this generator's output,
    /// where the implementation is ours; the generator sees it without.
    /// </summary>
    private static bool IsImplementedByUser(IMethodSymbol method) =>
        method.PartialImplementationPart is { } implementation
        && !implementation.DeclaringSyntaxReferences.Any(r => r.SyntaxTree.FilePath.Contains(GeneratedPathMarker));

    /// <summary>Part of the path Roslyn gives every file this generator adds.</summary>
    private const string GeneratedPathMarker = "Rlx.Optim.Generators.OptimizerGenerator";

    /// <summary>
    /// <c>(Span&lt;T&gt;, ReadOnlySpan&lt;T&gt;)</c> with T float, Half or BFloat16; a 16-bit parameter may also take a
    /// float gradient.
    /// </summary>
    private static bool HasStepParameters(IMethodSymbol method)
    {
        if (method.Parameters.Length != 2
            || SpanElement(method.Parameters[0], "System.Span<T>") is not { } parameter
            || SpanElement(method.Parameters[1], "System.ReadOnlySpan<T>") is not { } gradient)
        {
            return false;
        }

        return gradient == parameter || gradient == ElementType.Single;
    }

    private static ElementType ElementOf(IParameterSymbol parameter) =>
        parameter.Type is INamedTypeSymbol { TypeArguments.Length: 1 } type ? ElementOf(type.TypeArguments[0]) ?? ElementType.Single : ElementType.Single;

    private static ElementType? SpanElement(IParameterSymbol parameter, string definition) =>
        parameter.RefKind == RefKind.None
        && parameter.ScopedKind == ScopedKind.None
        && !parameter.IsParams
        && parameter.Type is INamedTypeSymbol { TypeArguments.Length: 1 } type
        && type.OriginalDefinition.ToDisplayString() == definition
            ? ElementOf(type.TypeArguments[0])
            : null;

    private static ElementType? ElementOf(ITypeSymbol type) =>
        type.SpecialType == SpecialType.System_Single ? ElementType.Single
        : type.ToDisplayString() == "System.Half" ? ElementType.Half
        : type.ToDisplayString() == KnownNames.BFloat16 ? ElementType.BFloat16
        : null;

    private static ImmutableArray<int> ReadShape(IMethodSymbol method, AttributeData attribute, DiagnosticSink sink, CancellationToken token, out long length)
    {
        // [Parameter(null)] is legal C#: a null array, read as no dimensions.
        ImmutableArray<TypedConstant> values = attribute.ConstructorArguments.Length == 1
            && attribute.ConstructorArguments[0].Kind == TypedConstantKind.Array
            && !attribute.ConstructorArguments[0].IsNull
            ? attribute.ConstructorArguments[0].Values
            : ImmutableArray<TypedConstant>.Empty;
        var shape = ImmutableArray.CreateBuilder<int>(values.Length);
        length = 1;
        for (int i = 0; i < values.Length; i++)
        {
            int dimension = values[i].Value is int value ? value : 0;
            shape.Add(dimension);
            if (dimension <= 0)
            {
                sink.Report(DiagnosticDescriptors.DimensionNotPositive, AttributeArguments.PositionalLocation(attribute, i, values.Length, token),
                    i, method.Name, dimension);
                length = -1;
            }
            else if (length > 0)
            {
                length = System.Math.Min(length * dimension, (long)int.MaxValue + 1);
            }
        }

        if (length > int.MaxValue)
        {
            double product = values.Aggregate(1.0, (total, v) => total * (int)v.Value!);
            sink.Report(DiagnosticDescriptors.LengthOverflows, AttributeArguments.AttributeLocation(attribute, token),
                method.Name, string.Join(", ", shape), product.ToString("N0", System.Globalization.CultureInfo.InvariantCulture));
            length = -1;
        }

        return shape.ToImmutable();
    }

    private static string ReadName(IMethodSymbol method, AttributeData attribute, DiagnosticSink sink, CancellationToken token)
    {
        if (AttributeArguments.TryGetNamed(attribute, "Name", out TypedConstant constant) && constant.Value is string explicitName)
        {
            if (string.IsNullOrWhiteSpace(explicitName))
            {
                sink.Report(DiagnosticDescriptors.EmptyParameterName, AttributeArguments.NamedLocation(attribute, "Name", token), method.Name);
            }

            return explicitName;
        }

        return DefaultName(method.Name);
    }

    /// <summary><c>StepW1</c> is <c>w1</c>: the method's name without a leading <c>Step</c>, first letter lower-cased.</summary>
    internal static string DefaultName(string methodName)
    {
        string stem = methodName.Length > 4 && methodName.StartsWith("Step", System.StringComparison.Ordinal) ? methodName.Substring(4) : methodName;
        return char.ToLowerInvariant(stem[0]) + stem.Substring(1);
    }

    /// <summary>The declaration's modifiers but <c>partial</c>, which the implementation must repeat.</summary>
    private static string Modifiers(MethodDeclarationSyntax syntax) =>
        string.Join(" ", syntax.Modifiers.Where(m => !m.IsKind(SyntaxKind.PartialKeyword)).Select(m => m.ValueText));
}
