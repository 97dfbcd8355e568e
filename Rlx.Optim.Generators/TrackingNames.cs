namespace Rlx.Optim.Generators;

/// <summary>Names of the tracked pipeline steps, asserted by the incrementality tests.</summary>
public static class TrackingNames
{
    /// <summary>Symbols to model, or <see langword="null"/> for an invalid declaration.</summary>
    public const string Extract = nameof(Extract);

    /// <summary>Valid models only: the input of the source output.</summary>
    public const string Valid = nameof(Valid);
}
