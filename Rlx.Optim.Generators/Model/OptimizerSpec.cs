using Rlx.Optim.Generators.Helpers;

namespace Rlx.Optim.Generators.Model;

/// <summary>
/// Everything the emitter needs to write one optimizer, and nothing else: no symbols, syntax or locations.
/// Immutable and structurally equatable, so the incremental pipeline caches it across edits.
/// </summary>
/// <param name="Namespace">The namespace, or <see langword="null"/> for the global namespace.</param>
/// <param name="ContainingTypes">Enclosing types, outermost first.</param>
/// <param name="TypeName">The optimizer class's name.</param>
/// <param name="HintName">The generated file's name, from the fully qualified metadata name.</param>
/// <param name="Kind">The algorithm.</param>
/// <param name="Precision">The kernels' arithmetic.</param>
/// <param name="StatePrecision">How the state is stored.</param>
/// <param name="RoundingSeed">The default seed of the stochastic rounding of 16-bit state.</param>
/// <param name="ParallelThreshold">Sets with at least this many elements are split across cores.</param>
/// <param name="LearningRate">The default of the run-time learning rate.</param>
/// <param name="DefaultKernel">The optimizer's own hyperparameters, used by sets without overrides and by undeclared names.</param>
/// <param name="Sets">The declared parameter sets, in declaration order.</param>
internal sealed record OptimizerSpec(
    string? Namespace,
    EquatableArray<ContainingTypeSpec> ContainingTypes,
    string TypeName,
    string HintName,
    OptimizerKind Kind,
    OptimizerPrecision Precision,
    StatePrecision StatePrecision,
    ulong RoundingSeed,
    int ParallelThreshold,
    double LearningRate,
    KernelSpec DefaultKernel,
    EquatableArray<ParameterSetSpec> Sets)
{
    /// <summary>The default global norm <c>StepAll</c> clips gradients to; 0: no clipping.</summary>
    public double MaxGradientNorm { get; init; }

    /// <summary>The default of <c>SkipNonFiniteSteps</c>: a step with a NaN or infinite gradient element changes nothing.</summary>
    public bool SkipNonFiniteSteps { get; init; }

    /// <summary>Whether 16-bit parameters are updated through a float master copy kept in the state.</summary>
    public bool MasterWeights { get; init; }

    /// <summary>Whether set <paramref name="set"/> keeps a master copy: a 16-bit set of an optimizer with master weights.</summary>
    public bool KeepsMasterCopy(ParameterSetSpec set) => MasterWeights && set.HasSixteenBitParameter;

    /// <summary>Whether any set keeps a master copy.</summary>
    public bool HasMasterCopies => System.Linq.Enumerable.Any(Sets, KeepsMasterCopy);

    /// <summary>Whether any set declares a 16-bit parameter.</summary>
    public bool HasSixteenBitParameters => System.Linq.Enumerable.Any(Sets, set => set.HasSixteenBitParameter);

    /// <summary>Whether the optimizer rounds stochastically (16-bit state or parameters) and so has a rounding seed.</summary>
    public bool RoundsStochastically => StatePrecision != StatePrecision.Single || HasSixteenBitParameters;
}

/// <summary>A type that encloses the optimizer: its keyword (<c>class</c>, <c>struct</c>, <c>record</c>...) and name.</summary>
internal sealed record ContainingTypeSpec(string Keyword, string Name);

/// <summary>One declared parameter set: the partial method to implement and the kernel it uses.</summary>
/// <param name="MethodName">The partial method's name.</param>
/// <param name="Modifiers">The method's modifiers but <c>partial</c> (accessibility, <c>virtual</c>...), repeated on the implementation.</param>
/// <param name="ParameterName">The name of the method's <c>Span&lt;float&gt;</c> parameter.</param>
/// <param name="GradientName">The name of its <c>ReadOnlySpan&lt;float&gt;</c> parameter.</param>
/// <param name="Name">The set's name in the name-keyed API and in state.</param>
/// <param name="Shape">The declared dimensions.</param>
/// <param name="Length">Their product.</param>
/// <param name="Kernel">The set's hyperparameters after overrides.</param>
/// <param name="ParameterElement">The parameter span's element type.</param>
/// <param name="GradientElement">The gradient span's element type: the parameter's, or float.</param>
internal sealed record ParameterSetSpec(
    string MethodName,
    string Modifiers,
    string ParameterName,
    string GradientName,
    string Name,
    EquatableArray<int> Shape,
    int Length,
    KernelSpec Kernel,
    ElementType ParameterElement = ElementType.Single,
    ElementType GradientElement = ElementType.Single)
{
    /// <summary>Whether the parameter is 16-bit (stored with stochastic rounding).</summary>
    public bool HasSixteenBitParameter => ParameterElement != ElementType.Single;
}
