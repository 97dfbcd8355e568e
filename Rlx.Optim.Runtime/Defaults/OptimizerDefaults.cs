namespace Rlx.Optim
{
    /// <summary>Defaults shared by every generated optimizer.</summary>
    /// <remarks>This file is compiled into the generator too, so a property left unset means the same on both sides.</remarks>
#if RLX_OPTIM_GENERATOR
    internal
#else
    public
#endif
    static class OptimizerDefaults
    {
        /// <summary>Sets with at least this many elements are split across cores (the seed's threshold).</summary>
        public const int ParallelThreshold = 65536;
    }
}
