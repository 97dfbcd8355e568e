using System;
using Microsoft.CodeAnalysis;
using Rlx.Optim.Generators.Diagnostics;
using Rlx.Optim.Generators.Model;

namespace Rlx.Optim.Generators.Families;

/// <summary>
/// One property of an optimizer attribute that is folded into the kernels: its name in C# and in checkpoints,
/// whether <c>[Parameter]</c> may override it, how it is checked, and which <see cref="KernelSpec"/> field holds it.
/// Values are checked as the <see cref="float"/> they become in the float kernels.
/// </summary>
internal sealed class Setting
{
    private readonly Func<KernelSpec, double> _get;
    private readonly Func<KernelSpec, double, KernelSpec> _with;
    private readonly Func<double, bool> _isValid;

    private Setting(
        string property,
        string key,
        bool isSwitch,
        bool overridable,
        DiagnosticDescriptor? invalid,
        string requirement,
        Func<double, bool> isValid,
        Func<KernelSpec, double> get,
        Func<KernelSpec, double, KernelSpec> with)
    {
        Property = property;
        Key = key;
        IsSwitch = isSwitch;
        Overridable = overridable;
        Invalid = invalid;
        Requirement = requirement;
        _isValid = isValid;
        _get = get;
        _with = with;
    }

    /// <summary>The attribute property, e.g. <c>Beta1</c>.</summary>
    public string Property { get; }

    /// <summary>The name checkpoints record it under, PyTorch's where it has one, e.g. <c>beta1</c>, <c>eps</c>.</summary>
    public string Key { get; }

    /// <summary>A <see cref="bool"/> property (recorded as 1 or 0).</summary>
    public bool IsSwitch { get; }

    /// <summary>Whether a <c>[Parameter]</c> may override it for one set.</summary>
    public bool Overridable { get; }

    /// <summary>Reported for a value <see cref="IsValid"/> refuses (null for switches).</summary>
    public DiagnosticDescriptor? Invalid { get; }

    /// <summary>What a valid value is, as the diagnostic says it, e.g. <c>[0, 1)</c>.</summary>
    public string Requirement { get; }

    public bool IsValid(double value) => _isValid(value);

    /// <summary>The value in <paramref name="kernel"/> (a switch as 1 or 0).</summary>
    public double Get(KernelSpec kernel) => _get(kernel);

    public KernelSpec With(KernelSpec kernel, double value) => _with(kernel, value);

    public static readonly Setting Beta1 = Number(
        "Beta1", "beta1", overridable: true, DiagnosticDescriptors.Beta1OutOfRange, "[0, 1)", IsBeta,
        k => k.Beta1, (k, v) => k with { Beta1 = v });

    public static readonly Setting Beta2 = Number(
        "Beta2", "beta2", overridable: true, DiagnosticDescriptors.Beta2OutOfRange, "[0, 1)", IsBeta,
        k => k.Beta2, (k, v) => k with { Beta2 = v });

    /// <summary>Lion's β₁: 1 is allowed (the direction is then the momentum alone).</summary>
    public static readonly Setting ClosedBeta1 = Number(
        "Beta1", "beta1", overridable: true, DiagnosticDescriptors.Beta1OutOfRange, "[0, 1]", IsClosedBeta,
        k => k.Beta1, (k, v) => k with { Beta1 = v });

    /// <summary>Lion's β₂: 1 is allowed (the momentum then never changes).</summary>
    public static readonly Setting ClosedBeta2 = Number(
        "Beta2", "beta2", overridable: true, DiagnosticDescriptors.Beta2OutOfRange, "[0, 1]", IsClosedBeta,
        k => k.Beta2, (k, v) => k with { Beta2 = v });

    public static readonly Setting Epsilon = Number(
        "Epsilon", "eps", overridable: true, DiagnosticDescriptors.EpsilonInvalid, "finite and greater than 0", IsPositive,
        k => k.Epsilon, (k, v) => k with { Epsilon = v });

