namespace Rlx.Optim
{
    /// <summary>Lion's defaults (Chen et al. 2023).</summary>
    /// <remarks>This file is compiled into the generator too, so a property left unset means the same on both sides.</remarks>
#if RLX_OPTIM_GENERATOR
    internal
#else
    public
#endif
    static class LionDefaults
    {
        /// <summary>Default learning rate.</summary>
        public const double LearningRate = 1e-4;

        /// <summary>Default interpolation β₁ of the update direction.</summary>
        public const double Beta1 = 0.9;

        /// <summary>Default momentum decay β₂.</summary>
        public const double Beta2 = 0.99;

        /// <summary>Default decoupled weight decay λ.</summary>
        public const double WeightDecay = 0.0;
    }
}
