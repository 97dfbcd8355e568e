namespace Rlx.Optim
{
    /// <summary>How a generated optimizer stores its per-element state (Adam's moments). The arithmetic is float either way.</summary>
    /// <remarks>This file is compiled into the generator too, so both sides agree on the values.</remarks>
#if RLX_OPTIM_GENERATOR
    internal
#else
    public
#endif
    enum StatePrecision
    {
        /// <summary>32-bit <see cref="float"/> state: 4 bytes per element and buffer.</summary>
        Single = 0,

        /// <summary>
        /// bfloat16 state (the upper half of a float): 2 bytes per element and buffer. Loaded exactly, computed in
        /// float, stored with reproducible stochastic rounding, so a moving average whose increments are below
        /// bfloat16's resolution still moves on average.
        /// </summary>
        BFloat16 = 1,
    }
}
