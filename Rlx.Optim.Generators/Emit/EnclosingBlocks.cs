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

    public EnclosingBlocks(SourceWriter writer, string? @namespace, IEnumerable<ContainingTypeSpec> containingTypes)
    {
        if (@namespace is not null)
        {
            _blocks.Push(writer.Block($"namespace {@namespace}"));
        }

        foreach (ContainingTypeSpec outer in containingTypes)
        {
            _blocks.Push(writer.Block($"partial {outer.Keyword} {outer.Name}"));
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
