namespace Rlx.Optim
{
    /// <summary>SGD's defaults (PyTorch's).</summary>
    /// <remarks>This file is compiled into the generator too, so a property left unset means the same on both sides.</remarks>
#if RLX_OPTIM_GENERATOR
    internal
#else
    public
#endif
    static class SgdDefaults
    {
        /// <summary>Default learning rate.</summary>
        public const double LearningRate = 1e-3;

        /// <summary>Default momentum μ (0: plain SGD, no state).</summary>
        public const double Momentum = 0.0;

        /// <summary>Default dampening τ of the momentum.</summary>
        public const double Dampening = 0.0;

        /// <summary>Default L2 weight decay λ.</summary>
        public const double WeightDecay = 0.0;
    }
}
