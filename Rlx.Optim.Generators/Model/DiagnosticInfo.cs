using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Text;
using Rlx.Optim.Generators.Helpers;

namespace Rlx.Optim.Generators.Model;

/// <summary>
/// A diagnostic as plain values, for the few the generator reports itself: a <see cref="Diagnostic"/> compares its
/// arguments by reference and holds a syntax tree, so it cannot live in a cached model.
/// </summary>
internal sealed record DiagnosticInfo(string Id, EquatableArray<string> Arguments, string? FilePath, TextSpan Span, LinePositionSpan LineSpan)
{
    public static DiagnosticInfo From(string id, EquatableArray<string> arguments, Location? location) =>
        location is { IsInSource: true }
            ? new DiagnosticInfo(id, arguments, location.SourceTree!.FilePath, location.SourceSpan, location.GetLineSpan().Span)
            : new DiagnosticInfo(id, arguments, null, default, default);

    public Diagnostic ToDiagnostic(DiagnosticDescriptor descriptor)
    {
        Location location = FilePath is null ? Location.None : Location.Create(FilePath, Span, LineSpan);
        object?[] arguments = new object?[Arguments.Count];
        for (int i = 0; i < arguments.Length; i++)
        {
            arguments[i] = Arguments[i];
        }

        return Diagnostic.Create(descriptor, location, arguments);
    }
}
