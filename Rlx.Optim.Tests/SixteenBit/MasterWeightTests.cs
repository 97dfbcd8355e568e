using System;
using System.IO;
using System.Linq;
using System.Text;
using Rlx.Optim.CompilerServices;
using Xunit;

namespace Rlx.Optim.Tests.SixteenBit;

/// <summary>
/// <c>MasterWeights = true</c>: a 16-bit set is updated through a float copy taken from the parameter on the first
/// step. The copy follows the float twin exactly (the twin starts from the widened parameter and keeps its float θ),
/// the parameter is the copy rounded to nearest, the bfloat16 moments the twin's rounded stochastically under their
/// keys; checkpoints carry the copy as an F32 <c>master_weight</c> tensor.
/// </summary>
public sealed class MasterWeightTests
{
    [Fact]
    public void TheCopyIsTheFloatRunAndTheParameterItsNearestRounding()
    {
        var optimizer = new MasterWeightAdamW();
        var twin = new SixteenBitParameterAdamWTwin();
        var random = new Random(5);
        BFloat16[] w = Array.ConvertAll(Floats(random, 3 * 33_335), v => (BFloat16)v);
        Half[] b = Array.ConvertAll(Floats(random, 37), v => (Half)v);
        float[] e = Floats(random, 41);
        float[] tw = Array.ConvertAll(w, v => (float)v), tb = Array.ConvertAll(b, v => (float)v), te = (float[])e.Clone();
        for (int step = 1; step <= 6; step++)
        {
            BFloat16[] gw = Array.ConvertAll(Floats(random, w.Length), v => (BFloat16)(v * 0.5f));
            float[] gb = Floats(random, b.Length), ge = Floats(random, e.Length);
            for (int s = 0; s < 3; s++)
            {
                for (int k = 0; k < 2; k++)
                {
                    optimizer.States[s].Buffers[k].CopyTo(twin.States[s].Buffers[k].Span);
                }
            }

            optimizer.StepAll(w, gw, b, gb, e, ge);
            twin.StepAll(tw, Array.ConvertAll(gw, v => (float)v), tb, gb, te, ge);

            Assert.True(optimizer.States[0].MasterWeight!.Span.SequenceEqual(tw), $"step {step}: w's copy");
            Assert.True(optimizer.States[1].MasterWeight!.Span.SequenceEqual(tb), $"step {step}: b's copy");
            Assert.Null(optimizer.States[2].MasterWeight);
            Assert.Equal(te, e);
            for (int i = 0; i < w.Length; i++)
            {
                Assert.True(w[i].Bits == ((BFloat16)tw[i]).Bits, $"step {step}, w[{i}]");
            }

            for (int i = 0; i < b.Length; i++)
            {
                Assert.Equal((Half)tb[i], b[i]);
            }

            RoundingKeys keys = RoundingKeys.For(21, 0, step);
            Span<BFloat16> m = optimizer.States[0].Buffers[0].BFloat16Span;
            Span<float> exact = twin.States[0].Buffers[0].Span;
            for (int i = 0; i < m.Length; i += 97)
            {
                Assert.True(m[i].Bits == StochasticRounding.ToBFloat16(exact[i], keys.State0, i).Bits, $"step {step}, m[{i}]");
            }
        }
    }

    [Theory]
    [InlineData(1)]
    [InlineData(-1)]
    public void EachSetsOwnMethodRoundsHalfParametersFromTheCopyOnOneCoreAndAll(int cores)
    {
        var optimizer = new MasterWeightHalfAdam { MaxDegreeOfParallelism = cores };
        var twin = new MasterWeightHalfAdamTwin();
        var random = new Random(11);
        // Values up to ±70,000: past half's largest finite value, so some parameters are ∞ from the first step on.
        Half[] h = Array.ConvertAll(Floats(random, 100_003), v => (Half)(v * 70_000f));
        BFloat16[] s = Array.ConvertAll(Floats(random, 5), v => (BFloat16)v);
        float[] th = Array.ConvertAll(h, v => (float)v), ts = Array.ConvertAll(s, v => (float)v);
        for (int step = 1; step <= 4; step++)
        {
            Half[] gh = Array.ConvertAll(Floats(random, h.Length), v => (Half)v);
            float[] gs = Floats(random, s.Length);
            optimizer.StepH(h, gh);
            optimizer.StepS(s, gs);
            optimizer.EndIteration();
            twin.StepH(th, Array.ConvertAll(gh, v => (float)v));
            twin.StepS(ts, gs);
            twin.EndIteration();

            Assert.True(optimizer.States[0].MasterWeight!.Span.SequenceEqual(th), $"step {step}: h's copy");
            Assert.True(optimizer.States[1].MasterWeight!.Span.SequenceEqual(ts), $"step {step}: s's copy");
            for (int i = 0; i < h.Length; i++)
            {
                Assert.True(
                    BitConverter.HalfToUInt16Bits(h[i]) == BitConverter.HalfToUInt16Bits((Half)th[i]),
                    $"step {step}, h[{i}] = {h[i]}, copy {th[i]:R}");
            }

            for (int i = 0; i < s.Length; i++)
            {
                Assert.True(s[i].Bits == ((BFloat16)ts[i]).Bits, $"step {step}, s[{i}]");
            }
        }
    }

