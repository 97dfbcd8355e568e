using System;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Rlx.Optim.Generators.Diagnostics;
using Rlx.Optim.Generators.Emit;
using Rlx.Optim.Generators.Families;
using Rlx.Optim.Generators.Model;
using Rlx.Optim.Generators.Parsing;

namespace Rlx.Optim.Generators;

/// <summary>
/// Implements the <c>[Parameter]</c> partial methods of every class with an optimizer attribute (<c>[AdamOptimizer]</c>, <c>[SgdOptimizer]</c>...), with specialized kernels,
/// state and the <c>IOptimizer</c> members. Invalid declarations produce no source: <see cref="OptimizerAnalyzer"/>
/// reports why, with the real locations.
/// </summary>
[Generator(LanguageNames.CSharp)]
public sealed class OptimizerGenerator : IIncrementalGenerator
{
    /// <inheritdoc/>
    public void Initialize(IncrementalGeneratorInitializationContext context)
    {
        foreach (OptimizerFamily family in OptimizerFamily.All)
        {
            IncrementalValuesProvider<OptimizerSpec?> extracted = context.SyntaxProvider
                .ForAttributeWithMetadataName(
                    family.AttributeMetadataName,
                    static (node, _) => node is ClassDeclarationSyntax,
                    (syntaxContext, token) => Extract(syntaxContext, family, token))
                .WithTrackingName(TrackingNames.Extract);

            IncrementalValuesProvider<OptimizerSpec> valid = extracted
                .Where(static spec => spec is not null)
                .Select(static (spec, _) => spec!)
                .WithTrackingName(TrackingNames.Valid);

            context.RegisterSourceOutput(valid, static (output, spec) => Emit(output, spec));
        }
    }

    private static OptimizerSpec? Extract(GeneratorAttributeSyntaxContext context, OptimizerFamily family, CancellationToken token)
    {
        if (context.TargetSymbol is not INamedTypeSymbol type)
        {
            return null;
        }

        try
        {
            return OptimizerParser.Parse(type, context.Attributes[0], family, DiagnosticSink.Counting(), token);
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            // A generator must never throw. The analyzer runs the same parser and reports the failure.
            return null;
        }
    }

    private static void Emit(SourceProductionContext output, OptimizerSpec spec)
    {
        try
        {
            output.AddSource(spec.HintName, OptimizerEmitter.Emit(spec));
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            output.ReportDiagnostic(Diagnostic.Create(DiagnosticDescriptors.InternalError, Location.None, spec.TypeName, exception.Message));
        }
    }
}
