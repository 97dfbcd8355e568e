using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Rlx.Optim.Generators.Diagnostics;
using Rlx.Optim.Generators.Emit;
using Rlx.Optim.Generators.Families;
using Rlx.Optim.Generators.Helpers;
using Rlx.Optim.Generators.Model;
using Rlx.Optim.Generators.Parsing;

namespace Rlx.Optim.Generators;

/// <summary>
/// Implements the <c>[Parameter]</c> partial methods of every class with an optimizer attribute (<c>[AdamOptimizer]</c>,
/// <c>[SgdOptimizer]</c>...), with specialized kernels, state and the <c>IOptimizer</c> members.
/// </summary>
/// <remarks>
/// An invalid declaration gets a fallback instead: its declared partial methods and the optimizer's members, each
/// throwing. Without it every declared method would be a compiler error (CS8795), and the compiler runs no analyzer
/// once declarations have errors, so the <see cref="OptimizerAnalyzer"/>'s explanation would never reach a
/// command-line build. Where no generated file can extend the class (it is not partial, or file-local), the generator
/// reports the declaration's diagnostics itself.
/// </remarks>
[Generator(LanguageNames.CSharp)]
public sealed class OptimizerGenerator : IIncrementalGenerator
{
    /// <inheritdoc/>
    public void Initialize(IncrementalGeneratorInitializationContext context)
    {
        var valids = new List<IncrementalValuesProvider<OptimizerSpec>>();
        var fallbackLists = new List<IncrementalValuesProvider<FallbackSpec>>();
        foreach (OptimizerFamily family in OptimizerFamily.All)
        {
            IncrementalValuesProvider<OptimizerDeclaration?> extracted = context.SyntaxProvider
                .ForAttributeWithMetadataName(
                    family.AttributeMetadataName,
                    static (node, _) => node is ClassDeclarationSyntax or RecordDeclarationSyntax,
                    (syntaxContext, token) => Extract(syntaxContext, family, token))
                .WithTrackingName(TrackingNames.Extract);

            valids.Add(extracted
                .Select(static (declaration, _) => declaration?.Optimizer)
                .Where(static spec => spec is not null)
                .Select(static (spec, _) => spec!)
                .WithTrackingName(TrackingNames.Valid));

            fallbackLists.Add(extracted
                .Select(static (declaration, _) => declaration?.Fallback)
                .Where(static fallback => fallback is not null)
                .Select(static (fallback, _) => fallback!)
                .WithTrackingName(TrackingNames.Fallback));
        }

        fallbackLists.Add(context.SyntaxProvider
            .ForAttributeWithMetadataName(
                KnownNames.ParameterAttribute,
                static (node, _) => node is MethodDeclarationSyntax,
                static (syntaxContext, token) => ExtractStray(syntaxContext, token))
            .Where(static fallback => fallback is not null)
            .Select(static (fallback, _) => fallback!)
            .WithTrackingName(TrackingNames.Stray));

        IncrementalValueProvider<EquatableArray<string>> colliding = CollidingHintNames(valids, fallbackLists);
        foreach (IncrementalValuesProvider<OptimizerSpec> valid in valids)
        {
            context.RegisterSourceOutput(valid.Combine(colliding), static (output, pair) => Emit(output, pair.Left, pair.Right));
        }

        foreach (IncrementalValuesProvider<FallbackSpec> fallbacks in fallbackLists)
        {
            RegisterFallbackOutputs(context, fallbacks, colliding);
        }
    }

    /// <summary>
    /// Every generated file's name that differs from another only in case (<see cref="CaseUniqueHintNames"/>). An
    /// equatable value, so the outputs combined with it stay cached while the set of names does not change.
    /// </summary>
    private static IncrementalValueProvider<EquatableArray<string>> CollidingHintNames(
        IEnumerable<IncrementalValuesProvider<OptimizerSpec>> valids, IEnumerable<IncrementalValuesProvider<FallbackSpec>> fallbackLists)
    {
        IEnumerable<IncrementalValueProvider<ImmutableArray<string>>> names = valids
            .Select(static valid => valid.Select(static (spec, _) => spec.HintName).Collect())
            .Concat(fallbackLists.Select(static fallbacks => fallbacks.Select(static (fallback, _) => fallback.HintName).Collect()));
        IncrementalValueProvider<ImmutableArray<string>> all = names.Aggregate(
            static (left, right) => left.Combine(right).Select(static (pair, _) => pair.Left.AddRange(pair.Right)));
        return all.Select(static (hintNames, _) => CaseUniqueHintNames.Colliding(hintNames));
    }

