using System;
using System.Buffers.Binary;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text;
using Xunit.Abstractions;

namespace Rlx.Optim.Tests.Checkpoints;

/// <summary>
/// Mutated checkpoints, a few thousand from a fixed seed: bit flips, truncations, header edits and random bytes.
/// Every load either succeeds with a state that is exactly what the file says, or throws
/// <see cref="CheckpointException"/> and leaves the optimizer as it was. Nothing else may escape. Every other case
/// is read from a stream that cannot seek, which takes the other path through the reader.
/// </summary>
public sealed class FuzzTests(ITestOutputHelper output)
{
    private const int Cases = 4000;

    [Fact]
    public void Every_mutated_checkpoint_loads_consistently_or_is_refused_without_a_change()
    {
        var saved = new CheckpointSingleAdam();
        new ToyModel(saved, ("extra", 5), ("gain", 2)).Train(saved, 9, ToyModel.Cosine);
        byte[] valid = CheckpointFile.Save(saved);
        int headerEnd = 8 + (int)BinaryPrimitives.ReadUInt64LittleEndian(valid);
        var random = new Random(20261124);
        int loaded = 0, refused = 0;
        var kinds = new int[Mutations.Length];

        for (int i = 0; i < Cases; i++)
        {
            int kind = random.Next(Mutations.Length);
            kinds[kind]++;
            byte[] file = Mutations[kind](valid, headerEnd, random);

            // A target unlike the checkpoint in every respect (moments, sets, step, rate), so any change shows.
            var target = new CheckpointSingleAdam { LearningRate = 0.004f };
            new ToyModel(target, ("mine", 3)).Train(target, 2);
            StateSnapshot before = StateSnapshot.Of(target);
            try
            {
                target.LoadCheckpoint(i % 2 == 0 ? new MemoryStream(file) : new NonSeekableStream(file));
                loaded++;
                AssertHoldsExactly(target, file);
            }
            catch (CheckpointException)
            {
                refused++;
                before.AssertSameAs(target);
            }
            catch (Exception error)
            {
                Assert.Fail($"Case {i} ({Mutations[kind].Method.Name}) threw {error.GetType().Name} instead of CheckpointException: {error}");
            }
        }

        output.WriteLine($"Tried {Cases} mutated checkpoints: {loaded} loaded consistently, {refused} refused with CheckpointException and the optimizer unchanged.");
        output.WriteLine(string.Join(", ", Mutations.Select((m, k) => $"{m.Method.Name} {kinds[k]}")));
        Assert.Equal(Cases, loaded + refused);
        Assert.InRange(refused, Cases / 4, Cases);
        Assert.InRange(loaded, 1, Cases);
    }

    private static readonly Func<byte[], int, Random, byte[]>[] Mutations =
    [
        FlipHeaderBit, FlipDataBit, FlipLengthBit, Truncate, Extend, RandomHeaderBytes, EditHeaderText, SwapHeaderDigits, RandomFile,
    ];

    /// <summary>A successful load must hold what the file says, as a reader written from the specification reads it.</summary>
    private static void AssertHoldsExactly(CheckpointSingleAdam target, byte[] file)
    {
        var spec = SpecSafetensorsReader.Read(file);
        Assert.Equal(long.Parse(spec.Metadata["step"], CultureInfo.InvariantCulture), target.StepCount);
        Assert.Equal(float.Parse(spec.Metadata["learning_rate"], CultureInfo.InvariantCulture), target.LearningRate);
        Assert.Equal(spec.Tensors.Count, target.States.Count * 2);
        foreach (ParameterState state in target.States)
        {
            Assert.Equal(spec[state.Name + ".exp_avg"].Floats().Select(BitConverter.SingleToInt32Bits), state.Buffer(0).ToArray().Select(BitConverter.SingleToInt32Bits));
            Assert.Equal(spec[state.Name + ".exp_avg_sq"].Floats().Select(BitConverter.SingleToInt32Bits), state.Buffer(1).ToArray().Select(BitConverter.SingleToInt32Bits));
        }
    }

    private static byte[] FlipHeaderBit(byte[] valid, int headerEnd, Random random) => Flip(valid, random.Next(8, headerEnd), random);

    private static byte[] FlipDataBit(byte[] valid, int headerEnd, Random random) => Flip(valid, random.Next(headerEnd, valid.Length), random);

    private static byte[] FlipLengthBit(byte[] valid, int headerEnd, Random random) => Flip(valid, random.Next(0, 8), random);

    private static byte[] Truncate(byte[] valid, int headerEnd, Random random) => valid[..random.Next(0, valid.Length)];

    private static byte[] Extend(byte[] valid, int headerEnd, Random random)
    {
        byte[] tail = new byte[random.Next(1, 64)];
        random.NextBytes(tail);
        return [.. valid, .. tail];
    }

    private static byte[] RandomHeaderBytes(byte[] valid, int headerEnd, Random random)
    {
        byte[] file = (byte[])valid.Clone();
        int start = random.Next(8, headerEnd);
        int count = Math.Min(random.Next(1, 16), headerEnd - start);
        random.NextBytes(file.AsSpan(start, count));
        return file;
    }

    /// <summary>Replaces one token of the JSON with another that a writer could plausibly have produced, keeping the length prefix right.</summary>
    private static byte[] EditHeaderText(byte[] valid, int headerEnd, Random random)
    {
        string[] replacements = ["", "0", "-1", "1e3", "null", "[]", "{}", "\"F32\"", "\"BF16\"", "[0,4]", "\"", ",", ":", "\\u0000", "\\ud800", "99999999999999999999", "\"__metadata__\"", "\"w.exp_avg\""];
        string json = Encoding.UTF8.GetString(valid, 8, headerEnd - 8);
        int at = random.Next(json.Length);
        int length = Math.Min(random.Next(0, 12), json.Length - at);
        string edited = json[..at] + replacements[random.Next(replacements.Length)] + json[(at + length)..];
        return CheckpointFile.Join(edited, valid[headerEnd..]);
    }

    /// <summary>Changes one digit of the header (a shape, an offset, the step, a hyperparameter), keeping the JSON valid.</summary>
    private static byte[] SwapHeaderDigits(byte[] valid, int headerEnd, Random random)
    {
        byte[] file = (byte[])valid.Clone();
        int[] digits = [.. Enumerable.Range(8, headerEnd - 8).Where(i => file[i] is >= (byte)'0' and <= (byte)'9')];
        int at = digits[random.Next(digits.Length)];
        file[at] = (byte)('0' + random.Next(10));
        return file;
    }

    private static byte[] RandomFile(byte[] valid, int headerEnd, Random random)
    {
        byte[] file = new byte[random.Next(0, 256)];
        random.NextBytes(file);
        if (file.Length >= 8 && random.Next(2) == 0)
        {
            BinaryPrimitives.WriteUInt64LittleEndian(file, (ulong)random.Next(0, file.Length));
        }

        return file;
    }

    private static byte[] Flip(byte[] valid, int at, Random random)
    {
        byte[] file = (byte[])valid.Clone();
        file[at] ^= (byte)(1 << random.Next(8));
        return file;
    }
}
