namespace Rlx.Optim.CompilerServices;

/// <summary>
/// Where <see cref="System.Half"/>'s fields sit against a float's: the constants its roundings
/// (<see cref="StochasticRounding"/>, <see cref="NearestRounding"/>) count with.
/// </summary>
internal static class HalfLayout
{
    /// <summary>65536 (2¹⁶) as float bits: every magnitude from there on, ∞ included, rounds to half's ∞.</summary>
    public const uint HalfOverflowBits = 0x4780_0000;

    /// <summary>The float exponent field of 2⁻¹⁴, half's smallest normal exponent: below it the gap stays 2⁻²⁴.</summary>
    public const uint HalfMinExponentField = 113u << 23;

    /// <summary>
    /// Subtracting the exponent field of 2^e from this gives the bits of 2^(10 − e), the scale that counts a
    /// magnitude in units of half's gap at that exponent: (127 + 10 − e) + (127 + e) = 264.
    /// </summary>
    public const uint HalfScaleFieldBase = 264u << 23;

    public const uint HalfPositiveInfinityBits = 0x7C00;

    /// <summary>A half NaN's exponent and quiet bit; the float's sign and the top 10 bits of its payload complete it, as <c>(Half)x</c> does.</summary>
    public const uint HalfQuietNaNBits = 0x7E00;
}
