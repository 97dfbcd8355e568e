using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Rlx.Optim.Generators.Diagnostics;
using Rlx.Optim.Generators.Families;
using Rlx.Optim.Generators.Model;

namespace Rlx.Optim.Generators.Parsing;

/// <summary>
/// Reads and checks the folded settings of an optimizer attribute, or a set's overrides on <c>[Parameter]</c>,
/// against what the family accepts.
/// </summary>
internal static class HyperparameterRules
{
    /// <summary>The settings on the optimizer attribute; an argument not written keeps the family's default.</summary>
    public static KernelSpec ReadOptimizer(AttributeData attribute, OptimizerFamily family, DiagnosticSink sink, CancellationToken token)
    {
        KernelSpec kernel = family.Defaults;
        foreach (Setting setting in family.Settings)
        {
            kernel = Read(attribute, setting, kernel, sink, token);
        }

        CheckNesterov(attribute, kernel, sink, token);
        return kernel;
    }

    /// <summary>
    /// A set's overrides on <c>[Parameter]</c>, over the optimizer's <paramref name="inherited"/> kernel. An override
    /// the family has no per-set setting for is reported.
    /// </summary>
    public static KernelSpec ReadOverrides(
        IMethodSymbol method, AttributeData attribute, OptimizerFamily family, KernelSpec inherited, DiagnosticSink sink, CancellationToken token)
    {
        KernelSpec kernel = inherited;
        foreach (string property in OverridableProperties)
        {
            if (!AttributeArguments.TryGetNamed(attribute, property, out _))
            {
                continue;
            }

            Setting? setting = family.Find(property);
            if (setting is null || !setting.Overridable)
            {
                sink.Report(DiagnosticDescriptors.OverrideNotApplicable, AttributeArguments.NamedLocation(attribute, property, token),
                    property, method.Name, family.AttributeName);
                continue;
            }

            kernel = Read(attribute, setting, kernel, sink, token);
        }

        return kernel;
    }

    public static void CheckLearningRate(double value, Location? location, DiagnosticSink sink)
    {
        if (!(value > 0 && !float.IsInfinity((float)value) && (float)value > 0f))
        {
            sink.Report(DiagnosticDescriptors.LearningRateInvalid, location, "LearningRate", AttributeArguments.Display(value));
        }
    }

    /// <summary>The properties <c>[Parameter]</c> can override (those the runtime attribute has).</summary>
    private static readonly string[] OverridableProperties = { "Beta1", "Beta2", "Alpha", "Epsilon", "WeightDecay" };

    private static KernelSpec Read(AttributeData attribute, Setting setting, KernelSpec kernel, DiagnosticSink sink, CancellationToken token)
    {
        if (!AttributeArguments.TryGetNamed(attribute, setting.Property, out TypedConstant constant))
        {
            return kernel;
        }

        if (setting.IsSwitch)
        {
            return constant.Value is bool on ? setting.With(kernel, on ? 1 : 0) : kernel;
        }

        double value;
        if (constant.Value is double number)
        {
            value = number;
        }
        else if (constant.Value is int count)
        {
            value = count; // an int property: Schedule-Free's WarmupSteps
        }
        else
        {
            return kernel;
        }

        if (!setting.IsValid(value))
        {
            sink.Report(setting.Invalid!, AttributeArguments.NamedLocation(attribute, setting.Property, token),
                setting.Property, AttributeArguments.Display(value), setting.Requirement);
        }

        return setting.With(kernel, value);
    }

    /// <summary>PyTorch's rule: Nesterov momentum needs a momentum and no dampening.</summary>
    private static void CheckNesterov(AttributeData attribute, KernelSpec kernel, DiagnosticSink sink, CancellationToken token)
    {
        if (!kernel.Nesterov)
        {
            return;
        }

        if (kernel.Momentum <= 0)
        {
            sink.Report(DiagnosticDescriptors.NesterovWithoutMomentum, AttributeArguments.NamedLocation(attribute, "Nesterov", token),
                AttributeArguments.Display(kernel.Momentum));
        }

        if (kernel.Dampening != 0)
        {
            Location? location = attribute.NamedArguments.Any(a => a.Key == "Dampening")
                ? AttributeArguments.NamedLocation(attribute, "Dampening", token)
                : AttributeArguments.NamedLocation(attribute, "Nesterov", token);
            sink.Report(DiagnosticDescriptors.NesterovWithDampening, location, AttributeArguments.Display(kernel.Dampening));
        }
    }
}
