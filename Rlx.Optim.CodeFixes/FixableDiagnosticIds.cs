namespace Rlx.Optim.CodeFixes;

/// <summary>
/// The diagnostics these code fixes repair. They are strings, not the generator's descriptors: this assembly must not
/// reference the generator's (an IDE loads the two side by side from the package), and the IDs never change.
/// </summary>
internal static class FixableDiagnosticIds
{
    /// <summary>The optimizer class is not <c>partial</c> (reported on the class name).</summary>
    public const string OptimizerTypeNotPartial = "RLXO0001";

    /// <summary>A <c>[Parameter]</c> method does not return <c>void</c> (reported on the return type).</summary>
    public const string ParameterMethodReturnType = "RLXO0007";

    /// <summary>A <c>[Parameter]</c> method has the wrong parameters (reported on the parameter list).</summary>
    public const string ParameterMethodParameters = "RLXO0008";

    /// <summary>A <c>[Parameter]</c> overrides a setting the optimizer has no per-set value for (reported on that argument).</summary>
    public const string OverrideNotApplicable = "RLXO0020";
}
