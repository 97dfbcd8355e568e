using System.Threading;
using Microsoft.CodeAnalysis;
using Rlx.Optim.Generators.Diagnostics;
using Rlx.Optim.Generators.Model;

namespace Rlx.Optim.Generators.Parsing;

/// <summary>
/// Reads and checks Adam's hyperparameters, on the optimizer attribute or as a set's overrides. Values are checked
/// as the <see cref="float"/> they become: a β that rounds to 1 or an ε that rounds to 0 is refused.
/// </summary>
internal static class HyperparameterRules
{
    /// <summary>Reads β₁, β₂, ε and λ from <paramref name="attribute"/>; an argument not written keeps <paramref name="inherited"/>'s value.</summary>
    public static AdamKernelSpec ReadKernel(AttributeData attribute, AdamKernelSpec inherited, DiagnosticSink sink, CancellationToken token)
    {
        double beta1 = Read(attribute, "Beta1", inherited.Beta1, IsBeta, DiagnosticDescriptors.Beta1OutOfRange, sink, token);
        double beta2 = Read(attribute, "Beta2", inherited.Beta2, IsBeta, DiagnosticDescriptors.Beta2OutOfRange, sink, token);
        double epsilon = Read(attribute, "Epsilon", inherited.Epsilon, IsPositive, DiagnosticDescriptors.EpsilonInvalid, sink, token);
        double weightDecay = Read(attribute, "WeightDecay", inherited.WeightDecay, IsNonNegative, DiagnosticDescriptors.WeightDecayInvalid, sink, token);
        return new AdamKernelSpec(beta1, beta2, epsilon, weightDecay == 0 ? 0 : weightDecay);
    }

    public static void CheckLearningRate(double value, Location? location, DiagnosticSink sink)
    {
        if (!IsPositive(value))
        {
            sink.Report(DiagnosticDescriptors.LearningRateInvalid, location, "LearningRate", AttributeArguments.Display(value));
        }
    }

    private static double Read(
        AttributeData attribute,
        string name,
        double inherited,
        System.Func<double, bool> isValid,
        DiagnosticDescriptor descriptor,
        DiagnosticSink sink,
        CancellationToken token)
    {
        if (!AttributeArguments.TryGetNamed(attribute, name, out TypedConstant constant) || constant.Value is not double value)
        {
            return inherited;
        }

        if (!isValid(value))
        {
            sink.Report(descriptor, AttributeArguments.NamedLocation(attribute, name, token), name, AttributeArguments.Display(value));
        }

        return value;
    }

    private static bool IsBeta(double value) => value >= 0 && (float)value < 1f;

    private static bool IsPositive(double value) => IsFinite((float)value) && (float)value > 0f;

    private static bool IsNonNegative(double value) => IsFinite((float)value) && value >= 0;

    private static bool IsFinite(float value) => !float.IsNaN(value) && !float.IsInfinity(value);
}
