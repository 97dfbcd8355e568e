using Microsoft.CodeAnalysis;

namespace Rlx.Optim.Generators.Diagnostics;

/// <summary>
/// Every diagnostic Rlx.Optim reports. README.md lists them and <c>docs/diagnostics/{ID}.md</c> explains each; each is
/// an error, and the optimizer is not generated.
/// </summary>
internal static class DiagnosticDescriptors
{
    private const string Category = "Rlx.Optim";

    /// <summary>Where the help pages are published: it must follow the repository's public address.</summary>
    private const string HelpBase = "https://github.com/rlx-optim/Rlx.Optim/blob/main/docs/diagnostics/";

    /// <summary><c>The optimizer class '{0}' must be declared 'partial'</c></summary>
    public static readonly DiagnosticDescriptor OptimizerTypeNotPartial = Create(
        "RLXO0001", "Optimizer class must be partial",
        "The optimizer class '{0}' must be declared 'partial' so the generator can add its members");

    /// <summary><c>{0} = {1}: β₁ must be in {2}</c> ([0, 1); Lion's [0, 1])</summary>
    public static readonly DiagnosticDescriptor Beta1OutOfRange = Create(
        "RLXO0002", "β₁ out of range",
        "{0} = {1}: β₁ must be in {2}");

    /// <summary><c>{0} = {1}: β₂ must be in {2}</c> ([0, 1); Lion's [0, 1])</summary>
    public static readonly DiagnosticDescriptor Beta2OutOfRange = Create(
        "RLXO0003", "β₂ out of range",
        "{0} = {1}: β₂ must be in {2}");

    /// <summary><c>{0} = {1}: ε must be finite and greater than 0</c></summary>
    public static readonly DiagnosticDescriptor EpsilonInvalid = Create(
        "RLXO0004", "Invalid ε",
        "{0} = {1}: ε must be finite and greater than 0");

    /// <summary><c>{0} = {1}: the learning rate must be finite and greater than 0</c></summary>
    public static readonly DiagnosticDescriptor LearningRateInvalid = Create(
        "RLXO0005", "Invalid learning rate",
        "{0} = {1}: the learning rate must be finite and greater than 0");

    /// <summary><c>{0} = {1}: the weight decay must be finite and not negative</c></summary>
    public static readonly DiagnosticDescriptor WeightDecayInvalid = Create(
        "RLXO0006", "Invalid weight decay",
        "{0} = {1}: the weight decay must be finite and not negative");

    /// <summary><c>The [Parameter] method '{0}' must return void, not '{1}'</c></summary>
    public static readonly DiagnosticDescriptor ParameterMethodReturnType = Create(
        "RLXO0007", "[Parameter] method must return void",
        "The [Parameter] method '{0}' must return void, not '{1}'");

    /// <summary><c>The [Parameter] method '{0}' must take (Span&lt;T&gt; parameter, ReadOnlySpan&lt;T&gt; gradient)...</c></summary>
    public static readonly DiagnosticDescriptor ParameterMethodParameters = Create(
        "RLXO0008", "[Parameter] method has the wrong parameters",
        "The [Parameter] method '{0}' must take (Span<T> parameter, ReadOnlySpan<T> gradient), T float, Half or BFloat16 (a 16-bit parameter may take a float gradient), not ({1})");

    /// <summary><c>The [Parameter] method '{0}' must be a partial method declaration without a body: it is {1}</c></summary>
    public static readonly DiagnosticDescriptor ParameterMethodNotPartial = Create(
        "RLXO0009", "[Parameter] method must be a partial declaration",
        "The [Parameter] method '{0}' must be a non-static, non-generic partial method declaration without a body: it is {1}");

    /// <summary><c>Dimension {0} of '{1}' is {2}: every dimension must be greater than 0</c></summary>
    public static readonly DiagnosticDescriptor DimensionNotPositive = Create(
        "RLXO0010", "Dimension must be positive",
        "Dimension {0} of '{1}' is {2}: every dimension must be greater than 0");

    /// <summary><c>The shape [{1}] of '{0}' holds {2} elements, more than a span can (2,147,483,647)</c></summary>
    public static readonly DiagnosticDescriptor LengthOverflows = Create(
        "RLXO0011", "Parameter set too large",
        "The shape [{1}] of '{0}' holds {2} elements, more than a span can (2,147,483,647)");

