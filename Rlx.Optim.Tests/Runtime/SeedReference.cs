using System;

namespace Rlx.Optim.Tests.Runtime;

/// <summary>
/// A plain scalar transcription of the seed's Adam step (float storage, per-element double arithmetic in the seed's
/// order), the independent reference for lengths and thread counts the golden files do not cover.
/// </summary>
internal sealed class SeedReference(float learningRate, float beta1, float beta2, float epsilon, float weightDecay)
{
    public long Step { get; private set; }

    public void Update(Span<float> parameter, ReadOnlySpan<float> gradient, Span<float> m, Span<float> v)
    {
        double t = Step + 1;
        double b1 = beta1;
        double b2 = beta2;
        double bc1 = 1.0 - Math.Pow(b1, t);
        double bc2 = 1.0 - Math.Pow(b2, t);
        for (int i = 0; i < parameter.Length; i++)
        {
            double g = gradient[i] + weightDecay * parameter[i];
            double newM = b1 * m[i] + (1.0 - b1) * g;
            double newV = b2 * v[i] + (1.0 - b2) * g * g;
            m[i] = (float)newM;
            v[i] = (float)newV;
            parameter[i] -= (float)(learningRate * (newM / bc1) / (Math.Sqrt(newV / bc2) + epsilon));
        }
    }

    public void EndIteration() => Step++;
}
