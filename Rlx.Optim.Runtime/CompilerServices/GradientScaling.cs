namespace Rlx.Optim.CompilerServices;

/// <summary>
/// Whether a loop scales g by clipping's factor as it reads it, as a type: the loops are compiled once for each, and
/// the unscaled one (every step that clipping leaves alone) holds no factor in a register and tests nothing per vector.
/// </summary>
internal interface IGradientScaling
{
    static abstract bool Scales { get; }
}

/// <summary>g as it is read: no clipping, or a step whose norm is within the bound.</summary>
internal readonly struct Unscaled : IGradientScaling
{
    public static bool Scales => false;
}

/// <summary>g times clipping's factor.</summary>
internal readonly struct Scaled : IGradientScaling
{
    public static bool Scales => true;
}