    /// <summary><c>The parameter set name '{0}' of '{1}' is already used by '{2}'</c></summary>
    public static readonly DiagnosticDescriptor DuplicateParameterName = Create(
        "RLXO0012", "Duplicate parameter set name",
        "The parameter set name '{0}' of '{1}' is already used by '{2}'");

    /// <summary><c>'{0}' cannot hold a generated optimizer: {1}</c></summary>
    public static readonly DiagnosticDescriptor UnsupportedOptimizerType = Create(
        "RLXO0013", "Unsupported optimizer type",
        "'{0}' cannot hold a generated optimizer: {1}");

    /// <summary><c>The [Parameter] method '{0}' has an empty Name</c></summary>
    public static readonly DiagnosticDescriptor EmptyParameterName = Create(
        "RLXO0014", "Empty parameter set name",
        "The [Parameter] method '{0}' has an empty Name");

    /// <summary><c>ParallelThreshold = {0}: it must be greater than 0 (int.MaxValue keeps every set on one thread)</c></summary>
    public static readonly DiagnosticDescriptor ParallelThresholdInvalid = Create(
        "RLXO0015", "Invalid parallel threshold",
        "ParallelThreshold = {0}: it must be greater than 0 (int.MaxValue keeps every set on one thread)");

    /// <summary><c>{0} = {1} is not a defined {2} value</c>: <c>Precision</c> or <c>StatePrecision</c>.</summary>
    public static readonly DiagnosticDescriptor PrecisionUndefined = Create(
        "RLXO0016", "Unknown precision",
        "{0} = {1} is not a defined {2} value");

    /// <summary><c>The [Parameter] method '{0}' is in '{1}', which has no optimizer attribute</c></summary>
    public static readonly DiagnosticDescriptor ParameterOutsideOptimizer = Create(
        "RLXO0017", "[Parameter] outside an optimizer",
        "The [Parameter] method '{0}' is in '{1}', which has no optimizer attribute such as [AdamOptimizer]");

    /// <summary><c>Nesterov = true needs a momentum, but Momentum is {0}</c></summary>
    public static readonly DiagnosticDescriptor NesterovWithoutMomentum = Create(
        "RLXO0018", "Nesterov without momentum",
        "Nesterov = true needs a momentum, but Momentum is {0}");

    /// <summary><c>Nesterov = true needs zero dampening, but Dampening is {0}</c></summary>
    public static readonly DiagnosticDescriptor NesterovWithDampening = Create(
        "RLXO0019", "Nesterov with dampening",
        "Nesterov = true needs zero dampening, but Dampening is {0}");

    /// <summary><c>{0} on the [Parameter] method '{1}' does not apply: [{2}] has no per-set {0}</c></summary>
    public static readonly DiagnosticDescriptor OverrideNotApplicable = Create(
        "RLXO0020", "Override does not apply",
        "{0} on the [Parameter] method '{1}' does not apply: [{2}] has no per-set {0}");

    /// <summary><c>'{0}' has more than one optimizer attribute ({1}): keep one</c></summary>
    public static readonly DiagnosticDescriptor MultipleOptimizerAttributes = Create(
        "RLXO0021", "More than one optimizer attribute",
        "'{0}' has more than one optimizer attribute ({1}): keep one");

    /// <summary><c>{0} = {1}: the momentum must be in {2}</c></summary>
    public static readonly DiagnosticDescriptor MomentumOutOfRange = Create(
        "RLXO0022", "Momentum out of range",
        "{0} = {1}: the momentum must be in {2}");

    /// <summary><c>{0} = {1}: the dampening must be in {2}</c></summary>
    public static readonly DiagnosticDescriptor DampeningOutOfRange = Create(
        "RLXO0023", "Dampening out of range",
        "{0} = {1}: the dampening must be in {2}");

    /// <summary><c>{0} = {1}: the momentum decay must be {2}</c></summary>
    public static readonly DiagnosticDescriptor MomentumDecayInvalid = Create(
        "RLXO0024", "Invalid momentum decay",
        "{0} = {1}: the momentum decay must be {2}");

    /// <summary><c>MaxGradientNorm = {0}: it must be finite and greater than 0 (0, the default, does not clip)</c></summary>
    public static readonly DiagnosticDescriptor MaxGradientNormInvalid = Create(
        "RLXO0025", "Invalid gradient clipping norm",
        "MaxGradientNorm = {0}: it must be finite and greater than 0 (0, the default, does not clip)");

