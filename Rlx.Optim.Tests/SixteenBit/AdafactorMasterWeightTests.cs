using System;
using System.IO;
using System.Linq;
using System.Text;
using Xunit;

namespace Rlx.Optim.Tests.SixteenBit;

/// <summary>
/// Adafactor with <c>MasterWeights = true</c>: its passes run on the float copy, so the copy follows the float twin
/// exactly (row_var, col_var and variance too), the parameter is the copy rounded to nearest, on one core and on all,
/// in StepAll and in one-set calls; a checkpoint carries the copy and resumes bit for bit.
/// </summary>
public sealed class AdafactorMasterWeightTests
{
    private const int Steps = 5;

    [Theory]
    [InlineData(true, -1)]
    [InlineData(true, 1)]
    [InlineData(false, -1)]
    public void TheCopyIsTheFloatRunAndTheParameterItsNearestRounding(bool stepAll, int cores)
    {
        var optimizer = new MasterWeightAdafactor { MaxDegreeOfParallelism = cores };
        var twin = new MasterWeightAdafactorTwin();
        var random = new Random(8);
        BFloat16[] w = Array.ConvertAll(Floats(random, 257 * 300), v => (BFloat16)v);
        Half[] b = Array.ConvertAll(Floats(random, 37), v => (Half)v);
        float[] e = Floats(random, 41);
        float[] tw = Array.ConvertAll(w, v => (float)v), tb = Array.ConvertAll(b, v => (float)v), te = (float[])e.Clone();
        for (int step = 1; step <= Steps; step++)
        {
            float[] gw = Floats(random, w.Length), gb = Floats(random, b.Length), ge = Floats(random, e.Length);
            if (stepAll)
            {
                optimizer.StepAll(w, gw, b, gb, e, ge);
            }
            else
            {
                optimizer.StepW(w, gw);
                optimizer.StepB(b, gb);
                optimizer.StepE(e, ge);
                optimizer.EndIteration();
            }

            twin.StepAll(tw, gw, tb, gb, te, ge);
            Assert.True(optimizer.States[0].MasterWeight!.Span.SequenceEqual(tw), $"step {step}: w's copy");
            Assert.True(optimizer.States[1].MasterWeight!.Span.SequenceEqual(tb), $"step {step}: b's copy");
            Assert.Null(optimizer.States[2].MasterWeight);
            Assert.Equal(te, e);
            for (int s = 0; s < 3; s++)
            {
                for (int k = 0; k < twin.States[s].Buffers.Count; k++)
                {
                    Assert.True(optimizer.States[s].Buffers[k].Span.SequenceEqual(twin.States[s].Buffers[k].Span), $"step {step}: set {s} buffer {k}");
                }
            }

            for (int i = 0; i < w.Length; i++)
            {
                Assert.True(w[i].Bits == ((BFloat16)tw[i]).Bits, $"step {step}, w[{i}]");
            }

            Assert.Equal(Array.ConvertAll(tb, v => (Half)v), b);
        }
    }

    [Theory]
    [InlineData(-1)]
    [InlineData(1)]
    public void SixteenBitGradientsAreReadWidened(int cores)
    {
        var optimizer = new MasterWeightAdafactorSixteenBitGradients { MaxDegreeOfParallelism = cores };
        var twin = new MasterWeightAdafactorTwin();
        var random = new Random(10);
        BFloat16[] w = Array.ConvertAll(Floats(random, 257 * 300), v => (BFloat16)v);
        Half[] b = Array.ConvertAll(Floats(random, 37), v => (Half)v);
        float[] e = Floats(random, 41);
        float[] tw = Array.ConvertAll(w, v => (float)v), tb = Array.ConvertAll(b, v => (float)v), te = (float[])e.Clone();
        for (int step = 1; step <= Steps; step++)
        {
            BFloat16[] gw = Array.ConvertAll(Floats(random, w.Length), v => (BFloat16)v);
            Half[] gb = Array.ConvertAll(Floats(random, b.Length), v => (Half)v);
            float[] ge = Floats(random, e.Length);
            optimizer.StepAll(w, gw, b, gb, e, ge);
            twin.StepAll(tw, Array.ConvertAll(gw, v => (float)v), tb, Array.ConvertAll(gb, v => (float)v), te, ge);
            Assert.True(optimizer.States[0].MasterWeight!.Span.SequenceEqual(tw), $"step {step}: w's copy");
            Assert.True(optimizer.States[1].MasterWeight!.Span.SequenceEqual(tb), $"step {step}: b's copy");
            Assert.Equal(te, e);
            for (int s = 0; s < 3; s++)
            {
                for (int k = 0; k < twin.States[s].Buffers.Count; k++)
                {
                    Assert.True(optimizer.States[s].Buffers[k].Span.SequenceEqual(twin.States[s].Buffers[k].Span), $"step {step}: set {s} buffer {k}");
                }
            }

            Assert.True(w.AsSpan().SequenceEqual(Array.ConvertAll(tw, v => (BFloat16)v)), $"step {step}: w");
            Assert.Equal(Array.ConvertAll(tb, v => (Half)v), b);
        }
    }

    [Fact]
    public void TheCopyIsCheckpointedAsFloatAndTheRunResumesBitForBit()
    {
        var random = new Random(9);
        BFloat16[] start = Array.ConvertAll(Floats(random, 257 * 300), v => (BFloat16)v);
        float[][] gradients = Enumerable.Range(0, 6).Select(_ => Floats(random, start.Length)).ToArray();
        var straight = new MasterWeightAdafactor();
        BFloat16[] a = (BFloat16[])start.Clone();
        var first = new MasterWeightAdafactor();
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
        Assert.Contains("\"w.row_var\":{\"dtype\":\"F32\"", header);

        // The resumed optimizer must use the checkpoint's copy, not one taken from a parameter that lost its low bits.
        checkpoint.Position = 0;
        var resumed = new MasterWeightAdafactor();
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
    public void ACheckpointWithTheCopyIsRefusedByAnOptimizerWithoutOne()
    {
        var withCopy = new MasterWeightAdafactor();
        withCopy.StepW(new BFloat16[MasterWeightAdafactor.WLength], new float[MasterWeightAdafactor.WLength]);
        var saved = new MemoryStream();
        withCopy.SaveCheckpoint(saved);
        saved.Position = 0;
        var target = new MasterWeightAdafactorTwin();
        string message = Assert.Throws<CheckpointException>(() => target.LoadCheckpoint(saved)).Message;
        Assert.True(message.Contains("'w.master_weight'", StringComparison.Ordinal), message);
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
