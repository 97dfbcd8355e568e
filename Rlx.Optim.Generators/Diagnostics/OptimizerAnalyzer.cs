using System;
using System.Collections.Immutable;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Rlx.Optim.Generators.Parsing;

namespace Rlx.Optim.Generators.Diagnostics;

/// <summary>
/// Reports what is wrong with an optimizer declaration. It runs the generator's own parser, so the two always
/// agree, and reports from an analyzer so the locations are real (and <c>#pragma</c> works) and the generator's
/// cached models hold no diagnostics.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class OptimizerAnalyzer : DiagnosticAnalyzer
{
    /// <inheritdoc/>
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = ImmutableArray.Create(
        DiagnosticDescriptors.OptimizerTypeNotPartial,
        DiagnosticDescriptors.Beta1OutOfRange,
        DiagnosticDescriptors.Beta2OutOfRange,
        DiagnosticDescriptors.EpsilonInvalid,
        DiagnosticDescriptors.LearningRateInvalid,
        DiagnosticDescriptors.WeightDecayInvalid,
        DiagnosticDescriptors.ParameterMethodReturnType,
        DiagnosticDescriptors.ParameterMethodParameters,
        DiagnosticDescriptors.ParameterMethodNotPartial,
        DiagnosticDescriptors.DimensionNotPositive,
        DiagnosticDescriptors.LengthOverflows,
        DiagnosticDescriptors.DuplicateParameterName,
        DiagnosticDescriptors.UnsupportedOptimizerType,
        DiagnosticDescriptors.EmptyParameterName,
        DiagnosticDescriptors.ParallelThresholdInvalid,
        DiagnosticDescriptors.PrecisionUndefined,
        DiagnosticDescriptors.ParameterOutsideOptimizer,
        DiagnosticDescriptors.InternalError);

    /// <inheritdoc/>
    public override void Initialize(AnalysisContext context)
    {
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
        context.EnableConcurrentExecution();
        context.RegisterCompilationStartAction(start =>
        {
            INamedTypeSymbol? optimizerAttribute = start.Compilation.GetTypeByMetadataName(KnownNames.AdamOptimizerAttribute);
            INamedTypeSymbol? parameterAttribute = start.Compilation.GetTypeByMetadataName(KnownNames.ParameterAttribute);
            if (optimizerAttribute is null || parameterAttribute is null)
            {
                return;
            }

            start.RegisterSymbolAction(
                symbolContext => AnalyzeType(symbolContext, optimizerAttribute, parameterAttribute),
                SymbolKind.NamedType);
        });
    }

    private static void AnalyzeType(SymbolAnalysisContext context, INamedTypeSymbol optimizerAttribute, INamedTypeSymbol parameterAttribute)
    {
        var type = (INamedTypeSymbol)context.Symbol;
        AttributeData? attribute = type.GetAttributes()
            .FirstOrDefault(a => SymbolEqualityComparer.Default.Equals(a.AttributeClass, optimizerAttribute));
        if (attribute is null)
        {
            ReportStrayParameters(context, type, parameterAttribute);
            return;
        }

        DiagnosticSink sink = DiagnosticSink.Collecting();
        try
        {
            OptimizerParser.Parse(type, attribute, sink, context.CancellationToken);
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            context.ReportDiagnostic(Diagnostic.Create(DiagnosticDescriptors.InternalError, type.Locations.FirstOrDefault(), type.Name, exception.Message));
        }

        foreach (Diagnostic diagnostic in sink.Diagnostics)
        {
            context.ReportDiagnostic(diagnostic);
        }
    }

    private static void ReportStrayParameters(SymbolAnalysisContext context, INamedTypeSymbol type, INamedTypeSymbol parameterAttribute)
    {
        foreach (IMethodSymbol method in type.GetMembers().OfType<IMethodSymbol>())
        {
            if (method.GetAttributes().Any(a => SymbolEqualityComparer.Default.Equals(a.AttributeClass, parameterAttribute)))
            {
                context.ReportDiagnostic(Diagnostic.Create(DiagnosticDescriptors.ParameterOutsideOptimizer, method.Locations.FirstOrDefault(), method.Name, type.Name));
            }
        }
    }
}
