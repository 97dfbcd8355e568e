using System;
using System.IO;
using System.Linq;
using System.Text;
using Xunit;

namespace Rlx.Optim.Tests.SixteenBit;

/// <summary>
/// Adafactor's 16-bit parameters, gradients and bfloat16 state without master weights (each step against the float
/// twin: <see cref="SixteenBitParameterTests"/>): the same bits on one core and on all, in StepAll and in one-set
/// calls, and a checkpoint (bfloat16 state as BF16 tensors) resumes bit for bit.
/// </summary>
public sealed class AdafactorSixteenBitTests
{
    [Fact]
    public void OneCoreAndAllAloneOrInStepAllGiveTheSameBits()
    {
        var random = new Random(5);
        var runs = new[]
        {
            new Trained(new RoundedAdafactor { MaxDegreeOfParallelism = 1 }),
            new Trained(new RoundedAdafactor()),
            new Trained(new RoundedAdafactor { MaxDegreeOfParallelism = 1 }),
            new Trained(new RoundedAdafactor()),
        };
        Inputs start = Inputs.Random(random);
        foreach (Trained run in runs)
        {
            run.From(start);
        }

        for (int step = 0; step < 4; step++)
        {
            Inputs gradients = Inputs.Random(random);
            runs[0].StepAll(gradients);
            runs[1].StepAll(gradients);
            runs[2].StepEach(gradients);
            runs[3].StepEach(gradients);
        }

        for (int r = 1; r < runs.Length; r++)
        {
            Assert.True(runs[r].W.AsSpan().SequenceEqual(runs[0].W), $"run {r}: w");
            Assert.True(runs[r].V.AsSpan().SequenceEqual(runs[0].V), $"run {r}: v");
            Assert.True(runs[r].E.AsSpan().SequenceEqual(runs[0].E), $"run {r}: e");
            for (int s = 0; s < 3; s++)
            {
                for (int k = 0; k < runs[0].Optimizer.States[s].Buffers.Count; k++)
                {
                    Assert.True(
                        runs[r].Optimizer.States[s].Buffers[k].BFloat16Span.SequenceEqual(runs[0].Optimizer.States[s].Buffers[k].BFloat16Span),
                        $"run {r}: set {s} buffer {k}");
                }
            }
        }

        // The steps moved θ and the state.
        Assert.False(runs[0].W.AsSpan().SequenceEqual(Array.ConvertAll(start.W, v => (BFloat16)v)));
        Assert.Contains(runs[0].Optimizer.States[1].Buffers[0].BFloat16Span.ToArray(), v => (float)v != 0f);
    }

    [Fact]
    public void ACheckpointKeepsBFloat16StateAndTheRunResumesBitForBit()
    {
        var random = new Random(6);
        Inputs start = Inputs.Random(random);
        Inputs[] gradients = Enumerable.Range(0, 6).Select(_ => Inputs.Random(random)).ToArray();
        var straight = new Trained(new RoundedAdafactor());
        var first = new Trained(new RoundedAdafactor());
        straight.From(start);
        first.From(start);
        for (int t = 0; t < gradients.Length; t++)
        {
            straight.StepAll(gradients[t]);
            if (t < 3)
            {
                first.StepAll(gradients[t]);
            }
        }

        var checkpoint = new MemoryStream();
        first.Optimizer.SaveCheckpoint(checkpoint);
        string header = Encoding.UTF8.GetString(checkpoint.ToArray(), 8, (int)BitConverter.ToInt64(checkpoint.ToArray(), 0));
        Assert.Contains("\"w.row_var\":{\"dtype\":\"BF16\"", header);
        Assert.Contains("\"w.col_var\":{\"dtype\":\"BF16\"", header);
        Assert.Contains("\"v.variance\":{\"dtype\":\"BF16\"", header);

        checkpoint.Position = 0;
        var resumed = new Trained(new RoundedAdafactor()) { W = first.W, V = first.V, E = first.E };
        resumed.Optimizer.LoadCheckpoint(checkpoint);
        for (int t = 3; t < gradients.Length; t++)
        {
            resumed.StepAll(gradients[t]);
        }

        Assert.True(straight.W.AsSpan().SequenceEqual(resumed.W));
        Assert.True(straight.V.AsSpan().SequenceEqual(resumed.V));
        Assert.True(straight.E.AsSpan().SequenceEqual(resumed.E));
        for (int s = 0; s < 3; s++)
        {
            for (int k = 0; k < straight.Optimizer.States[s].Buffers.Count; k++)
            {
                Assert.True(
                    straight.Optimizer.States[s].Buffers[k].BFloat16Span.SequenceEqual(resumed.Optimizer.States[s].Buffers[k].BFloat16Span),
                    $"set {s} buffer {k}");
            }
        }
    }

    /// <summary>One optimizer and its parameters.</summary>
    private sealed class Trained(RoundedAdafactor optimizer)
    {
        public RoundedAdafactor Optimizer { get; } = optimizer;

        public BFloat16[] W { get; set; } = [];

        public Half[] V { get; set; } = [];

        public float[] E { get; set; } = [];

        public void From(Inputs start)
        {
            W = Array.ConvertAll(start.W, v => (BFloat16)v);
            V = Array.ConvertAll(start.V, v => (Half)v);
            E = (float[])start.E.Clone();
        }

        public void StepAll(Inputs g)
        {
            Optimizer.StepAll(W, g.W, V, g.HalfV, E, g.E);
        }

        public void StepEach(Inputs g)
        {
            Optimizer.StepW(W, g.W);
            Optimizer.StepV(V, g.HalfV);
            Optimizer.StepE(E, g.E);
            Optimizer.EndIteration();
        }
    }

    /// <summary>Values for w, v and e (θ to start from, or a step's gradients).</summary>
    private sealed record Inputs(float[] W, float[] V, float[] E)
    {
        public Half[] HalfV { get; } = Array.ConvertAll(V, v => (Half)v);

        public static Inputs Random(Random random) => new(
            Floats(random, RoundedAdafactor.WLength), Floats(random, RoundedAdafactor.VLength), Floats(random, RoundedAdafactor.ELength));

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
}
