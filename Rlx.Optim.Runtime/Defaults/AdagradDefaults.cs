namespace Rlx.Optim
{
    /// <summary>Adagrad's defaults (PyTorch's).</summary>
    /// <remarks>This file is compiled into the generator too, so a property left unset means the same on both sides.</remarks>
#if RLX_OPTIM_GENERATOR
    internal
#else
    public
#endif
    static class AdagradDefaults
    {
        /// <summary>Default learning rate.</summary>
        public const double LearningRate = 1e-2;

        /// <summary>Default learning-rate decay η (0: a constant rate).</summary>
        public const double LearningRateDecay = 0.0;

        /// <summary>Default L2 weight decay λ.</summary>
        public const double WeightDecay = 0.0;

        /// <summary>Default value every element of the accumulator <c>sum</c> starts at.</summary>
        public const double InitialAccumulatorValue = 0.0;

        /// <summary>Default denominator constant ε.</summary>
        public const double Epsilon = 1e-10;
    }
}
