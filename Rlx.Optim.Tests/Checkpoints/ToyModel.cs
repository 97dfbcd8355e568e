using System;
using System.Collections.Generic;
using System.Linq;
using Rlx.Optim.Tests.Golden;

namespace Rlx.Optim.Tests.Checkpoints;

/// <summary>
/// Parameters trained with a deterministic gradient that depends on the parameters and on the optimizer's step
/// counter, so a resumed run matches an uninterrupted one only if the moments, the step and the learning rate all
/// came back exactly.
/// </summary>
internal sealed class ToyModel
{
    private readonly List<(string Name, float[] Values)> _sets = [];

    /// <summary>The optimizer's declared sets, plus <paramref name="undeclared"/> ones stepped by name.</summary>
    public ToyModel(ICheckpointable optimizer, params (string Name, int Length)[] undeclared)
    {
        var random = new SplitMix64(2024);
        foreach (ParameterSetDescription set in optimizer.Description.Sets)
        {
            _sets.Add((set.Name, Draw(random, set.Shape.Aggregate(1, (a, b) => a * b))));
        }

        foreach ((string name, int length) in undeclared)
        {
            _sets.Add((name, Draw(random, length)));
        }
    }

    private ToyModel(IEnumerable<(string Name, float[] Values)> sets)
    {
        _sets.AddRange(sets.Select(s => (s.Name, (float[])s.Values.Clone())));
    }

    /// <summary>A learning-rate schedule: a cosine over 40 steps, so the rate changes every step.</summary>
    public static float Cosine(long step) => 0.001f + (0.009f * 0.5f * (1f + MathF.Cos(MathF.PI * (step % 40) / 40f)));

    public ToyModel Clone() => new(_sets);

    /// <summary>Runs <paramref name="steps"/> iterations; with a schedule, sets the learning rate before each.</summary>
    public void Train(IOptimizer optimizer, int steps, Func<long, float>? schedule = null)
    {
        for (int s = 0; s < steps; s++)
        {
            long step = optimizer.StepCount;
            if (schedule is not null)
            {
                optimizer.LearningRate = schedule(step);
            }

            for (int i = 0; i < _sets.Count; i++)
            {
                (string name, float[] values) = _sets[i];
                optimizer.Step(name, values, Gradient(values, step, i));
            }

            optimizer.EndIteration();
        }
    }

    /// <summary>Every parameter's bits, set after set.</summary>
    public int[] Bits() => [.. _sets.SelectMany(s => s.Values).Select(BitConverter.SingleToInt32Bits)];

    private static float[] Gradient(float[] values, long step, int set)
    {
        var random = new SplitMix64((ulong)((step * 1000) + set));
        float[] gradient = new float[values.Length];
        for (int i = 0; i < values.Length; i++)
        {
            gradient[i] = (0.5f * values[i]) + random.Draw(1f);
        }

        return gradient;
    }

    private static float[] Draw(SplitMix64 random, int length)
    {
        float[] values = new float[length];
        random.Fill(values, 1f);
        return values;
    }
}
