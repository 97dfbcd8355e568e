namespace Rlx.Optim.Generators.Emit;

/// <summary>
/// The names the user's half of a generated file writes fully qualified (<c>global::</c>), so that no declaration of
/// the user's can capture them. Emitters import them with <c>using static</c>.
/// </summary>
internal static class QualifiedNames
{
    public const string Runtime = "global::Rlx.Optim";
    public const string CompilerServices = "global::Rlx.Optim.CompilerServices";
    public const string Span = "global::System.Span<float>";
    public const string ReadOnlySpan = "global::System.ReadOnlySpan<float>";
    public const string Stream = "global::System.IO.Stream";
}
