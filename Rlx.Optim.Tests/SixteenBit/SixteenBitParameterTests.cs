using System;
using System.IO;
using Rlx.Optim.CompilerServices;
using Xunit;

namespace Rlx.Optim.Tests.SixteenBit;

/// <summary>
/// 16-bit parameters without master weights: each step is the float twin's step from the widened parameters,
/// gradients and state, with θ rounded by the scalar <see cref="StochasticRounding"/> under the key of its seed, set
/// (stream 5·set) and step, and bfloat16 state rounded under its own streams; float sets and float state exactly
/// the twin's. Bit for bit, through <c>StepAll</c>, on a set split across cores.
/// </summary>
public sealed class SixteenBitParameterTests
{
    private const int Steps = 8;

    public static TheoryData<string> Families => new()
    {
        "adamw, float state", "lion, bfloat16 state", "double adam, float state", "adagrad, bfloat16 state", "rmsprop, float state",
        "lamb, bfloat16 state",
        "schedulefree, float state",
        "adafactor, float state", "adafactor, bfloat16 state", "double adafactor, bfloat16 state",
    };

    private sealed class Run
    {
        public required ICheckpointable Rounded;
        public required IOptimizer Twin;
        public required ulong Seed;
        public required Action<BFloat16[], BFloat16[], Half[], float[] /*b grad*/, Half[] /*b grad as half*/, float[], float[]> StepRounded;
        public required Action<float[], float[], float[], float[], float[], float[]> StepTwin;
        public bool HalfGradient;

        /// <summary>A bfloat16 state element's expected bits (<see cref="StateRounding"/>).</summary>
        public Func<float, RoundingKeys, int, int, BFloat16> RoundedState = StateRounding.Expected;
    }

    private static Run Create(string family) =>
        family.StartsWith("adamw", StringComparison.Ordinal) ? CreateAdamW()
        : family.StartsWith("double", StringComparison.Ordinal) ? CreateDoubleAdam()
        : family.StartsWith("adagrad", StringComparison.Ordinal) ? CreateAdagrad()
        : family.StartsWith("rmsprop", StringComparison.Ordinal) ? CreateRMSprop()
        : family.StartsWith("lamb", StringComparison.Ordinal) ? CreateLamb()
        : family.StartsWith("schedulefree", StringComparison.Ordinal) ? CreateScheduleFree()
        : family.StartsWith("adafactor, float", StringComparison.Ordinal) ? CreateAdafactor()
        : family.StartsWith("adafactor, bfloat16", StringComparison.Ordinal) ? CreateAllSixteenBitAdafactor()
        : family.StartsWith("double adafactor", StringComparison.Ordinal) ? CreateDoubleAdafactor()
        : CreateLion();

    private static Run CreateAdagrad()
    {
        var rounded = new AllSixteenBitAdagrad();
        var twin = new AllSixteenBitAdagradTwin();
        return new Run
        {
            Rounded = rounded,
            Twin = twin,
            Seed = 23,
            HalfGradient = true,
            StepRounded = (w, gw, b, _, gbHalf, e, ge) => rounded.StepAll(w, gw, b, gbHalf, e, ge),
            StepTwin = (w, gw, b, gb, e, ge) => twin.StepAll(w, gw, b, gb, e, ge),
        };
    }

    private static Run CreateLamb()
    {
        var rounded = new AllSixteenBitLamb();
        var twin = new AllSixteenBitLambTwin();
        return new Run
        {
            Rounded = rounded,
            Twin = twin,
            Seed = 31,
            HalfGradient = true,
            StepRounded = (w, gw, b, _, gbHalf, e, ge) => rounded.StepAll(w, gw, b, gbHalf, e, ge),
            StepTwin = (w, gw, b, gb, e, ge) => twin.StepAll(w, gw, b, gb, e, ge),
        };
    }

    private static Run CreateAdafactor()
    {
        var rounded = new SixteenBitParameterAdafactor();
        var twin = new SixteenBitParameterAdafactorTwin();
        return new Run
        {
            Rounded = rounded,
            Twin = twin,
            Seed = 41,
            StepRounded = (w, gw, b, gbFloat, _, e, ge) => rounded.StepAll(w, gw, b, gbFloat, e, ge),
            StepTwin = (w, gw, b, gb, e, ge) => twin.StepAll(w, gw, b, gb, e, ge),
        };
    }

    private static Run CreateAllSixteenBitAdafactor()
    {
        var rounded = new AllSixteenBitAdafactor();
        var twin = new SixteenBitParameterAdafactorTwin();
        return new Run
        {
            Rounded = rounded,
            Twin = twin,
            Seed = 43,
            HalfGradient = true,
            RoundedState = StateRounding.OwnStream,
            StepRounded = (w, gw, b, _, gbHalf, e, ge) => rounded.StepAll(w, gw, b, gbHalf, e, ge),
            StepTwin = (w, gw, b, gb, e, ge) => twin.StepAll(w, gw, b, gb, e, ge),
        };
    }

