using System.Collections.Generic;
using Microsoft.CodeAnalysis;

namespace Rlx.Optim.Generators.Parsing;

/// <summary>
/// Where the parser reports problems. The analyzer collects the diagnostics; the generator only needs to know
/// whether there were any, so it never builds or caches <see cref="Diagnostic"/> objects.
/// </summary>
internal sealed class DiagnosticSink
{
    private readonly List<Diagnostic>? _diagnostics;

    private DiagnosticSink(List<Diagnostic>? diagnostics)
    {
        _diagnostics = diagnostics;
    }

    public bool HasErrors { get; private set; }

    public IReadOnlyList<Diagnostic> Diagnostics => (IReadOnlyList<Diagnostic>?)_diagnostics ?? System.Array.Empty<Diagnostic>();

    /// <summary>A sink that collects diagnostics, for the analyzer.</summary>
    public static DiagnosticSink Collecting() => new(new List<Diagnostic>());

    /// <summary>A sink that only records that something was wrong, for the generator.</summary>
    public static DiagnosticSink Counting() => new(null);

    public void Report(DiagnosticDescriptor descriptor, Location? location, params object?[] arguments)
    {
        HasErrors = true;
        _diagnostics?.Add(Diagnostic.Create(descriptor, location ?? Location.None, arguments));
    }
}
