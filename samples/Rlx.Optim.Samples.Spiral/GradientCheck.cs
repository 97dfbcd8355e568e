using System;

namespace Rlx.Optim.Samples.Spiral;

/// <summary>Compares the hand-written backward pass with central finite differences of the loss.</summary>
public static class GradientCheck
{
    // The loss is computed in float: a smaller step drowns in rounding, a larger one in curvature.
    private const float Step = 1e-2f;

    // Keeps gradients that are zero on both sides from dividing by zero.
    private const double Floor = 1e-6;

    /// <summary>
    /// The largest relative error |analytic − numeric| / (|analytic| + |numeric|) over every parameter of
    /// <paramref name="model"/> on <paramref name="data"/>. Leaves the parameters as they were.
    /// </summary>
    public static double MaxRelativeError(Mlp model, SpiralData data)
    {
        model.Evaluate(data, backward: true);
        double worst = Check(model, data, model.W1, model.GradW1);
        worst = Math.Max(worst, Check(model, data, model.B1, model.GradB1));
        worst = Math.Max(worst, Check(model, data, model.W2, model.GradW2));
        return Math.Max(worst, Check(model, data, model.B2, model.GradB2));
    }

    private static double Check(Mlp model, SpiralData data, float[] parameters, float[] gradient)
    {
        double worst = 0;
        for (int i = 0; i < parameters.Length; i++)
        {
            float original = parameters[i];
            float plus = original + Step;
            float minus = original - Step;
            parameters[i] = plus;
            double lossPlus = model.Evaluate(data, backward: false).Loss;
            parameters[i] = minus;
            double lossMinus = model.Evaluate(data, backward: false).Loss;
            parameters[i] = original;

            // Divide by the step the floats actually took, not the nominal one.
            double numeric = (lossPlus - lossMinus) / ((double)plus - minus);
            double analytic = gradient[i];
            worst = Math.Max(worst, Math.Abs(analytic - numeric) / Math.Max(Math.Abs(analytic) + Math.Abs(numeric), Floor));
        }

        return worst;
    }
}
