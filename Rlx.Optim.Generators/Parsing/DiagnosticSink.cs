using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using Microsoft.CodeAnalysis;
using Rlx.Optim.Generators.Helpers;
using Rlx.Optim.Generators.Model;

namespace Rlx.Optim.Generators.Parsing;

/// <summary>
/// Where the parser reports problems. The analyzer turns them into <see cref="Diagnostic"/> objects; the generator
/// keeps only their IDs, or plain <see cref="DiagnosticInfo"/> values where it reports them itself, so its cached
/// models never hold a <see cref="Diagnostic"/>.
/// </summary>
internal sealed class DiagnosticSink
{
    private readonly List<(DiagnosticDescriptor Descriptor, Location? Location, object?[] Arguments)> _reports = new();

    public bool HasErrors => _reports.Count > 0;

    public void Report(DiagnosticDescriptor descriptor, Location? location, params object?[] arguments) =>
        _reports.Add((descriptor, location, arguments));

    public IEnumerable<Diagnostic> Diagnostics() =>
        _reports.Select(r => Diagnostic.Create(r.Descriptor, r.Location ?? Location.None, r.Arguments));

    /// <summary>The IDs reported, distinct and in order.</summary>
    public EquatableArray<string> Ids() =>
        _reports.Select(r => r.Descriptor.Id).Distinct().OrderBy(id => id, System.StringComparer.Ordinal).ToEquatableArray();

    /// <summary>Every report as plain values; arguments formatted in the invariant culture.</summary>
    public EquatableArray<DiagnosticInfo> Infos() =>
        _reports.Select(r => DiagnosticInfo.From(
                r.Descriptor.Id,
                r.Arguments.Select(a => System.Convert.ToString(a, CultureInfo.InvariantCulture) ?? string.Empty).ToEquatableArray(),
                r.Location))
            .ToEquatableArray();
}
