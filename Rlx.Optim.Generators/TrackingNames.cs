namespace Rlx.Optim.Generators;

/// <summary>Names of the tracked pipeline steps, asserted by the incrementality tests.</summary>
public static class TrackingNames
{
    /// <summary>Symbols to model: the optimizer, or the fallback of an invalid declaration.</summary>
    public const string Extract = nameof(Extract);

    /// <summary>Valid models only: the input of the source output.</summary>
    public const string Valid = nameof(Valid);

    /// <summary>Fallbacks of invalid optimizer declarations: the input of the fallback output.</summary>
    public const string Fallback = nameof(Fallback);

    /// <summary>Fallbacks of <c>[Parameter]</c> methods in classes without an optimizer attribute.</summary>
    public const string Stray = nameof(Stray);
}