    /// <summary><c>LearningRateScale = {0} on '{1}': it must be finite and ≥ 0</c></summary>
    public static readonly DiagnosticDescriptor LearningRateScaleInvalid = Create(
        "RLXO0026", "Invalid learning-rate scale",
        "LearningRateScale = {0} on '{1}': it must be finite and ≥ 0 (1 keeps the optimizer's rate, 0 freezes the set)");

    /// <summary><c>{0} = {1}: the learning-rate decay must be {2}</c></summary>
    public static readonly DiagnosticDescriptor LearningRateDecayInvalid = Create(
        "RLXO0027", "Invalid learning-rate decay",
        "{0} = {1}: the learning-rate decay must be {2}");

    /// <summary><c>{0} = {1}: the initial accumulator value must be {2}</c></summary>
    public static readonly DiagnosticDescriptor InitialAccumulatorValueInvalid = Create(
        "RLXO0028", "Invalid initial accumulator value",
        "{0} = {1}: the initial accumulator value must be {2}");

    /// <summary><c>{0} = {1}: α must be in {2}</c></summary>
    public static readonly DiagnosticDescriptor AlphaOutOfRange = Create(
        "RLXO0029", "α out of range",
        "{0} = {1}: α must be in {2}");

    /// <summary><c>{0} = {1}: the second moment's decay exponent τ must be {2}</c></summary>
    public static readonly DiagnosticDescriptor Beta2DecayInvalid = Create(
        "RLXO0030", "Invalid β₂ decay exponent",
        "{0} = {1}: the second moment's decay exponent τ must be {2} (1 − β₂ₜ = t^τ)");

    /// <summary><c>{0} = {1}: Adafactor's ε must be {2}</c></summary>
    public static readonly DiagnosticDescriptor AdafactorEpsilonInvalid = Create(
        "RLXO0031", "Invalid Adafactor ε",
        "{0} = {1}: Adafactor's ε must be {2}");

    /// <summary><c>{0} = {1}: the clipping threshold d must be {2}</c></summary>
    public static readonly DiagnosticDescriptor ClippingThresholdInvalid = Create(
        "RLXO0032", "Invalid update clipping threshold",
        "{0} = {1}: the clipping threshold d must be {2}");

    /// <summary><c>{0} = {1}: ε_root must be {2}</c></summary>
    public static readonly DiagnosticDescriptor EpsilonRootInvalid = Create(
        "RLXO0034", "Invalid ε_root",
        "{0} = {1}: ε_root must be {2}");

    /// <summary><c>{0} = {1}: the weight's learning-rate power must be {2}</c></summary>
    public static readonly DiagnosticDescriptor WeightLrPowerInvalid = Create(
        "RLXO0037", "Invalid weight learning-rate power",
        "{0} = {1}: the weight's learning-rate power must be {2}");

    /// <summary><c>{0} = {1}: the warm-up must be {2}</c></summary>
    public static readonly DiagnosticDescriptor WarmupStepsInvalid = Create(
        "RLXO0038", "Invalid warm-up length",
        "{0} = {1}: the warm-up must be {2}");

    /// <summary><c>Rlx.Optim needs C# 13 or later, and this project compiles C# {0}</c></summary>
    public static readonly DiagnosticDescriptor LanguageVersionTooLow = Create(
        "RLXO0039", "C# 13 or later required",
        "Rlx.Optim generates code that needs C# 13 or later, and this project compiles C# {0}: set <LangVersion> to 13 or later, or remove it (.NET 10 defaults to C# 14)");

    /// <summary><c>Rlx.Optim could not generate '{0}': {1}</c></summary>
    public static readonly DiagnosticDescriptor InternalError = Create(
        "RLXO0099", "Generator failure",
        "Rlx.Optim could not generate '{0}': {1}. This is a bug in Rlx.Optim; please report it with the declaration.");

    private static DiagnosticDescriptor Create(string id, string title, string message) =>
        new(id, title, message, Category, DiagnosticSeverity.Error, isEnabledByDefault: true,
            description: "The help page says when this is reported, why it is an error and how to fix it.",
            helpLinkUri: HelpBase + id + ".md", customTags: WellKnownDiagnosticTags.NotConfigurable);
}
