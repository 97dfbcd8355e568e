namespace Rlx.Optim
{
    /// <summary>NAdam's defaults (PyTorch's).</summary>
    /// <remarks>This file is compiled into the generator too, so a property left unset means the same on both sides.</remarks>
#if RLX_OPTIM_GENERATOR
    internal
#else
    public
#endif
    static class NAdamDefaults
    {
        /// <summary>Default learning rate.</summary>
        public const double LearningRate = 2e-3;

        /// <summary>Default first-moment decay β₁.</summary>
        public const double Beta1 = 0.9;

        /// <summary>Default second-moment decay β₂.</summary>
        public const double Beta2 = 0.999;

        /// <summary>Default denominator constant ε.</summary>
        public const double Epsilon = 1e-8;

        /// <summary>Default weight decay λ.</summary>
        public const double WeightDecay = 0.0;

        /// <summary>Default momentum decay ψ of the schedule μₜ = β₁(1 − ½·0.96^(tψ)).</summary>
        public const double MomentumDecay = 0.004;
    }
}
