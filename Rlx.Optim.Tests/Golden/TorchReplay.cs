using System;
using System.Collections.Generic;
using System.Linq;

namespace Rlx.Optim.Tests.Golden;

/// <summary>What an optimizer produced on a PyTorch case, tensor by tensor, in the golden file's order.</summary>
public sealed record TorchReplayResult(float[][] Initial, float[][] AfterFirstStep, float[][] Final, ParameterState[] States);

/// <summary>
/// Replays a PyTorch case (Golden/README.md): the parameters are drawn, then each iteration draws every tensor's
/// gradient and steps each tensor through the name-keyed <see cref="IOptimizer"/> calls before ending the iteration
/// (at the case's learning rate of that iteration, if it has one per iteration).
/// </summary>
public static class TorchReplay
{
    /// <param name="optimizer">A fresh optimizer declared with the case's options.</param>
    /// <param name="namePrefix">Prepended to the tensor names: a prefix the optimizer did not declare exercises its lazily allocated state.</param>
    public static TorchReplayResult Run(TorchCase testCase, IOptimizer optimizer, string namePrefix = "")
    {
        var random = new SplitMix64(testCase.Seed);
        float[][] parameters = testCase.Tensors.Select(t => new float[t.Length]).ToArray();
        foreach (float[] tensor in parameters)
        {
            random.Fill(tensor, testCase.ParamScale);
        }

        float[][] initial = Clone(parameters);
        float[][]? afterFirstStep = null;
        for (int step = 0; step < testCase.Steps; step++)
        {
            if (testCase.Lrs is { } rates)
            {
                optimizer.LearningRate = (float)rates[step];
            }

            var gradients = new List<float[]>();
            for (int k = 0; k < parameters.Length; k++)
            {
                float[] gradient = new float[parameters[k].Length];
                random.Fill(gradient, testCase.GradScale);
                if (k == 0)
                {
                    foreach (uint[] pair in testCase.SpecialGrads)
                    {
                        gradient[pair[0]] = BitConverter.UInt32BitsToSingle(pair[1]);
                    }
                }

                gradients.Add(gradient);
            }

            for (int k = 0; k < parameters.Length; k++)
            {
                optimizer.Step(namePrefix + testCase.Tensors[k].Name, parameters[k], gradients[k]);
            }

            optimizer.EndIteration();
            afterFirstStep ??= Clone(parameters);
        }

        ParameterState[] states = testCase.Tensors
            .Select(t => optimizer.TryGetState(namePrefix + t.Name, out ParameterState? state)
                ? state
                : throw new InvalidOperationException($"The optimizer has no state for '{namePrefix + t.Name}'."))
            .ToArray();
        return new TorchReplayResult(initial, afterFirstStep ?? Clone(parameters), parameters, states);
    }

    private static float[][] Clone(float[][] tensors) => tensors.Select(t => (float[])t.Clone()).ToArray();
}