    [Fact]
    public void TheCopyIsCheckpointedAsFloatAndTheRunResumesBitForBit()
    {
        var random = new Random(6);
        BFloat16[] start = Array.ConvertAll(Floats(random, 3 * 33_335), v => (BFloat16)v);
        BFloat16[][] gradients = Enumerable.Range(0, 6).Select(_ => Array.ConvertAll(Floats(random, start.Length), v => (BFloat16)v)).ToArray();
        var straight = new MasterWeightAdamW();
        BFloat16[] a = (BFloat16[])start.Clone();
        var first = new MasterWeightAdamW();
        BFloat16[] c = (BFloat16[])start.Clone();
        for (int t = 0; t < gradients.Length; t++)
        {
            straight.StepW(a, gradients[t]);
            straight.EndIteration();
            if (t < 3)
            {
                first.StepW(c, gradients[t]);
                first.EndIteration();
            }
        }

        var checkpoint = new MemoryStream();
        first.SaveCheckpoint(checkpoint);
        string header = Encoding.UTF8.GetString(checkpoint.ToArray(), 8, (int)BitConverter.ToInt64(checkpoint.ToArray(), 0));
        Assert.Contains("\"w.master_weight\":{\"dtype\":\"F32\"", header);
        Assert.Contains("\"w.exp_avg\":{\"dtype\":\"BF16\"", header);

        // The resumed optimizer must use the checkpoint's copy, not one taken from a parameter that lost its low bits.
        checkpoint.Position = 0;
        var resumed = new MasterWeightAdamW();
        resumed.LoadCheckpoint(checkpoint);
        for (int t = 3; t < gradients.Length; t++)
        {
            resumed.StepW(c, gradients[t]);
            resumed.EndIteration();
        }

        Assert.True(a.AsSpan().SequenceEqual(c));
        Assert.True(straight.States[0].MasterWeight!.Span.SequenceEqual(resumed.States[0].MasterWeight!.Span));
    }

    [Fact]
    public void ACheckpointWithoutTheCopyIsRefused()
    {
        var withoutCopy = new SixteenBitParameterAdamW();
        var checkpoint = new MemoryStream();
        withoutCopy.SaveCheckpoint(checkpoint);
        checkpoint.Position = 0;
        var target = new MasterWeightAdamW();
        Assert.Throws<CheckpointException>(() => target.LoadCheckpoint(checkpoint));
    }

    [Fact]
    public void ResetTakesTheCopyAgainFromTheParameter()
    {
        var optimizer = new MasterWeightAdamW();
        var gradient = new float[37];
        Half[] b = Enumerable.Repeat((Half)1.5f, 37).ToArray();
        optimizer.StepB(b, gradient);
        optimizer.Reset();
        Half[] other = Enumerable.Repeat((Half)(-3f), 37).ToArray();
        optimizer.StepB(other, gradient);
        // Taken from the new parameter (−3), then decayed by AdamW's 1 − lr·λ with a zero gradient: not from 1.5.
        Assert.All(optimizer.States[1].MasterWeight!.Span.ToArray(), v => Assert.InRange(v, -3.001f, -2.999f));
    }

    private static float[] Floats(Random random, int length)
    {
        var values = new float[length];
        for (int i = 0; i < length; i++)
        {
            values[i] = (float)(random.NextDouble() * 2 - 1);
        }

        return values;
    }
}
