using System;
using System.Collections.Generic;
using Rlx.Optim.Generators.Helpers;
using Rlx.Optim.Generators.Model;

namespace Rlx.Optim.Generators.Emit;

/// <summary>
/// Opens the namespace and the partial declarations of the enclosing types around a generated type, and closes them,
/// innermost first, when disposed.
/// </summary>
internal sealed class EnclosingBlocks : IDisposable
{
    private readonly Stack<Block> _blocks = new();

    /// <param name="writer">Where to write.</param>
    /// <param name="namespace">The namespace, or <see langword="null"/> for the global namespace.</param>
    /// <param name="containingTypes">The enclosing types, outermost first.</param>
    /// <param name="directive">A line to write first inside the namespace (a <c>using</c> alias), or <see langword="null"/>.</param>
    public EnclosingBlocks(SourceWriter writer, string? @namespace, IEnumerable<ContainingTypeSpec> containingTypes, string? directive = null)
    {
        if (@namespace is not null)
        {
            _blocks.Push(writer.Block($"namespace {@namespace}"));
        }

        if (directive is not null)
        {
            writer.WriteLine(directive);
            writer.WriteLine();
        }

        foreach (ContainingTypeSpec outer in containingTypes)
        {
            _blocks.Push(writer.Block($"partial {outer.Keyword} {SetNames.Escape(outer.Name)}"));
        }
    }

    public void Dispose()
    {
        while (_blocks.Count > 0)
        {
            _blocks.Pop().Dispose();
        }
    }
}