    /// <summary>
    /// The fallbacks' members, and apart from them the diagnostics the generator reports itself. Those are placed in
    /// the compilation's own trees, which only the compilation holds: that output runs again on every edit, but only
    /// for a class no generated file can extend, so the members' output stays cached.
    /// </summary>
    private static void RegisterFallbackOutputs(
        IncrementalGeneratorInitializationContext context, IncrementalValuesProvider<FallbackSpec> fallbacks,
        IncrementalValueProvider<EquatableArray<string>> colliding)
    {
        context.RegisterSourceOutput(
            fallbacks.Where(static fallback => fallback.Members.Count > 0 || fallback.Surface).Combine(colliding),
            static (output, pair) => EmitFallback(output, pair.Left, pair.Right));
        context.RegisterSourceOutput(
            fallbacks.Where(static fallback => fallback.Reported.Count > 0).Combine(context.CompilationProvider),
            static (output, pair) => Report(output, pair.Left, pair.Right));
    }

    private static OptimizerDeclaration? Extract(GeneratorAttributeSyntaxContext context, OptimizerFamily family, CancellationToken token)
    {
        if (context.TargetSymbol is not INamedTypeSymbol type || !IsFirstOptimizerAttribute(type, family))
        {
            // A class with two optimizer attributes (RLXO0021) gets one fallback, from its first.
            return null;
        }

        if (!CompleteDeclaration.IsNamed(type))
        {
            return null; // Being typed: the compiler reports the missing name.
        }

        var sink = new DiagnosticSink();
        try
        {
            OptimizerSpec? spec = OptimizerParser.Parse(type, context.Attributes[0], family, sink, token);
            if (spec is not null)
            {
                return new OptimizerDeclaration(spec, null);
            }
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            // A generator must never throw. The analyzer runs the same parser and reports the failure.
            sink.Report(DiagnosticDescriptors.InternalError, TypeShape.IdentifierLocation(type, token), type.Name, exception.Message);
        }

        try
        {
            return new OptimizerDeclaration(null, FallbackParser.ForOptimizer(type, context.Attributes[0], family, sink, token));
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            return null; // The analyzer reports what is wrong; without a fallback the compiler's errors may hide it.
        }
    }

    private static FallbackSpec? ExtractStray(GeneratorAttributeSyntaxContext context, CancellationToken token)
    {
        if (context.TargetSymbol is not IMethodSymbol method
            || method.ContainingType is not { } type
            || OptimizerFamily.On(type).Any()
            || !CompleteDeclaration.IsNamed(type))
        {
            return null;
        }

        try
        {
            return FallbackParser.ForStrayParameter(method, token);
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            return null;
        }
    }

    private static bool IsFirstOptimizerAttribute(INamedTypeSymbol type, OptimizerFamily family) =>
        OptimizerFamily.On(type).FirstOrDefault() == family;

    private static void Emit(SourceProductionContext output, OptimizerSpec spec, EquatableArray<string> colliding)
    {
        try
        {
            output.AddSource(CaseUniqueHintNames.For(spec.HintName, colliding), OptimizerEmitter.Emit(spec));
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            output.ReportDiagnostic(Diagnostic.Create(DiagnosticDescriptors.InternalError, Location.None, spec.TypeName, exception.Message));
        }
    }

    private static void EmitFallback(SourceProductionContext output, FallbackSpec fallback, EquatableArray<string> colliding)
    {
        try
        {
            output.AddSource(CaseUniqueHintNames.For(fallback.HintName, colliding), FallbackEmitter.Emit(fallback));
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            output.ReportDiagnostic(Diagnostic.Create(DiagnosticDescriptors.InternalError, Location.None, fallback.DisplayName, exception.Message));
        }
    }

    private static void Report(SourceProductionContext output, FallbackSpec fallback, Compilation compilation)
    {
        foreach (DiagnosticInfo info in fallback.Reported)
        {
            output.ReportDiagnostic(info.ToDiagnostic(OptimizerAnalyzer.Descriptor(info.Id), compilation));
        }
    }
}
