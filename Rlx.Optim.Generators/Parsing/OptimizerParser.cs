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

/// <summary>
/// Turns an annotated class into an <see cref="OptimizerSpec"/>, reporting every problem it finds. Shared by the
/// generator (which emits only when nothing was reported) and the analyzer (which reports).
/// </summary>
internal static class OptimizerParser
{
    public static OptimizerSpec? Parse(INamedTypeSymbol type, AttributeData attribute, OptimizerFamily family, DiagnosticSink sink, CancellationToken token)
    {
        TypeShape.Validate(type, sink, token);
        CheckSingleOptimizerAttribute(type, attribute, sink, token);
        CheckLanguageVersion(attribute, sink, token);
        token.ThrowIfCancellationRequested();

        double learningRate = AttributeArguments.GetDouble(attribute, "LearningRate", family.LearningRate);
        HyperparameterRules.CheckLearningRate(learningRate, AttributeArguments.NamedLocation(attribute, "LearningRate", token), sink);
        KernelSpec defaults = HyperparameterRules.ReadOptimizer(attribute, family, sink, token);
        OptimizerPrecision precision = ReadPrecision(attribute, sink, token);
        StatePrecision statePrecision = ReadStatePrecision(attribute, sink, token);
        ulong roundingSeed = AttributeArguments.TryGetNamed(attribute, "RoundingSeed", out TypedConstant seed) && seed.Value is ulong s ? s : 0;
        int parallelThreshold = ReadParallelThreshold(attribute, sink, token);
        double maxGradientNorm = ReadMaxGradientNorm(attribute, sink, token);
        bool skipNonFinite = AttributeArguments.TryGetNamed(attribute, "SkipNonFiniteSteps", out TypedConstant skip) && skip.Value is true;
        token.ThrowIfCancellationRequested();

        // A set's method the user is still writing (CompleteDeclaration): the compiler reports it, and no optimizer is generated yet.
        ImmutableArray<ParameterSetSpec> sets = ParameterSetParser.ParseAll(type, family, defaults, sink, token, out bool complete);
        if (sink.HasErrors || !complete)
        {
            return null;
        }

        bool masterWeights = AttributeArguments.TryGetNamed(attribute, "MasterWeights", out TypedConstant master) && master.Value is true;

        return new OptimizerSpec(
            type.ContainingNamespace.IsGlobalNamespace ? null : type.ContainingNamespace.ToDisplayString(),
            TypeShape.ContainingTypes(type).ToEquatableArray(),
            type.Name,
            TypeShape.HintName(type),
            family.Kind,
            precision,
            statePrecision,
            roundingSeed,
            parallelThreshold,
            learningRate,
            defaults,
            sets.ToEquatableArray())
        {
            MasterWeights = masterWeights,
            MaxGradientNorm = maxGradientNorm,
            SkipNonFiniteSteps = skipNonFinite,
        };
    }

    /// <summary>
    /// The generated code's oldest C#: 13, for the <c>ref struct</c> that implements <c>IStepSpans</c> (C# 11's static
    /// abstract interface members and C# 9's partial methods with modifiers come with it).
    /// </summary>
    private const LanguageVersion OldestLanguageVersion = LanguageVersion.CSharp13;

    /// <summary>A project that compiles an older C# (its <c>LangVersion</c>) would get errors in the generated code instead.</summary>
    private static void CheckLanguageVersion(AttributeData attribute, DiagnosticSink sink, CancellationToken token)
    {
        if (attribute.ApplicationSyntaxReference?.SyntaxTree.Options is CSharpParseOptions options
            && options.LanguageVersion < OldestLanguageVersion)
        {
            sink.Report(DiagnosticDescriptors.LanguageVersionTooLow, AttributeArguments.AttributeLocation(attribute, token),
                options.LanguageVersion.ToDisplayString());
        }
    }

    /// <summary>Two optimizer attributes would generate two sets of the same members: only the first is reported on.</summary>
    private static void CheckSingleOptimizerAttribute(INamedTypeSymbol type, AttributeData attribute, DiagnosticSink sink, CancellationToken token)
    {
        List<string> names = OptimizerFamily.On(type).Select(family => family.AttributeName).ToList();
        if (names.Count > 1)
        {
            sink.Report(DiagnosticDescriptors.MultipleOptimizerAttributes, AttributeArguments.AttributeLocation(attribute, token),
                type.Name, string.Join(", ", names.Select(n => "[" + n + "]")));
        }
    }

    private static OptimizerPrecision ReadPrecision(AttributeData attribute, DiagnosticSink sink, CancellationToken token)
    {
        if (!AttributeArguments.TryGetNamed(attribute, "Precision", out TypedConstant value) || value.Value is not int raw)
        {
            return OptimizerPrecision.Single;
        }

        if (raw != (int)OptimizerPrecision.Single && raw != (int)OptimizerPrecision.Double)
        {
            sink.Report(DiagnosticDescriptors.PrecisionUndefined, AttributeArguments.NamedLocation(attribute, "Precision", token), "Precision", raw, nameof(OptimizerPrecision));
        }

        return (OptimizerPrecision)raw;
    }

    private static StatePrecision ReadStatePrecision(AttributeData attribute, DiagnosticSink sink, CancellationToken token)
    {
        if (!AttributeArguments.TryGetNamed(attribute, "StatePrecision", out TypedConstant value) || value.Value is not int raw)
        {
            return StatePrecision.Single;
        }

        if (raw != (int)StatePrecision.Single && raw != (int)StatePrecision.BFloat16)
        {
            sink.Report(DiagnosticDescriptors.PrecisionUndefined, AttributeArguments.NamedLocation(attribute, "StatePrecision", token), "StatePrecision", raw, nameof(StatePrecision));
        }

        return (StatePrecision)raw;
    }

    private static double ReadMaxGradientNorm(AttributeData attribute, DiagnosticSink sink, CancellationToken token)
    {
        double norm = AttributeArguments.GetDouble(attribute, "MaxGradientNorm", 0);
        if (!(norm >= 0 && !float.IsInfinity((float)norm)) || (norm > 0 && (float)norm == 0f))
        {
            sink.Report(DiagnosticDescriptors.MaxGradientNormInvalid, AttributeArguments.NamedLocation(attribute, "MaxGradientNorm", token),
                AttributeArguments.Display(norm));
        }

        return norm;
    }

    private static int ReadParallelThreshold(AttributeData attribute, DiagnosticSink sink, CancellationToken token)
    {
        if (!AttributeArguments.TryGetNamed(attribute, "ParallelThreshold", out TypedConstant value) || value.Value is not int threshold)
        {
            return OptimizerDefaults.ParallelThreshold;
        }

        if (threshold <= 0)
        {
            sink.Report(DiagnosticDescriptors.ParallelThresholdInvalid, AttributeArguments.NamedLocation(attribute, "ParallelThreshold", token), threshold);
        }

        return threshold;
    }
}