    private static Run CreateDoubleAdafactor()
    {
        var rounded = new DoubleSixteenBitAdafactor();
        var twin = new DoubleSixteenBitAdafactorTwin();
        return new Run
        {
            Rounded = rounded,
            Twin = twin,
            Seed = 47,
            RoundedState = StateRounding.OwnStream,
            StepRounded = (w, gw, b, gbFloat, _, e, ge) => rounded.StepAll(w, gw, b, gbFloat, e, ge),
            StepTwin = (w, gw, b, gb, e, ge) => twin.StepAll(w, gw, b, gb, e, ge),
        };
    }

    private static Run CreateRMSprop()
    {
        var rounded = new SixteenBitParameterRMSprop();
        var twin = new SixteenBitParameterRMSpropTwin();
        return new Run
        {
            Rounded = rounded,
            Twin = twin,
            Seed = 29,
            StepRounded = (w, gw, b, gbFloat, _, e, ge) => rounded.StepAll(w, gw, b, gbFloat, e, ge),
            StepTwin = (w, gw, b, gb, e, ge) => twin.StepAll(w, gw, b, gb, e, ge),
        };
    }

    private static Run CreateScheduleFree()
    {
        var rounded = new SixteenBitParameterScheduleFree();
        var twin = new SixteenBitParameterScheduleFreeTwin();
        return new Run
        {
            Rounded = rounded,
            Twin = twin,
            Seed = 37,
            StepRounded = (w, gw, b, gbFloat, _, e, ge) => rounded.StepAll(w, gw, b, gbFloat, e, ge),
            StepTwin = (w, gw, b, gb, e, ge) => twin.StepAll(w, gw, b, gb, e, ge),
        };
    }

    private static Run CreateDoubleAdam()
    {
        var rounded = new SixteenBitParameterDoubleAdam();
        var twin = new SixteenBitParameterDoubleAdamTwin();
        return new Run
        {
            Rounded = rounded,
            Twin = twin,
            Seed = 13,
            StepRounded = (w, gw, b, gbFloat, _, e, ge) => rounded.StepAll(w, gw, b, gbFloat, e, ge),
            StepTwin = (w, gw, b, gb, e, ge) => twin.StepAll(w, gw, b, gb, e, ge),
        };
    }

    private static Run CreateAdamW()
    {
        var rounded = new SixteenBitParameterAdamW();
        var twin = new SixteenBitParameterAdamWTwin();
        return new Run
        {
            Rounded = rounded,
            Twin = twin,
            Seed = 9,
            StepRounded = (w, gw, b, gbFloat, _, e, ge) => rounded.StepAll(w, gw, b, gbFloat, e, ge),
            StepTwin = (w, gw, b, gb, e, ge) => twin.StepAll(w, gw, b, gb, e, ge),
        };
    }

    private static Run CreateLion()
    {
        var rounded = new AllSixteenBitLion();
        var twin = new AllSixteenBitLionTwin();
        return new Run
        {
            Rounded = rounded,
            Twin = twin,
            Seed = 4,
            HalfGradient = true,
            StepRounded = (w, gw, b, _, gbHalf, e, ge) => rounded.StepAll(w, gw, b, gbHalf, e, ge),
            StepTwin = (w, gw, b, gb, e, ge) => twin.StepAll(w, gw, b, gb, e, ge),
        };
    }

    [Theory]
    [MemberData(nameof(Families))]
    public void EveryStepRoundsTheFloatStepWithItsOwnBits(string family)
    {
        Run run = Create(family);
        var random = new Random(11);
        BFloat16[] w = BFloat16s(random, 3 * 33_335, 1f);
        Half[] b = Halves(random, 37, 1f);
        float[] e = Floats(random, 41, 1f);
        for (int step = 1; step <= Steps; step++)
        {
            BFloat16[] gw = BFloat16s(random, w.Length, 0.5f);
            Half[] gbHalf = Halves(random, b.Length, 0.5f);
            float[] gbFloat = run.HalfGradient ? Widen(gbHalf) : Floats(random, b.Length, 0.5f);
            float[] ge = Floats(random, e.Length, 0.5f);

            float[] tw = Widen(w), tb = Widen(b), te = (float[])e.Clone();
            for (int s = 0; s < 3; s++)
            {
                ParameterState from = run.Rounded.States[s], to = run.Twin.States[s];
                for (int k = 0; k < from.Buffers.Count; k++)
                {
                    from.Buffers[k].CopyTo(to.Buffers[k].Span);
                }
            }

            run.StepRounded(w, gw, b, gbFloat, gbHalf, e, ge);
            run.StepTwin(tw, Widen(gw), tb, gbFloat, te, ge);

            RoundingKeys keysW = RoundingKeys.For(run.Seed, 0, step), keysB = RoundingKeys.For(run.Seed, 1, step);
            for (int i = 0; i < w.Length; i++)
            {
                Assert.True(w[i].Bits == StochasticRounding.ToBFloat16(tw[i], keysW.Parameter, i).Bits, $"{family}, step {step}, w[{i}]");
            }

            for (int i = 0; i < b.Length; i++)
            {
                Assert.True(BitConverter.HalfToUInt16Bits(b[i]) == BitConverter.HalfToUInt16Bits(StochasticRounding.ToHalf(tb[i], keysB.Parameter, i)), $"{family}, step {step}, b[{i}]");
            }

            Assert.Equal(te, e); // the float set is exactly the twin's
            for (int s = 0; s < 3; s++)
            {
                AssertState(run, s, step);
            }
        }
    }

