using System;
using System.Linq;

namespace Rlx.Optim.Tests.Golden;

/// <summary>What an optimizer produced on a seed case, tensor by tensor, in the golden file's order.</summary>
public sealed record SeedReplayResult(
    float[][] Initial,
    float[][] AfterFirstStep,
    float[][] Final,
    float[][] FinalM,
    float[][] FinalV,
    float[][] LargestGradient)
{
    /// <summary>Per element of tensor <paramref name="k"/>: whether any gradient it received exceeded <paramref name="limit"/> in magnitude.</summary>
    public bool[] GradientAbove(int k, double limit) => Array.ConvertAll(LargestGradient[k], g => g > limit);
}

/// <summary>Replays a seed case (Golden/README.md, steps 3 and 4) through the name-keyed <see cref="IOptimizer"/> calls.</summary>
public static class SeedReplay
{
    /// <param name="optimizer">A fresh optimizer with the case's hyperparameters.</param>
    /// <param name="namePrefix">Prepended to the tensor names: a prefix the optimizer did not declare exercises its lazily allocated state.</param>
    public static SeedReplayResult Run(SeedCase testCase, IOptimizer optimizer, string namePrefix = "")
    {
        var random = new SplitMix64(testCase.Seed);
        float paramScale = BitConverter.UInt32BitsToSingle(testCase.ParamScale);
        float gradScale = BitConverter.UInt32BitsToSingle(testCase.GradScale);
        float[][] parameters = testCase.Tensors.Select(t => new float[t.Length]).ToArray();
        float[][] largest = testCase.Tensors.Select(t => new float[t.Length]).ToArray();
        foreach (float[] tensor in parameters)
        {
            random.Fill(tensor, paramScale);
        }

        float[][] initial = Clone(parameters);
        float[][]? afterFirstStep = null;
        for (int step = 0; step < testCase.Steps; step++)
        {
            for (int k = 0; k < parameters.Length; k++)
            {
                float[] gradient = new float[parameters[k].Length];
                random.Fill(gradient, gradScale);
                if (k == 0)
                {
                    foreach (uint[] pair in testCase.SpecialGrads)
                    {
                        gradient[pair[0]] = BitConverter.UInt32BitsToSingle(pair[1]);
                    }
                }

                for (int i = 0; i < gradient.Length; i++)
                {
                    largest[k][i] = Math.Max(largest[k][i], Math.Abs(gradient[i]));
                }

                optimizer.Step(namePrefix + testCase.Tensors[k].Name, parameters[k], gradient);
            }

            optimizer.EndIteration();
            afterFirstStep ??= Clone(parameters);
        }

        return new SeedReplayResult(
            initial,
            afterFirstStep ?? Clone(parameters),
            parameters,
            StateOf(optimizer, testCase, namePrefix, "exp_avg"),
            StateOf(optimizer, testCase, namePrefix, "exp_avg_sq"),
            largest);
    }

    private static float[][] StateOf(IOptimizer optimizer, SeedCase testCase, string namePrefix, string buffer) =>
        testCase.Tensors
            .Select(t => optimizer.TryGetState(namePrefix + t.Name, out ParameterState? state)
                ? state[buffer].Span.ToArray()
                : throw new InvalidOperationException($"The optimizer has no state for '{namePrefix + t.Name}'."))
            .ToArray();

    private static float[][] Clone(float[][] tensors) => tensors.Select(t => (float[])t.Clone()).ToArray();
}
