namespace Rlx.Optim
{
    /// <summary>Adafactor's defaults (PyTorch's <c>torch.optim.Adafactor</c>, 2.5 and later).</summary>
    /// <remarks>This file is compiled into the generator too, so a property left unset means the same on both sides.</remarks>
#if RLX_OPTIM_GENERATOR
    internal
#else
    public
#endif
    static class AdafactorDefaults
    {
        /// <summary>Default learning rate: the ceiling of the relative step ρₜ = min(lr, 1/√t), and the decay's factor.</summary>
        public const double LearningRate = 1e-2;

        /// <summary>Default exponent τ of the second moment's decay: 1 − β₂ₜ = t^τ.</summary>
        public const double Beta2Decay = -0.8;

        /// <summary>
        /// Default ε₁, the floor of the variance estimate (squared) and of the row factor's mean: float's machine
        /// epsilon 2⁻²³, what PyTorch takes for <c>eps=(None, …)</c> on float parameters.
        /// </summary>
        public const double Epsilon1 = 1.1920928955078125e-7;

        /// <summary>Default ε₂, the floor of the parameters' RMS in the step size.</summary>
        public const double Epsilon2 = 1e-3;

        /// <summary>Default clipping threshold d of the update's RMS.</summary>
        public const double ClippingThreshold = 1.0;

        /// <summary>Default decoupled weight decay λ.</summary>
        public const double WeightDecay = 0.0;
    }
}
