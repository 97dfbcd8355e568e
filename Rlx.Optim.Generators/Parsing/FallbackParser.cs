using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Rlx.Optim.Generators.Diagnostics;
using Rlx.Optim.Generators.Families;
using Rlx.Optim.Generators.Helpers;
using Rlx.Optim.Generators.Model;

namespace Rlx.Optim.Generators.Parsing;

/// <summary>Describes what the generator writes for a declaration it refused (<see cref="FallbackSpec"/>).</summary>
internal static class FallbackParser
{
    /// <summary>The fallback of an optimizer class whose parse reported problems into <paramref name="sink"/>.</summary>
    public static FallbackSpec ForOptimizer(
        INamedTypeSymbol type, AttributeData attribute, OptimizerFamily family, DiagnosticSink sink, CancellationToken token)
    {
        IMethodSymbol[] methods = type.GetMembers().OfType<IMethodSymbol>()
            .Where(m => ParameterSetParser.FindParameterAttribute(m) is not null)
            .ToArray();
        bool canExtend = TypeShape.CanExtend(type, token);
        FallbackSpec fallback = Create(type, canExtend, TypeShape.HintName(type), methods, sink, token);
        if (!canExtend || type.IsStatic)
        {
            return fallback;
        }

        EquatableArray<FallbackSet> sets = ParsedSets(type, attribute, family, methods.Length, token);
        return fallback with
        {
            Surface = true,
            Sets = sets,
            RoundsStochastically = DeclaresSixteenBitState(attribute) || sets.Any(set => set.ParameterElement != ElementType.Single),
            HasEvaluationParameters = Emit.Rules.KernelRule.For(family.Kind).HasEvaluationParameters,
        };
    }

    /// <summary>Whether the attribute asks for a state precision other than float (a defined one or not).</summary>
    private static bool DeclaresSixteenBitState(AttributeData attribute) =>
        AttributeArguments.TryGetNamed(attribute, "StatePrecision", out TypedConstant value) && value.Value is int raw && raw != 0;

    /// <summary>The declared sets when every one of them parses (their own problems aside from the optimizer's).</summary>
    /// <remarks>
    /// This runs the parser that just reported the declaration's problems, and may have thrown (RLXO0099): a failure
    /// here only leaves out <c>StepAll</c> and the lengths, since a generator must never throw.
    /// </remarks>
    private static EquatableArray<FallbackSet> ParsedSets(
        INamedTypeSymbol type, AttributeData attribute, OptimizerFamily family, int declared, CancellationToken token)
    {
        try
        {
            var ignored = new DiagnosticSink();
            ImmutableArray<ParameterSetSpec> sets = ParameterSetParser.ParseAll(
                type, family, HyperparameterRules.ReadOptimizer(attribute, family, ignored, token), ignored, token, out _);
            return sets.Length == declared
                ? sets.Select(set => new FallbackSet(set.MethodName, set.Length, set.ParameterElement, set.GradientElement)).ToEquatableArray()
                : default;
        }
        catch (System.Exception exception) when (exception is not System.OperationCanceledException)
        {
            return default;
        }
    }

    /// <summary>
    /// The fallback of a <c>[Parameter]</c> method in a class without an optimizer attribute (RLXO0017). Each such
    /// method gets a file of its own, named after its position among the type's members, since overloads share a name.
    /// </summary>
    public static FallbackSpec ForStrayParameter(IMethodSymbol method, CancellationToken token)
    {
        INamedTypeSymbol type = method.ContainingType;
        var sink = new DiagnosticSink();
        sink.Report(DiagnosticDescriptors.ParameterOutsideOptimizer, method.Locations.FirstOrDefault(), method.Name, type.Name);
        int position = type.GetMembers().IndexOf(method, SymbolEqualityComparer.Default);
        string typeHint = TypeShape.HintName(type);
        string hintName = typeHint.Substring(0, typeHint.Length - ".g.cs".Length) + $".{method.Name}.{position}.g.cs";
        return Create(type, TypeShape.CanExtend(type, token), hintName, new[] { method }, sink, token);
    }

    /// <summary>
    /// Whether the generator reports the type's diagnostics itself, rather than the analyzer: when the type has
    /// <c>[Parameter]</c> partial methods to implement but no generated file can extend it (it is not partial, is
    /// nested in a type that is not, or is file-local). The compiler's errors for those methods (CS0751, CS8795)
    /// would keep every analyzer from running in a command-line build; a generator's error is reported before them.
    /// </summary>
    public static bool GeneratorReports(INamedTypeSymbol type, CancellationToken token) =>
        !TypeShape.CanExtend(type, token) && HasParameterMethodsToImplement(type);

    private static FallbackSpec Create(
        INamedTypeSymbol type, bool canExtend, string hintName, IEnumerable<IMethodSymbol> methods, DiagnosticSink sink, CancellationToken token)
    {
        ImmutableArray<PartialMember> members = canExtend
            ? methods.Where(m => NeedsImplementation(m) && CompleteDeclaration.IsComplete(m, token)).Select(m => PartialMemberHeader.Of(m, token)).ToImmutableArray()
            : ImmutableArray<PartialMember>.Empty;
        bool reports = !canExtend && HasParameterMethodsToImplement(type);
        return new FallbackSpec(
            type.ContainingNamespace.IsGlobalNamespace ? null : type.ContainingNamespace.ToDisplayString(),
            TypeShape.ContainingTypes(type).ToEquatableArray(),
            TypeShape.Keyword(type),
            TypeShape.NameWithTypeParameters(type),
            type.ToDisplayString(),
            hintName,
            sink.Ids(),
            members.ToEquatableArray(),
            Surface: false,
            Sets: default,
            reports ? sink.Infos() : default);
    }

    private static bool HasParameterMethodsToImplement(INamedTypeSymbol type) =>
        type.GetMembers().OfType<IMethodSymbol>().Any(m => NeedsImplementation(m) && ParameterSetParser.FindParameterAttribute(m) is not null);

    /// <summary>A partial method declaration with no implementation: the compiler requires one (CS8795).</summary>
    private static bool NeedsImplementation(IMethodSymbol method) =>
        method.IsPartialDefinition && method.PartialImplementationPart is null;
}
