using System.Collections.Generic;
using System.Linq;
using Rlx.Optim.Generators.Helpers;
using Rlx.Optim.Generators.Model;

namespace Rlx.Optim.Generators.Emit;

/// <summary>
/// Where an optimizer's kernels, scalars and description are generated: a namespace of the generator's own per
/// optimizer class, <c>Rlx.Optim.Generated.{namespace}.{containing types}.{class}</c>, with using directives inside
/// its declaration, so the code in it is written with short names (<c>Vector512</c>, <c>Math</c>,
/// <c>KernelMath</c>) and no user declaration can change what they bind to.
/// </summary>
/// <remarks>
/// <para>
/// C# looks a simple name up in the namespace it occurs in, then in the using directives of that namespace's
/// declaration, and only then in the enclosing namespaces and the file's own usings. The namespace holds nothing but
/// the generated types, and the usings are written with <c>global::</c>, so a user type or namespace called
/// <c>System</c>, <c>Vector512</c>, <c>Math</c> or <c>Rlx</c>, in the optimizer's namespace or the global one, is
/// never reached. The path is unique per class: C# allows no type and namespace of the same full name, and the
/// optimizer classes cannot be generic. One clash remains possible, and is left alone: an optimizer class nested in
/// another optimizer class and named like one of the outer one's generated types (<c>Description</c>,
/// <c>DefaultKernel</c>, <c>AdamScalars</c>, <c>W1Kernel</c>...) would need a namespace where that type is (CS0101).
/// </para>
/// <para>
/// The user's class names the generated types through the alias <see cref="Alias"/>, declared in the generated
/// file; like every name the generator adds to the user's class, it starts with <c>__</c>. The types are
/// <c>internal</c> rather than <c>file</c>-local because fields of the user's class hold the scalars (CS9051).
/// </para>
/// </remarks>
internal static class GeneratedNamespace
{
    private const string Root = "Rlx.Optim.Generated";

    /// <summary>The alias by which the user's class refers to this namespace.</summary>
    public const string Alias = "__Generated";

    /// <summary>The generator's name and version, as generated types carry them in <c>[GeneratedCode]</c>.</summary>
    public static readonly string GeneratedCode =
        $"[GeneratedCode(\"Rlx.Optim.Generators\", \"{typeof(GeneratedNamespace).Assembly.GetName().Version}\")]";

    private static readonly string[] s_usings =
    {
        "global::System",
        "global::System.CodeDom.Compiler",
        "global::System.Numerics",
        "global::System.Runtime.CompilerServices",
        "global::System.Runtime.Intrinsics",
        "global::Rlx.Optim",
        "global::Rlx.Optim.CompilerServices",
    };

    /// <summary>The namespace of <paramref name="spec"/>'s generated types.</summary>
    public static string For(OptimizerSpec spec)
    {
        IEnumerable<string> path = (spec.Namespace?.Split('.') ?? Enumerable.Empty<string>())
            .Concat(spec.ContainingTypes.Select(t => t.Name))
            .Append(spec.TypeName);
        return Root + "." + string.Join(".", path.Select(SetNames.Escape));
    }

    /// <summary>The alias directive the user's part of the file declares.</summary>
    public static string AliasDirective(OptimizerSpec spec) => $"using {Alias} = global::{For(spec)};";

    /// <summary>Opens the namespace and writes its using directives; dispose the block to close it.</summary>
    public static Block Open(SourceWriter writer, OptimizerSpec spec)
    {
        Block block = writer.Block($"namespace {For(spec)}");
        foreach (string name in s_usings)
        {
            writer.WriteLine($"using {name};");
        }

        writer.WriteLine();
        return block;
    }
}
