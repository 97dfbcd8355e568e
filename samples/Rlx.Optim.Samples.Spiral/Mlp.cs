using System;

namespace Rlx.Optim.Samples.Spiral;

/// <summary>
/// A two-layer network, 2 → 64 (tanh) → 3 (softmax), with hand-written forward and backward passes over a whole
/// batch. Weights are row-major [inputs, outputs].
/// </summary>
public sealed class Mlp
{
    public const int Inputs = 2;
    public const int Hidden = 64;
    public const int Classes = 3;

    public Mlp(int seed)
    {
        var random = new Random(seed);
        InitUniform(W1, Math.Sqrt(6.0 / (Inputs + Hidden)), random);
        InitUniform(W2, Math.Sqrt(6.0 / (Hidden + Classes)), random);
    }

    public float[] W1 { get; } = new float[Inputs * Hidden];
    public float[] B1 { get; } = new float[Hidden];
    public float[] W2 { get; } = new float[Hidden * Classes];
    public float[] B2 { get; } = new float[Classes];

    public float[] GradW1 { get; } = new float[Inputs * Hidden];
    public float[] GradB1 { get; } = new float[Hidden];
    public float[] GradW2 { get; } = new float[Hidden * Classes];
    public float[] GradB2 { get; } = new float[Classes];

    /// <summary>Mean cross-entropy and accuracy on <paramref name="data"/>; with <paramref name="backward"/>, also fills the gradients.</summary>
    public (double Loss, double Accuracy) Evaluate(SpiralData data, bool backward)
    {
        if (backward)
        {
            Array.Clear(GradW1);
            Array.Clear(GradB1);
            Array.Clear(GradW2);
            Array.Clear(GradB2);
        }

        Span<float> hidden = stackalloc float[Hidden];
        Span<float> probabilities = stackalloc float[Classes];
        Span<float> hiddenGradient = stackalloc float[Hidden];
        double loss = 0;
        int correct = 0;
        float scale = 1f / data.Count;
        for (int n = 0; n < data.Count; n++)
        {
            ReadOnlySpan<float> x = data.Features.AsSpan(n * Inputs, Inputs);
            int label = data.Labels[n];
            Forward(x, hidden, probabilities);
            loss -= Math.Log(Math.Max(probabilities[label], 1e-12f));
            correct += ArgMax(probabilities) == label ? 1 : 0;
            if (!backward)
            {
                continue;
            }

            // d(loss)/d(logit) of softmax cross-entropy is p − onehot(label), averaged over the batch.
            probabilities[label] -= 1f;
            hiddenGradient.Clear();
            for (int c = 0; c < Classes; c++)
            {
                float d = probabilities[c] * scale;
                GradB2[c] += d;
                for (int j = 0; j < Hidden; j++)
                {
                    GradW2[(j * Classes) + c] += hidden[j] * d;
                    hiddenGradient[j] += W2[(j * Classes) + c] * d;
                }
            }

            for (int j = 0; j < Hidden; j++)
            {
                float d = hiddenGradient[j] * (1f - (hidden[j] * hidden[j]));
                GradB1[j] += d;
                for (int i = 0; i < Inputs; i++)
                {
                    GradW1[(i * Hidden) + j] += x[i] * d;
                }
            }
        }

        return (loss / data.Count, (double)correct / data.Count);
    }

    private void Forward(ReadOnlySpan<float> x, Span<float> hidden, Span<float> probabilities)
    {
        for (int j = 0; j < Hidden; j++)
        {
            float sum = B1[j];
            for (int i = 0; i < Inputs; i++)
            {
                sum += x[i] * W1[(i * Hidden) + j];
            }

            hidden[j] = MathF.Tanh(sum);
        }

        float max = float.NegativeInfinity;
        for (int c = 0; c < Classes; c++)
        {
            float sum = B2[c];
            for (int j = 0; j < Hidden; j++)
            {
                sum += hidden[j] * W2[(j * Classes) + c];
            }

            probabilities[c] = sum;
            max = MathF.Max(max, sum);
        }

        float total = 0;
        for (int c = 0; c < Classes; c++)
        {
            probabilities[c] = MathF.Exp(probabilities[c] - max);
            total += probabilities[c];
        }

        for (int c = 0; c < Classes; c++)
        {
            probabilities[c] /= total;
        }
    }

    private static int ArgMax(ReadOnlySpan<float> values)
    {
        int best = 0;
        for (int i = 1; i < values.Length; i++)
        {
            best = values[i] > values[best] ? i : best;
        }

        return best;
    }

    private static void InitUniform(float[] weights, double limit, Random random)
    {
        for (int i = 0; i < weights.Length; i++)
        {
            weights[i] = (float)(((random.NextDouble() * 2) - 1) * limit);
        }
    }
}
