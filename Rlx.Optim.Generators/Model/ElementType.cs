namespace Rlx.Optim.Generators.Model;

/// <summary>The element type of a declared set's parameter or gradient span.</summary>
internal enum ElementType
{
    /// <summary><c>float</c>.</summary>
    Single,

    /// <summary><c>System.Half</c>.</summary>
    Half,

    /// <summary><c>Rlx.Optim.BFloat16</c>.</summary>
    BFloat16,
}

/// <summary>How generated code names an element type.</summary>
internal static class ElementTypes
{
    /// <summary>The type as generated code writes it.</summary>
    public static string TypeName(this ElementType type) => type switch
    {
        ElementType.Half => "global::System.Half",
        ElementType.BFloat16 => "global::Rlx.Optim.BFloat16",
        _ => "float",
    };
}
