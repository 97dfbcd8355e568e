namespace Rlx.Optim
{
    /// <summary>RMSprop's defaults (PyTorch's).</summary>
    /// <remarks>This file is compiled into the generator too, so a property left unset means the same on both sides.</remarks>
#if RLX_OPTIM_GENERATOR
    internal
#else
    public
#endif
    static class RMSpropDefaults
    {
        /// <summary>Default learning rate.</summary>
        public const double LearningRate = 1e-2;

        /// <summary>Default smoothing constant α of the squared gradient's average.</summary>
        public const double Alpha = 0.99;

        /// <summary>Default denominator constant ε.</summary>
        public const double Epsilon = 1e-8;

        /// <summary>Default L2 weight decay λ.</summary>
        public const double WeightDecay = 0.0;

        /// <summary>Default momentum μ (0: no momentum buffer).</summary>
        public const double Momentum = 0.0;
    }
}