    public static readonly Setting WeightDecay = Number(
        "WeightDecay", "weight_decay", overridable: true, DiagnosticDescriptors.WeightDecayInvalid, "finite and not negative", IsNonNegative,
        k => k.WeightDecay, (k, v) => k with { WeightDecay = v == 0 ? 0 : v });

    public static readonly Setting Momentum = Number(
        "Momentum", "momentum", overridable: false, DiagnosticDescriptors.MomentumOutOfRange, "[0, 1)", IsBeta,
        k => k.Momentum, (k, v) => k with { Momentum = v });

    public static readonly Setting Dampening = Number(
        "Dampening", "dampening", overridable: false, DiagnosticDescriptors.DampeningOutOfRange, "[0, 1]", IsClosedBeta,
        k => k.Dampening, (k, v) => k with { Dampening = v });

    public static readonly Setting MomentumDecay = Number(
        "MomentumDecay", "momentum_decay", overridable: false, DiagnosticDescriptors.MomentumDecayInvalid, "finite and not negative", IsNonNegative,
        k => k.MomentumDecay, (k, v) => k with { MomentumDecay = v });

    /// <summary>Adagrad's η: not per set (it applies to every set, like NAdam's ψ).</summary>
    public static readonly Setting LearningRateDecay = Number(
        "LearningRateDecay", "lr_decay", overridable: false, DiagnosticDescriptors.LearningRateDecayInvalid, "finite and not negative", IsNonNegative,
        k => k.LearningRateDecay, (k, v) => k with { LearningRateDecay = v });

    /// <summary>
    /// Adagrad's τ: the value <c>sum</c> starts at. Not per set: PyTorch 1.13 fills every group's <c>sum</c> from the
    /// constructor's argument, and the state table starts every set's buffers alike.
    /// </summary>
    public static readonly Setting InitialAccumulatorValue = Number(
        "InitialAccumulatorValue", "initial_accumulator_value", overridable: false, DiagnosticDescriptors.InitialAccumulatorValueInvalid,
        "finite and not negative", IsNonNegative,
        k => k.InitialAccumulatorValue, (k, v) => k with { InitialAccumulatorValue = v });

    /// <summary>RMSprop's α, per set like Adam's β₂ (a PyTorch parameter group's <c>alpha</c>).</summary>
    public static readonly Setting Alpha = Number(
        "Alpha", "alpha", overridable: true, DiagnosticDescriptors.AlphaOutOfRange, "[0, 1)", IsBeta,
        k => k.Alpha, (k, v) => k with { Alpha = v });

    /// <summary>Adafactor's τ: for every set (a schedule of the step, like NAdam's ψ).</summary>
    public static readonly Setting Beta2Decay = Number(
        "Beta2Decay", "beta2_decay", overridable: false, DiagnosticDescriptors.Beta2DecayInvalid, "finite and not positive", IsNonPositive,
        k => k.Beta2Decay, (k, v) => k with { Beta2Decay = v });

    /// <summary>Adafactor's ε₁ (PyTorch's <c>eps[0]</c>), held in <see cref="KernelSpec.Epsilon"/>; 0 is allowed.</summary>
    public static readonly Setting Epsilon1 = Number(
        "Epsilon1", "eps1", overridable: false, DiagnosticDescriptors.AdafactorEpsilonInvalid, "finite and not negative", IsNonNegative,
        k => k.Epsilon, (k, v) => k with { Epsilon = v });

    /// <summary>Adafactor's ε₂ (PyTorch's <c>eps[1]</c>).</summary>
    public static readonly Setting Epsilon2 = Number(
        "Epsilon2", "eps2", overridable: false, DiagnosticDescriptors.AdafactorEpsilonInvalid, "finite and not negative", IsNonNegative,
        k => k.Epsilon2, (k, v) => k with { Epsilon2 = v });

    /// <summary>Adafactor's d: PyTorch requires d ≥ 1.</summary>
    public static readonly Setting ClippingThreshold = Number(
        "ClippingThreshold", "d", overridable: false, DiagnosticDescriptors.ClippingThresholdInvalid, "finite and at least 1", IsAtLeastOne,
        k => k.ClippingThreshold, (k, v) => k with { ClippingThreshold = v });

