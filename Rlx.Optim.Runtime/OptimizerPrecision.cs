namespace Rlx.Optim
{
    /// <summary>The arithmetic a generated optimizer uses. Storage is <see cref="float"/> in both modes.</summary>
    /// <remarks>This file is compiled into the generator too, so both sides agree on the values.</remarks>
#if RLX_OPTIM_GENERATOR
    internal
#else
    public
#endif
    enum OptimizerPrecision
    {
        /// <summary>All-<see cref="float"/> SIMD arithmetic: the fastest mode.</summary>
        Single = 0,

        /// <summary>
        /// Per-element <see cref="double"/> arithmetic in the seed's exact order (float storage, double
        /// intermediates, <c>Math.Pow</c> bias correction): reproduces the reference Adam bit for bit.
        /// </summary>
        Double = 1,
    }
}
