using System.Linq;
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

    /// <summary>
    /// The diagnostic, at a location in <paramref name="compilation"/>'s tree where the file is one of its trees (so
    /// that a code fix can act on it and <c>#pragma</c> sees it), else at the file's path.
    /// </summary>
    public Diagnostic ToDiagnostic(DiagnosticDescriptor descriptor, Compilation compilation)
    {
        SyntaxTree? tree = FilePath is null ? null : compilation.SyntaxTrees.FirstOrDefault(t => t.FilePath == FilePath);
        Location location =
            tree is not null ? Location.Create(tree, Span) :
            FilePath is not null ? Location.Create(FilePath, Span, LineSpan) :
            Location.None;
        object?[] arguments = new object?[Arguments.Count];
        for (int i = 0; i < arguments.Length; i++)
        {
            arguments[i] = Arguments[i];
        }

        return Diagnostic.Create(descriptor, location, arguments);
    }
}
