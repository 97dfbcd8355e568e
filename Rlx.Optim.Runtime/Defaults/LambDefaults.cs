namespace Rlx.Optim
{
    /// <summary>
    /// LAMB's defaults: Optax's <c>optax.lamb</c> (β = (0.9, 0.999), ε 1e-6, ε_root 0, no weight decay); Optax has no
    /// default learning rate, so this takes Adam's, 1e-3.
    /// </summary>
    /// <remarks>This file is compiled into the generator too, so a property left unset means the same on both sides.</remarks>
#if RLX_OPTIM_GENERATOR
    internal
#else
    public
#endif
    static class LambDefaults
    {
        /// <summary>Default learning rate.</summary>
        public const double LearningRate = 1e-3;

        /// <summary>Default first-moment decay β₁.</summary>
        public const double Beta1 = 0.9;

        /// <summary>Default second-moment decay β₂.</summary>
        public const double Beta2 = 0.999;

        /// <summary>Default denominator constant ε, added to √(v̂ + ε_root).</summary>
        public const double Epsilon = 1e-6;

        /// <summary>Default constant ε_root, added to v̂ under the square root.</summary>
        public const double EpsilonRoot = 0;

        /// <summary>Default weight decay λ, added to the update before the trust ratio.</summary>
        public const double WeightDecay = 0;
    }
}
