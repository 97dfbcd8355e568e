using System;
using System.IO;
using System.Text;
using Xunit;

namespace Rlx.Optim.Tests.SixteenBit;

/// <summary>
/// Checkpoints of bfloat16 state: BF16 safetensors tensors, the rounding seed recorded, a resume that continues bit
/// for bit (the seed and step decide every rounding), and a clear refusal across state precisions.
/// </summary>
public sealed class BFloat16StateCheckpointTests
{
    [Fact]
    public void AResumedRunContinuesBitForBit()
    {
        var random = new Random(3);
        float[][] gradients = new float[10][];
        for (int t = 0; t < gradients.Length; t++)
        {
            gradients[t] = Values(random, 3 * 33_335);
        }

        float[] start = Values(random, 3 * 33_335);
        var straight = new BFloat16StateAdam { RoundingSeed = 1234 };
        float[] thetaStraight = (float[])start.Clone();
        var first = new BFloat16StateAdam { RoundingSeed = 1234 };
        float[] thetaResumed = (float[])start.Clone();
        var checkpoint = new MemoryStream();
        for (int t = 0; t < gradients.Length; t++)
        {
            straight.Step("w", thetaStraight, gradients[t]);
            straight.EndIteration();
            if (t < 5)
            {
                first.Step("w", thetaResumed, gradients[t]);
                first.EndIteration();
            }
        }

        first.SaveCheckpoint(checkpoint);
        var resumed = new BFloat16StateAdam(); // declared seed 42: the checkpoint's 1234 must replace it
        checkpoint.Position = 0;
        resumed.LoadCheckpoint(checkpoint);
        Assert.Equal(1234UL, resumed.RoundingSeed);
        Assert.Equal(5, resumed.StepCount);
        for (int t = 5; t < gradients.Length; t++)
        {
            resumed.Step("w", thetaResumed, gradients[t]);
            resumed.EndIteration();
        }

        Assert.Equal(thetaStraight, thetaResumed);
        for (int b = 0; b < 2; b++)
        {
            Assert.True(straight.States[0].Buffers[b].BFloat16Span.SequenceEqual(resumed.States[0].Buffers[b].BFloat16Span));
        }
    }

    [Fact]
    public void TheStateIsStoredAsBF16Tensors()
    {
        var optimizer = new BFloat16StateAdam { RoundingSeed = 99 };
        optimizer.StepB(Values(new Random(1), 37), Values(new Random(2), 37));
        var stream = new MemoryStream();
        optimizer.SaveCheckpoint(stream);
        byte[] bytes = stream.ToArray();
        long headerLength = BitConverter.ToInt64(bytes, 0);
        string header = Encoding.UTF8.GetString(bytes, 8, (int)headerLength);
        Assert.Contains("\"state_precision\":\"bfloat16\"", header);
        Assert.Contains("\"rounding_seed\":\"99\"", header);
        Assert.Contains("\"b.exp_avg\":{\"dtype\":\"BF16\",\"shape\":[37],\"data_offsets\":", header);
        Assert.DoesNotContain("F32", header);
        // Two buffers of 2-byte elements for every element of the two declared sets.
        Assert.Equal(8 + headerLength + 2 * 2 * (3 * 33_335 + 37), bytes.Length);
    }

    [Fact]
    public void ACheckpointOfAnotherStatePrecisionIsRefusedAndChangesNothing()
    {
        var floatState = new FloatStateAdam();
        var bfloat16State = new BFloat16StateAdam();
        float[] gradient = Values(new Random(5), 37);
        floatState.StepB(new float[37], gradient);
        floatState.EndIteration();
        bfloat16State.StepB(new float[37], gradient);
        bfloat16State.EndIteration();
        var fromFloat = new MemoryStream();
        var fromBFloat16 = new MemoryStream();
        floatState.SaveCheckpoint(fromFloat);
        bfloat16State.SaveCheckpoint(fromBFloat16);

        var intoBFloat16 = new BFloat16StateAdam();
        fromFloat.Position = 0;
        CheckpointException refused = Assert.Throws<CheckpointException>(() => intoBFloat16.LoadCheckpoint(fromFloat));
        Assert.Contains("stored as single", refused.Message);
        Assert.Contains("StatePrecision = BFloat16", refused.Message);
        Assert.Equal(0, intoBFloat16.StepCount);

        var intoFloat = new FloatStateAdam();
        fromBFloat16.Position = 0;
        refused = Assert.Throws<CheckpointException>(() => intoFloat.LoadCheckpoint(fromBFloat16));
        Assert.Contains("stored as bfloat16", refused.Message);
        Assert.Equal(0, intoFloat.StepCount);
        Assert.All(intoFloat.States[1].Buffers[0].Span.ToArray(), v => Assert.Equal(0f, v));
    }

    private static float[] Values(Random random, int length)
    {
        var values = new float[length];
        for (int i = 0; i < length; i++)
        {
            values[i] = (float)(random.NextDouble() * 2 - 1);
        }

        return values;
    }
}
