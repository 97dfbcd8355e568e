namespace Rlx.Optim
{
    /// <summary>Schedule-Free AdamW's defaults (Optax's <c>optax.contrib.schedule_free_adamw</c>).</summary>
    /// <remarks>This file is compiled into the generator too, so a property left unset means the same on both sides.</remarks>
#if RLX_OPTIM_GENERATOR
    internal
#else
    public
#endif
    static class ScheduleFreeAdamWDefaults
    {
        /// <summary>Default learning rate.</summary>
        public const double LearningRate = 0.0025;

        /// <summary>Default interpolation β₁ between the average x and the base sequence z.</summary>
        public const double Beta1 = 0.9;

        /// <summary>Default second-moment decay β₂.</summary>
        public const double Beta2 = 0.999;

        /// <summary>Default denominator constant ε.</summary>
        public const double Epsilon = 1e-8;

        /// <summary>Default weight decay λ (at y, inside the base step).</summary>
        public const double WeightDecay = 0.0;

        /// <summary>Default power of the largest learning rate so far that weighs each step in the average.</summary>
        public const double WeightLrPower = 2.0;

        /// <summary>Default warm-up length in steps (0: none).</summary>
        public const int WarmupSteps = 0;
    }
}