    /// <summary>LAMB's ε_root (Optax's <c>eps_root</c>): not per set, as Optax's chain has one for every leaf.</summary>
    public static readonly Setting EpsilonRoot = Number(
        "EpsilonRoot", "eps_root", overridable: false, DiagnosticDescriptors.EpsilonRootInvalid, "finite and not negative", IsNonNegative,
        k => k.EpsilonRoot, (k, v) => k with { EpsilonRoot = v });

    /// <summary>Schedule-Free's β₁: 0 is refused (x = (y − (1 − β₁)z)/β₁ recovers the average from y and z).</summary>
    public static readonly Setting OpenBeta1 = Number(
        "Beta1", "beta1", overridable: true, DiagnosticDescriptors.Beta1OutOfRange, "(0, 1)", IsOpenBeta,
        k => k.Beta1, (k, v) => k with { Beta1 = v });

    /// <summary>Schedule-Free's r: not per set (every set's average is weighed alike).</summary>
    public static readonly Setting WeightLrPower = Number(
        "WeightLrPower", "weight_lr_power", overridable: false, DiagnosticDescriptors.WeightLrPowerInvalid, "finite and not negative", IsNonNegative,
        k => k.WeightLrPower, (k, v) => k with { WeightLrPower = v });

    /// <summary>Schedule-Free's warm-up W, a whole number of steps (an <c>int</c> property): not per set.</summary>
    public static readonly Setting WarmupSteps = Number(
        "WarmupSteps", "warmup_steps", overridable: false, DiagnosticDescriptors.WarmupStepsInvalid, "0 (none) or a positive number of steps", IsNonNegative,
        k => k.WarmupSteps, (k, v) => k with { WarmupSteps = v });

    public static readonly Setting AmsGrad = Switch("AmsGrad", "amsgrad", k => k.AmsGrad, (k, v) => k with { AmsGrad = v });

    public static readonly Setting Maximize = Switch("Maximize", "maximize", k => k.Maximize, (k, v) => k with { Maximize = v });

    public static readonly Setting Nesterov = Switch("Nesterov", "nesterov", k => k.Nesterov, (k, v) => k with { Nesterov = v });

    public static readonly Setting Centered = Switch("Centered", "centered", k => k.Centered, (k, v) => k with { Centered = v });

    public static readonly Setting DecoupledWeightDecay = Switch(
        "DecoupledWeightDecay", "decoupled_weight_decay", k => k.DecoupledWeightDecay, (k, v) => k with { DecoupledWeightDecay = v });

    private static Setting Number(
        string property,
        string key,
        bool overridable,
        DiagnosticDescriptor invalid,
        string requirement,
        Func<double, bool> isValid,
        Func<KernelSpec, double> get,
        Func<KernelSpec, double, KernelSpec> with) =>
        new(property, key, isSwitch: false, overridable, invalid, requirement, isValid, get, with);

    private static Setting Switch(string property, string key, Func<KernelSpec, bool> get, Func<KernelSpec, bool, KernelSpec> with) =>
        new(property, key, isSwitch: true, overridable: false, invalid: null, string.Empty, _ => true,
            k => get(k) ? 1 : 0, (k, v) => with(k, v != 0));

    private static bool IsBeta(double value) => value >= 0 && (float)value < 1f;

    private static bool IsOpenBeta(double value) => value > 0 && (float)value < 1f;

    private static bool IsClosedBeta(double value) => value >= 0 && value <= 1;

    private static bool IsPositive(double value) => IsFinite((float)value) && (float)value > 0f;

    private static bool IsNonPositive(double value) => IsFinite((float)value) && value <= 0;

    private static bool IsAtLeastOne(double value) => IsFinite((float)value) && value >= 1;

    private static bool IsNonNegative(double value) => IsFinite((float)value) && value >= 0;

    private static bool IsFinite(float value) => !float.IsNaN(value) && !float.IsInfinity(value);
}
