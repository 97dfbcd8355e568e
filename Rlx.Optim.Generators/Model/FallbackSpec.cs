using Rlx.Optim.Generators.Helpers;

namespace Rlx.Optim.Generators.Model;

/// <summary>
/// What the generator writes for a declaration it refused: an implementation of every partial member the user left to
/// it and of the members an optimizer has, each throwing, so that the compiler reports nothing but the declaration's
/// RLXO diagnostics. The compiler runs no
/// analyzer once declarations have errors, and an unimplemented partial method is one (CS8795).
/// </summary>
/// <param name="Namespace">The namespace, or <see langword="null"/> for the global namespace.</param>
/// <param name="ContainingTypes">Enclosing types, outermost first, with their type parameters.</param>
/// <param name="Keyword">The type's keyword: <c>class</c>, <c>record</c>, <c>struct</c>...</param>
/// <param name="TypeName">The type's name with its type parameters, as a partial declaration repeats it.</param>
/// <param name="DisplayName">The type's full name, for the exception message.</param>
/// <param name="HintName">The generated file's name.</param>
/// <param name="DiagnosticIds">The IDs of the declaration's diagnostics, distinct and sorted.</param>
/// <param name="Members">The declarations to implement.</param>
/// <param name="Surface">
/// Whether to write the members every optimizer has (<c>IOptimizer</c>, <c>ICheckpointable</c>, and <c>StepAll</c>
/// and the length constants of <paramref name="Sets"/>), throwing too: code that uses the optimizer then gets no
/// CS1061 beside the RLXO errors. Not for a static class, which cannot hold them.
/// </param>
/// <param name="Sets">The declared sets, when every one of them parsed; empty otherwise (no <c>StepAll</c> then).</param>
/// <param name="Reported">
/// Diagnostics the generator reports itself: those of a type with partial methods to implement that no generated file
/// can extend (see <c>FallbackParser.GeneratorReports</c>). The compiler's own errors there would keep the analyzer silent.
/// </param>
internal sealed record FallbackSpec(
    string? Namespace,
    EquatableArray<ContainingTypeSpec> ContainingTypes,
    string Keyword,
    string TypeName,
    string DisplayName,
    string HintName,
    EquatableArray<string> DiagnosticIds,
    EquatableArray<PartialMember> Members,
    bool Surface,
    EquatableArray<FallbackSet> Sets,
    EquatableArray<DiagnosticInfo> Reported)
{
    /// <summary>Whether the optimizer would round stochastically (16-bit state or parameters): it then has a <c>RoundingSeed</c>.</summary>
    public bool RoundsStochastically { get; init; }

    /// <summary>Whether the optimizer would have Schedule-Free's evaluation members (<c>SwapToEvaluation</c>, …).</summary>
    public bool HasEvaluationParameters { get; init; }
}

/// <summary>A declared set of a refused optimizer: enough for its length constant and its place in <c>StepAll</c>.</summary>
internal sealed record FallbackSet(
    string MethodName, int Length, ElementType ParameterElement = ElementType.Single, ElementType GradientElement = ElementType.Single);

/// <summary>
/// The header of a partial method's implementation, as C#: <c>Head</c> (modifiers, return type, name and the opening
/// parenthesis), the parameters, and <c>Tail</c> (the closing parenthesis and any constraints).
/// </summary>
internal sealed record PartialMember(string Head, EquatableArray<string> Parameters, string Tail);
