using System;
using System.Collections.Generic;
using Rlx.Optim.CompilerServices;
using Xunit;

namespace Rlx.Optim.Tests.SixteenBit;

/// <summary>
/// Optimizers with <c>StatePrecision = BFloat16</c>, step by step against an independent reference: the float-state
/// twin steps from the same state widened to float (the float arithmetic, itself checked against the golden files),
/// and each new state element is rounded with the scalar <see cref="StochasticRounding.ToBFloat16(float, ulong, int)"/>
/// under the key of its seed, set, buffer and step. Bit for bit, on a set split across cores, a small one, and a name
/// created on first use.
/// </summary>
public sealed class BFloat16StateOptimizerTests
{
    private const int Steps = 12;

    public static TheoryData<string> Families => new() { "adam", "amsgrad", "lion", "sgd", "double-nadam", "adagrad", "rmsprop", "lamb", "schedulefree" };

    private static (IOptimizer Rounded, IOptimizer Twin, ulong Seed) Create(string family) => family switch
    {
        "adam" => (new BFloat16StateAdam(), new FloatStateAdam(), 42),
        "amsgrad" => (new BFloat16StateAmsGrad(), new FloatStateAmsGrad(), 7),
        "lion" => (new BFloat16StateLion(), new FloatStateLion(), 3),
        "sgd" => (new BFloat16StateSgd(), new FloatStateSgd(), 5),
        "adagrad" => (new BFloat16StateAdagrad(), new FloatStateAdagrad(), 17),
        "rmsprop" => (new BFloat16StateRMSprop(), new FloatStateRMSprop(), 19),
        "lamb" => (new BFloat16StateLamb(), new FloatStateLamb(), 23),
        "schedulefree" => (new BFloat16StateScheduleFree(), new FloatStateScheduleFree(), 31),
        _ => (new BFloat16StateDoubleNAdam(), new FloatStateDoubleNAdam(), 11),
    };

    [Theory]
    [MemberData(nameof(Families))]
    public void EveryStepRoundsTheFloatStepWithItsOwnBits(string family)
    {
        (IOptimizer rounded, IOptimizer twin, ulong seed) = Create(family);
        var random = new Random(2026);
        var sets = new (string Name, float[] Theta)[]
        {
            ("w", Values(random, 3 * 33_335, 1f)),
            ("b", Values(random, 37, 1f)),
            ("extra", Values(random, 1_003, 1f)), // created on first use: the third stream set
        };

        for (int step = 1; step <= Steps; step++)
        {
            for (int s = 0; s < sets.Length; s++)
            {
                (string name, float[] theta) = sets[s];
                float[] gradient = Values(random, theta.Length, step == 3 ? 1e-30f : 0.5f); // one step of tiny gradients
                float[] twinTheta = (float[])theta.Clone();
                if (rounded.TryGetState(name, out ParameterState? state))
                {
                    CopyWidened(state, Twin(twin, name, theta.Length));
                }

                rounded.Step(name, theta, gradient);
                twin.Step(name, twinTheta, gradient);

                Assert.Equal(twinTheta, theta); // θ is float: exactly the twin's
                ParameterState after = rounded.TryGetState(name, out ParameterState? found) ? found : throw new InvalidOperationException();
                ParameterState twinState = Twin(twin, name, theta.Length);
                RoundingKeys keys = RoundingKeys.For(seed, s, step);
                for (int b = 0; b < after.Buffers.Count; b++)
                {
                    Span<BFloat16> actual = after.Buffers[b].BFloat16Span;
                    Span<float> exact = twinState.Buffers[b].Span;
                    for (int i = 0; i < actual.Length; i++)
                    {
                        BFloat16 expected = StateRounding.Expected(exact[i], keys, b, i);
                        if (actual[i].Bits != expected.Bits)
                        {
                            Assert.Fail($"{family}, step {step}, set {name}, buffer {after.Buffers[b].Name}, element {i}: " +
                                $"{actual[i].Bits:X4}, expected {expected.Bits:X4} (float {exact[i]:R})");
                        }
                    }
                }
            }

            rounded.EndIteration();
            twin.EndIteration();
        }
    }

    [Theory]
    [MemberData(nameof(Families))]
    public void OneCoreAndAllGiveTheSameBits(string family)
    {
        (IOptimizer one, _, _) = Create(family);
        (IOptimizer all, _, _) = Create(family);
        one.MaxDegreeOfParallelism = 1;
        var random = new Random(7);
        float[] thetaOne = Values(random, 3 * 33_335, 1f), thetaAll = (float[])thetaOne.Clone();
        for (int step = 0; step < 5; step++)
        {
            float[] gradient = Values(random, thetaOne.Length, 0.5f);
            one.Step("w", thetaOne, gradient);
            all.Step("w", thetaAll, gradient);
            one.EndIteration();
            all.EndIteration();
        }

        Assert.Equal(thetaOne, thetaAll);
        Assert.True(one.TryGetState("w", out ParameterState? a));
        Assert.True(all.TryGetState("w", out ParameterState? b));
        for (int k = 0; k < a.Buffers.Count; k++)
        {
            Assert.True(a.Buffers[k].BFloat16Span.SequenceEqual(b.Buffers[k].BFloat16Span), $"buffer {a.Buffers[k].Name}");
        }
    }

    [Fact]
    public void TheStateTakesHalfTheBytes()
    {
        var rounded = new BFloat16StateAdam();
        var twin = new FloatStateAdam();
        Assert.Equal(StatePrecision.BFloat16, rounded.States[0].Precision);
        Assert.InRange(rounded.StateBytes, twin.StateBytes / 2 - 64 * 1024, twin.StateBytes / 2 + 64 * 1024);
        Assert.Throws<InvalidOperationException>(() => rounded.States[0].Buffers[0].Span.Length);
    }

    [Fact]
    public void AnotherSeedDrawsOtherBits()
    {
        var a = new BFloat16StateAdam();
        var b = new BFloat16StateAdam { RoundingSeed = 43 };
        Assert.Equal(42UL, a.RoundingSeed);
        var random = new Random(1);
        float[] thetaA = Values(random, 37, 1f), thetaB = (float[])thetaA.Clone(), gradient = Values(random, 37, 0.5f);
        a.StepB(thetaA, gradient);
        b.StepB(thetaB, gradient);
        Assert.False(a.States[1].Buffers[1].BFloat16Span.SequenceEqual(b.States[1].Buffers[1].BFloat16Span));
    }

    private static ParameterState Twin(IOptimizer twin, string name, int length)
    {
        // The two step together: whenever the rounded optimizer has a set's state, so has its twin.
        Assert.True(twin.TryGetState(name, out ParameterState? state), $"the twin has no state '{name}'");
        Assert.Equal(length, state.Length);
        return state;
    }

    private static void CopyWidened(ParameterState from, ParameterState to)
    {
        for (int b = 0; b < from.Buffers.Count; b++)
        {
            from.Buffers[b].CopyTo(to.Buffers[b].Span);
        }
    }

    private static float[] Values(Random random, int length, float scale)
    {
        var values = new float[length];
        for (int i = 0; i < length; i++)
        {
            values[i] = (float)(random.NextDouble() * 2 - 1) * scale;
        }

        return values;
    }
}