    private static void AssertState(Run run, int set, int step)
    {
        ParameterState actual = run.Rounded.States[set], exact = run.Twin.States[set];
        RoundingKeys keys = RoundingKeys.For(run.Seed, set, step);
        for (int k = 0; k < actual.Buffers.Count; k++)
        {
            if (actual.Precision == StatePrecision.Single)
            {
                Assert.True(actual.Buffers[k].Span.SequenceEqual(exact.Buffers[k].Span), $"set {set} buffer {k} step {step}");
                continue;
            }

            Span<BFloat16> bits = actual.Buffers[k].BFloat16Span;
            Span<float> values = exact.Buffers[k].Span;
            for (int i = 0; i < bits.Length; i++)
            {
                Assert.True(bits[i].Bits == run.RoundedState(values[i], keys, k, i).Bits, $"set {set} buffer {k} step {step} element {i}");
            }
        }
    }

    [Fact]
    public void OneCoreAndAllGiveTheSameBits()
    {
        var one = new SixteenBitParameterAdamW { MaxDegreeOfParallelism = 1 };
        var all = new SixteenBitParameterAdamW();
        var random = new Random(3);
        BFloat16[] w1 = BFloat16s(random, 3 * 33_335, 1f), w2 = (BFloat16[])w1.Clone();
        for (int step = 0; step < 4; step++)
        {
            BFloat16[] g = BFloat16s(random, w1.Length, 0.5f);
            one.StepW(w1, g);
            all.StepW(w2, g);
            one.EndIteration();
            all.EndIteration();
        }

        Assert.True(w1.AsSpan().SequenceEqual(w2));
    }

    [Fact]
    public void TheNameKeyedCallRefusesA16BitSetAndChangesNothing()
    {
        var optimizer = new SixteenBitParameterAdamW();
        ArgumentException refused = Assert.Throws<ArgumentException>(() => optimizer.Step("b", new float[37], new float[37]));
        Assert.Contains("StepB", refused.Message);
        Assert.All(optimizer.States[1].Buffers[0].Span.ToArray(), v => Assert.Equal(0f, v));
    }

    [Fact]
    public void ACheckpointCarriesTheSeedAndTheRunResumesBitForBit()
    {
        var random = new Random(8);
        BFloat16[] start = BFloat16s(random, 3 * 33_335, 1f);
        var gradients = new BFloat16[6][];
        for (int t = 0; t < gradients.Length; t++)
        {
            gradients[t] = BFloat16s(random, start.Length, 0.5f);
        }

        var straight = new SixteenBitParameterAdamW { RoundingSeed = 77 };
        BFloat16[] a = (BFloat16[])start.Clone();
        var first = new SixteenBitParameterAdamW { RoundingSeed = 77 };
        BFloat16[] b = (BFloat16[])start.Clone();
        for (int t = 0; t < gradients.Length; t++)
        {
            straight.StepW(a, gradients[t]);
            straight.EndIteration();
            if (t < 3)
            {
                first.StepW(b, gradients[t]);
                first.EndIteration();
            }
        }

        var checkpoint = new MemoryStream();
        first.SaveCheckpoint(checkpoint);
        checkpoint.Position = 0;
        var resumed = new SixteenBitParameterAdamW();
        resumed.LoadCheckpoint(checkpoint);
        Assert.Equal(77UL, resumed.RoundingSeed);
        for (int t = 3; t < gradients.Length; t++)
        {
            resumed.StepW(b, gradients[t]);
            resumed.EndIteration();
        }

        Assert.True(a.AsSpan().SequenceEqual(b));
    }

    private static float[] Widen(BFloat16[] values) => Array.ConvertAll(values, v => (float)v);

    private static float[] Widen(Half[] values) => Array.ConvertAll(values, v => (float)v);

    private static float[] Floats(Random random, int length, float scale)
    {
        var values = new float[length];
        for (int i = 0; i < length; i++)
        {
            values[i] = (float)(random.NextDouble() * 2 - 1) * scale;
        }

        return values;
    }

    private static BFloat16[] BFloat16s(Random random, int length, float scale) =>
        Array.ConvertAll(Floats(random, length, scale), v => (BFloat16)v);

    private static Half[] Halves(Random random, int length, float scale) =>
        Array.ConvertAll(Floats(random, length, scale), v => (Half)v);
}
