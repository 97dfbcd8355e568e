using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Rlx.Optim.Generators.Families;
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
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics => s_descriptors;

    private static readonly ImmutableArray<DiagnosticDescriptor> s_descriptors = ImmutableArray.Create(
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
        DiagnosticDescriptors.NesterovWithoutMomentum,
        DiagnosticDescriptors.NesterovWithDampening,
        DiagnosticDescriptors.OverrideNotApplicable,
        DiagnosticDescriptors.MultipleOptimizerAttributes,
        DiagnosticDescriptors.MomentumOutOfRange,
        DiagnosticDescriptors.DampeningOutOfRange,
        DiagnosticDescriptors.MomentumDecayInvalid,
        DiagnosticDescriptors.MaxGradientNormInvalid,
        DiagnosticDescriptors.LearningRateScaleInvalid,
        DiagnosticDescriptors.LearningRateDecayInvalid,
        DiagnosticDescriptors.InitialAccumulatorValueInvalid,
        DiagnosticDescriptors.AlphaOutOfRange,
        DiagnosticDescriptors.Beta2DecayInvalid,
        DiagnosticDescriptors.AdafactorEpsilonInvalid,
        DiagnosticDescriptors.ClippingThresholdInvalid,
        DiagnosticDescriptors.EpsilonRootInvalid,
        DiagnosticDescriptors.WeightLrPowerInvalid,
        DiagnosticDescriptors.WarmupStepsInvalid,
        DiagnosticDescriptors.LanguageVersionTooLow,
        DiagnosticDescriptors.InternalError);

    /// <summary>The descriptor of a diagnostic ID, for the diagnostics the generator reports itself.</summary>
    internal static DiagnosticDescriptor Descriptor(string id) =>
        s_descriptors.FirstOrDefault(d => d.Id == id) ?? DiagnosticDescriptors.InternalError;

    /// <inheritdoc/>
    public override void Initialize(AnalysisContext context)
    {
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
        context.EnableConcurrentExecution();
        context.RegisterCompilationStartAction(start =>
        {
            INamedTypeSymbol? parameterAttribute = start.Compilation.GetTypeByMetadataName(KnownNames.ParameterAttribute);
            if (parameterAttribute is null)
            {
                return;
            }

            var families = new Dictionary<INamedTypeSymbol, OptimizerFamily>(SymbolEqualityComparer.Default);
            foreach (OptimizerFamily family in OptimizerFamily.All)
            {
                if (start.Compilation.GetTypeByMetadataName(family.AttributeMetadataName) is { } attribute)
                {
                    families.Add(attribute, family);
                }
            }

            start.RegisterSymbolAction(
                symbolContext => AnalyzeType(symbolContext, families, parameterAttribute),
                SymbolKind.NamedType);
        });
    }

    private static void AnalyzeType(
        SymbolAnalysisContext context, Dictionary<INamedTypeSymbol, OptimizerFamily> families, INamedTypeSymbol parameterAttribute)
    {
        var type = (INamedTypeSymbol)context.Symbol;
        if (FallbackParser.GeneratorReports(type, context.CancellationToken))
        {
            // The compiler's own errors for this type would keep this analyzer from running in a command-line build.
            return;
        }

        AttributeData? attribute = null;
        OptimizerFamily? family = null;
        foreach (AttributeData candidate in type.GetAttributes())
        {
            if (candidate.AttributeClass is { } attributeClass && families.TryGetValue(attributeClass, out OptimizerFamily? found))
            {
                attribute = candidate;
                family = found;
                break;
            }
        }

        if (attribute is null || family is null)
        {
            ReportStrayParameters(context, type, parameterAttribute);
            return;
        }

        var sink = new DiagnosticSink();
        try
        {
            OptimizerParser.Parse(type, attribute, family, sink, context.CancellationToken);
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            context.ReportDiagnostic(Diagnostic.Create(DiagnosticDescriptors.InternalError, type.Locations.FirstOrDefault(), type.Name, exception.Message));
        }

        foreach (Diagnostic diagnostic in sink.Diagnostics())
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
