using System;
using System.Collections.Generic;
using System.Globalization;

namespace Rlx.Optim.Samples.Spiral;

/// <summary>
/// The sample's training run once with each optimizer of the family, every run from the same initialisation on the
/// same data, and the training loss of each epoch: the curves <c>--plot</c> draws.
/// </summary>
public static class LossCurves
{
    /// <summary>
    /// Trains a model from <paramref name="createModel"/> with each of <see cref="SpiralOptimizers.All"/> (its
    /// float-state declaration, or its bfloat16-state one) for <paramref name="epochs"/> epochs.
    /// </summary>
    /// <param name="configure">Sets an optimizer up as the sample's run does: (optimizer, its peak learning rate).</param>
    /// <param name="trainEpoch">
    /// One epoch of the sample's run, as <c>--optimizer</c> trains it: (model, optimizer, epoch) to the training loss
    /// the epoch measured before its step.
    /// </param>
    /// <returns>One series per optimizer, named by its <c>--optimizer</c> name and peak learning rate: (epoch, loss).
    /// </returns>
    public static IReadOnlyList<PlotSeries> EveryOptimizer(
        Func<Mlp> createModel, bool bfloat16State, int epochs, Func<ICheckpointable, float, ICheckpointable> configure,
        Func<Mlp, ICheckpointable, int, double> trainEpoch)
    {
        var curves = new List<PlotSeries>();
        foreach ((string name, float peakLearningRate, Func<ICheckpointable> create,
            Func<ICheckpointable>? createBFloat16) in SpiralOptimizers.All)
        {
            if (bfloat16State && createBFloat16 is null)
            {
                continue; // an optimizer declared without a bfloat16-state twin
            }

            Mlp model = createModel();
            ICheckpointable optimizer = configure(bfloat16State ? createBFloat16!() : create(), peakLearningRate);
            var points = new (double X, double Y)[epochs];
            for (int epoch = 1; epoch <= epochs; epoch++)
            {
                points[epoch - 1] = (epoch, trainEpoch(model, optimizer, epoch));
            }

            string label = string.Create(CultureInfo.InvariantCulture, $"{name} (peak lr {peakLearningRate:G3})");
            curves.Add(new PlotSeries(label, points));
        }

        return curves;
    }
}
