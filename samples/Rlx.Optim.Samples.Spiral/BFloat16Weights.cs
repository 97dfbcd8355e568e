using System;

namespace Rlx.Optim.Samples.Spiral;

/// <summary>
/// The network's four tensors kept as bfloat16 (<c>--parameters bf16</c>): the parameters the optimizer updates. The
/// <see cref="Mlp"/>'s float arrays are only what its forward and backward passes read, filled from these.
/// </summary>
public sealed class BFloat16Weights
{
    /// <summary>The parameters of <paramref name="model"/>, each rounded to the nearest bfloat16.</summary>
    public BFloat16Weights(Mlp model)
        : this(Round(model.W1), Round(model.B1), Round(model.W2), Round(model.B2))
    {
    }

    private BFloat16Weights(BFloat16[] w1, BFloat16[] b1, BFloat16[] w2, BFloat16[] b2)
    {
        W1 = w1;
        B1 = b1;
        W2 = w2;
        B2 = b2;
    }

    public BFloat16[] W1 { get; }
    public BFloat16[] B1 { get; }
    public BFloat16[] W2 { get; }
    public BFloat16[] B2 { get; }

    /// <summary>Fills <paramref name="model"/>'s parameters from these, widened to float (exactly).</summary>
    public void WidenInto(Mlp model)
    {
        Widen(W1, model.W1);
        Widen(B1, model.B1);
        Widen(W2, model.W2);
        Widen(B2, model.B2);
    }

    /// <summary>A copy of every tensor.</summary>
    public BFloat16Weights Clone() =>
        new((BFloat16[])W1.Clone(), (BFloat16[])B1.Clone(), (BFloat16[])W2.Clone(), (BFloat16[])B2.Clone());

    /// <summary>Each value rounded to the nearest bfloat16.</summary>
    public static void Round(ReadOnlySpan<float> from, Span<BFloat16> to)
    {
        for (int i = 0; i < from.Length; i++)
        {
            to[i] = (BFloat16)from[i];
        }
    }

    /// <summary>Each bfloat16 widened to float (exactly).</summary>
    public static void Widen(ReadOnlySpan<BFloat16> from, Span<float> to)
    {
        for (int i = 0; i < from.Length; i++)
        {
            to[i] = from[i];
        }
    }

    private static BFloat16[] Round(float[] values)
    {
        var rounded = new BFloat16[values.Length];
        Round(values, rounded);
        return rounded;
    }
}
