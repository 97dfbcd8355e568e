namespace Rlx.Optim.Generators.Emit;

/// <summary>Where a per-step scalar is used, which decides its type.</summary>
internal enum ScalarRole
{
    /// <summary>In the element update: float in the float kernels, double in the double kernels.</summary>
    Body,

    /// <summary>Before the update, on the float parameter (decoupled decay): float in both precisions.</summary>
    Prologue,

    /// <summary>A switch for the whole call (RAdam's rectification).</summary>
    Flag,
}

/// <summary>
/// One per-step scalar of an optimizer: computed once per call in double by the kernel's <c>Prepare</c>, stored in
/// the scalars struct, broadcast into a vector before the loop.
/// </summary>
/// <param name="Name">The struct field, e.g. <c>StepSize</c>; its camel-case form names the local in the kernel.</param>
/// <param name="Role">Where it is used.</param>
/// <param name="Documentation">What it holds, for the field's doc comment.</param>
internal sealed record ScalarField(string Name, ScalarRole Role, string Documentation)
{
    /// <summary>The name of the local and the parameter that carry it in the kernel.</summary>
    public string Local => char.ToLowerInvariant(Name[0]) + Name.Substring(1);
}
