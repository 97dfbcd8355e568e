using System;
using System.Buffers.Binary;
using System.IO;
using System.Text;
using System.Text.Json.Nodes;

namespace Rlx.Optim.Tests.Checkpoints;

/// <summary>
/// Every way a checkpoint can be wrong is refused with a <see cref="CheckpointException"/> that names the problem,
/// and the optimizer it was loaded into keeps every bit of its state, its step count and its learning rate.
/// </summary>
public sealed class ValidationTests
{
    private static readonly byte[] s_saved = Saved();

    [Fact]
    public void An_adamw_checkpoint_is_refused_by_adam() =>
        AssertRefused(Trained(new CheckpointAdamAmsGrad()), CheckpointFile.Save(Trained(new CheckpointAdamWAmsGrad())),
            "its optimizer is 'adamw'", "'adam'");

    [Fact]
    public void A_stateless_checkpoint_with_a_set_this_optimizer_does_not_declare_is_refused() =>
        AssertRefused(Trained(new CheckpointSgdPlainWithoutBias()), CheckpointFile.Save(Trained(new CheckpointSgdPlain())),
            "set 'b' was declared by the optimizer that saved it", "does not declare it");

    [Fact]
    public void A_stateless_checkpoint_missing_a_declared_set_is_refused() =>
        AssertRefused(Trained(new CheckpointSgdPlain()), CheckpointFile.Save(Trained(new CheckpointSgdPlainWithoutBias())),
            "no 'b.momentum' entry", "did not declare set 'b'");

    [Fact]
    public void A_declared_set_missing_from_the_checkpoint_is_refused() =>
        AssertRefused(Trained(new ExtraSetAdam()), s_saved, "no state for set 'gain', which Rlx.Optim.Tests.Checkpoints.ExtraSetAdam declares");

    [Fact]
    public void A_set_the_saving_optimizer_declared_and_this_one_does_not_is_refused() =>
        AssertRefused(Trained(new MissingSetAdam()), s_saved, "set 'b' was declared by the optimizer that saved it", "does not declare it");

    [Fact]
    public void A_set_created_on_first_use_cannot_become_a_declared_set()
    {
        var nameKeyed = new CheckpointNameKeyedAdam();
        nameKeyed.Step("w", new float[20], new float[20]);
        nameKeyed.Step("b", new float[3], new float[3]);

        AssertRefused(Trained(new CheckpointSingleAdam()), CheckpointFile.Save(nameKeyed), "set 'w' was created on first use", "no 'w.beta1'");
    }

    [Fact]
    public void A_declared_set_of_another_shape_is_refused() =>
        AssertRefused(Trained(new OtherShapeAdam()), s_saved, "set 'w' has shape [4, 5] in the checkpoint", "declares [5, 4]");

    [Fact]
    public void Another_precision_is_refused() =>
        AssertRefused(Trained(new CheckpointDoubleAdam()), s_saved, "precision is 'single'", "CheckpointDoubleAdam's is 'double'");

    [Fact]
    public void Another_beta_is_refused_naming_the_setting_and_both_values() =>
        AssertRefused(Trained(new OtherBeta1Adam()), s_saved, "its beta1 is 0.875", "generated with 0.9", "only the learning rate may differ");

    [Fact]
    public void Another_weight_decay_on_one_declared_set_is_refused() =>
        AssertRefused(Trained(new OtherSetDecayAdam()), s_saved, "its b.weight_decay is 0", "generated with 0.5");

    [Fact]
    public void A_hyperparameter_one_bit_away_is_refused() =>
        AssertRefused(Edit(m => m["eps"] = "1.0000000000000002E-08"), "its eps is 1.0000000000000002E-08", "generated with 1E-08");

    [Fact]
    public void Another_optimizer_kind_is_refused() =>
        AssertRefused(Edit(m => m["optimizer"] = "sgd"), "its optimizer is 'sgd'", "'adam'");

    [Fact]
    public void An_unknown_format_version_is_refused() =>
        AssertRefused(Edit(m => m["format"] = "rlx-optim.checkpoint.v2"), "format is 'rlx-optim.checkpoint.v2'", "reads 'rlx-optim.checkpoint.v1' only");

    [Fact]
    public void A_safetensors_file_without_metadata_is_refused() =>
        AssertRefused(CheckpointFile.Edit(s_saved, h => h.Remove("__metadata__")), "no '__metadata__'", "not an Rlx.Optim checkpoint");

    [Theory]
    [InlineData("step", "-1", "'step' is '-1', not a count of steps")]
    [InlineData("step", "1.5", "'step' is '1.5'")]
    [InlineData("step", "99999999999999999999", "not a count of steps")]
    [InlineData("learning_rate", "NaN", "'learning_rate' is 'NaN', not a finite learning rate")]
    [InlineData("learning_rate", "-0.01", "not a finite learning rate of at least 0")]
    [InlineData("beta2", "0.998046875x", "'beta2' is '0.998046875x', not a number")]
    public void A_metadata_value_that_does_not_parse_is_refused(string key, string value, string expected) =>
        AssertRefused(Edit(m => m[key] = value), expected);

    [Theory]
    [InlineData("format")]
    [InlineData("optimizer")]
    [InlineData("precision")]
    [InlineData("step")]
    [InlineData("learning_rate")]
    [InlineData("weight_decay")]
    [InlineData("b.eps")]
    public void A_missing_metadata_entry_is_refused(string key) =>
        AssertRefused(Edit(m => m.Remove(key)), $"'{key}'");

    [Fact]
    public void Hyperparameters_recorded_for_a_set_without_tensors_are_refused() =>
        AssertRefused(Edit(m => m["ghost.beta1"] = "0.875"), "'ghost.beta1' describes set 'ghost', which has no tensors");

    [Theory]
    [InlineData(0, "ends within the 8-byte header length")]
    [InlineData(5, "ends within the 8-byte header length")]
    [InlineData(8, "only 0 bytes follow it")]
    [InlineData(100, "truncated")]
    [InlineData(-4, "truncated")]
    [InlineData(-1, "truncated")]
    public void A_truncated_file_is_refused(int length, string expected)
    {
        byte[] cut = s_saved[..(length >= 0 ? length : s_saved.Length + length)];

        AssertRefused(cut, expected);
        AssertRefused(Trained(new CheckpointSingleAdam()), new NonSeekableStream(cut), expected.Replace("only 0 bytes follow it", "ends after 0"));
    }

    [Fact]
    public void A_truncated_file_is_refused_when_only_the_data_is_short()
    {
        byte[] cut = s_saved[..^4];

        CheckpointException error = AssertRefused(cut, "truncated");

        Assert.Contains($"it has {cut.Length} bytes, but its header describes {s_saved.Length}", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Bytes_after_the_last_tensor_are_refused()
    {
        byte[] longer = [.. s_saved, 0, 0, 0, 0];

        AssertRefused(longer, "4 bytes after the end of the last tensor");
        AssertRefused(Trained(new CheckpointSingleAdam()), new NonSeekableStream(longer), "bytes after the end of the last tensor");
    }

    [Fact]
    public void A_header_too_large_to_be_real_is_refused_before_it_is_read()
    {
        byte[] file = (byte[])s_saved.Clone();
        BinaryPrimitives.WriteUInt64LittleEndian(file, 200_000_000);

        AssertRefused(file, "says 200000000 bytes, more than the 100000000 a safetensors header may have");
        BinaryPrimitives.WriteUInt64LittleEndian(file, ulong.MaxValue);
        AssertRefused(file, $"says {ulong.MaxValue} bytes");
    }

    [Theory]
    [InlineData("[]", "does not start with '{'")]
    [InlineData("{\"a\": ", "not valid JSON")]
    [InlineData("{} x", "not valid JSON")]
    [InlineData("{/* a comment */}", "not valid JSON")]
    [InlineData("{\"a\":1,}", "not valid JSON")]
    [InlineData("{\"__metadata__\": []}", "'__metadata__' is a JSON Array, not an object of strings")]
    [InlineData("{\"__metadata__\": {\"step\": 7}}", "metadata entry 'step' is a JSON Number")]
    [InlineData("{\"w.exp_avg\": 1}", "the entry of tensor 'w.exp_avg' is a JSON Number")]
    [InlineData("{\"\\ud800\": 1}", "not valid text")]
    [InlineData("{\"a\": {\"dtype\": \"F32\", \"shape\": [], \"data_offsets\": [0, 4]}, \"a\": {}}", "names 'a' twice")]
    [InlineData("{\"__metadata__\": {\"k\": \"1\", \"k\": \"2\"}}", "metadata entry 'k' appears twice")]
    [InlineData("{\"t\": {\"dtype\": \"F32\", \"shape\": [], \"data_offsets\": [0, 4], \"extra\": 1}}", "unknown field 'extra'")]
    [InlineData("{\"t\": {\"dtype\": \"F32\", \"dtype\": \"F32\", \"shape\": [], \"data_offsets\": [0, 4]}}", "two 'dtype' fields")]
    [InlineData("{\"t\": {\"shape\": [], \"data_offsets\": [0, 4]}}", "tensor 't' has no dtype string")]
    [InlineData("{\"t\": {\"dtype\": \"F32\", \"data_offsets\": [0, 4]}}", "tensor 't' has no shape array")]
    [InlineData("{\"t\": {\"dtype\": \"F32\", \"shape\": []}}", "tensor 't' has no data_offsets pair")]
    [InlineData("{\"t\": {\"dtype\": \"F32\", \"shape\": [-1], \"data_offsets\": [0, 4]}}", "dimension -1 that is not an integer")]
    [InlineData("{\"t\": {\"dtype\": \"F32\", \"shape\": [1.5], \"data_offsets\": [0, 4]}}", "dimension 1.5")]
    [InlineData("{\"t\": {\"dtype\": \"F32\", \"shape\": [65536, 65536], \"data_offsets\": [0, 4]}}", "more than 2147483647 elements")]
    [InlineData("{\"t\": {\"dtype\": \"F32\", \"shape\": [1], \"data_offsets\": [0, 4, 8]}}", "no data_offsets pair")]
    [InlineData("{\"t\": {\"dtype\": \"F32\", \"shape\": [1], \"data_offsets\": [-4, 0]}}", "offset -4 that is not an integer")]
    [InlineData("{\"t\": {\"dtype\": \"F32\", \"shape\": [1], \"data_offsets\": [8, 4]}}", "ends (byte 4) before it begins (byte 8)")]
    [InlineData("{\"t\": {\"dtype\": \"F32\", \"shape\": [2], \"data_offsets\": [0, 4]}}", "needs 8")]
    [InlineData("{\"t\": {\"dtype\": \"F64\", \"shape\": [2], \"data_offsets\": [0, 16]}}", "dtype 'F64'")]
    [InlineData("{\"t\": {\"dtype\": \"BF16\", \"shape\": [2], \"data_offsets\": [0, 8]}}", "of BF16 needs 4")]
    public void A_corrupted_header_is_refused(string json, string expected) =>
        AssertRefused(CheckpointFile.Join(json, new byte[4]), expected);

    [Fact]
    public void A_header_that_is_not_UTF8_is_refused() =>
        AssertRefused(CheckpointFile.Join([(byte)'{', 0xC3, 0x28, (byte)'}'], []), "not valid UTF-8");

    [Fact]
    public void A_header_nested_too_deeply_is_refused() =>
        AssertRefused(CheckpointFile.Join("{\"a\":" + new string('[', 100) + new string(']', 100) + "}", []), "not valid JSON");

    [Fact]
    public void Overlapping_offsets_are_refused() =>
        AssertRefused(
            CheckpointFile.Edit(s_saved, h => h["w.exp_avg_sq"]!["data_offsets"] = new JsonArray(40, 120)),
            "tensor 'w.exp_avg_sq' (bytes [40, 120)) overlaps tensor 'w.exp_avg' (bytes [0, 80))");

    [Fact]
    public void A_gap_between_tensors_is_refused() =>
        AssertRefused(
            CheckpointFile.Edit(s_saved, h => h["w.exp_avg_sq"]!["data_offsets"] = new JsonArray(84, 164)),
            "gap: no tensor covers bytes [80, 84)");

    [Fact]
    public void Offsets_past_the_end_of_the_file_are_refused()
    {
        byte[] file = CheckpointFile.Edit(s_saved, h =>
        {
            long begin = h["extra.exp_avg"]!["data_offsets"]![0]!.GetValue<long>();
            h["extra.exp_avg"]!["shape"] = new JsonArray(1_000_000);
            h["extra.exp_avg"]!["data_offsets"] = new JsonArray(begin, begin + 4_000_000);
            h["extra.exp_avg_sq"]!["shape"] = new JsonArray(1_000_000);
            h["extra.exp_avg_sq"]!["data_offsets"] = new JsonArray(begin + 4_000_000, begin + 8_000_000);
        });

        AssertRefused(file, "truncated", "but its header describes");
        AssertRefused(Trained(new CheckpointSingleAdam()), new NonSeekableStream(file), "truncated", "the stream ends after");
    }

    [Fact]
    public void A_tensor_that_is_not_optimizer_state_is_refused() =>
        AssertRefused(
            CheckpointFile.Edit(s_saved, h =>
            {
                JsonNode entry = h["extra.exp_avg_sq"]!;
                h.Remove("extra.exp_avg_sq");
                h["extra.momentum"] = entry;
            }),
            "tensor 'extra.momentum' is not adam state: its name does not end in '.exp_avg' or '.exp_avg_sq'");

    [Fact]
    public void A_set_with_a_moment_missing_is_refused()
    {
        (JsonObject header, byte[] data) = CheckpointFile.Split(s_saved);
        long begin = header["extra.exp_avg_sq"]!["data_offsets"]![0]!.GetValue<long>();
        header.Remove("extra.exp_avg_sq");

        AssertRefused(CheckpointFile.Join(header, data[..(int)begin]), "set 'extra' has no tensor 'extra.exp_avg_sq'");
    }

    [Fact]
    public void A_set_whose_moments_differ_in_shape_is_refused() =>
        AssertRefused(
            CheckpointFile.Edit(s_saved, h => h["extra.exp_avg_sq"]!["shape"] = new JsonArray(2, 2)),
            "set 'extra' has tensors of two shapes: [4] and, for 'extra.exp_avg_sq', [2, 2]");

    [Fact]
    public void Loading_a_missing_file_throws_FileNotFoundException_and_changes_nothing()
    {
        CheckpointSingleAdam target = Trained(new CheckpointSingleAdam());
        StateSnapshot before = StateSnapshot.Of(target);

        Assert.Throws<FileNotFoundException>(() => target.LoadCheckpoint(Path.Combine(Path.GetTempPath(), $"rlx-missing-{Guid.NewGuid():N}.safetensors")));

        before.AssertSameAs(target);
    }

    [Fact]
    public void A_refusal_from_a_file_names_the_file()
    {
        string path = Path.Combine(Path.GetTempPath(), $"rlx-bad-{Guid.NewGuid():N}.safetensors");
        File.WriteAllBytes(path, s_saved[..20]);
        try
        {
            CheckpointSingleAdam target = Trained(new CheckpointSingleAdam());
            StateSnapshot before = StateSnapshot.Of(target);

            CheckpointException error = Assert.Throws<CheckpointException>(() => target.LoadCheckpoint(path));

            Assert.StartsWith($"Cannot load checkpoint file '{path}' into Rlx.Optim.Tests.Checkpoints.CheckpointSingleAdam: ", error.Message, StringComparison.Ordinal);
            before.AssertSameAs(target);
        }
        finally
        {
            File.Delete(path);
        }
    }

    private static byte[] Saved()
    {
        var optimizer = new CheckpointSingleAdam();
        new ToyModel(optimizer, ("extra", 4)).Train(optimizer, 6, ToyModel.Cosine);
        return CheckpointFile.Save(optimizer);
    }

    /// <summary>A target with state of its own (moments, a step count, a rate and a set of its own), so "unchanged" means something.</summary>
    private static T Trained<T>(T optimizer)
        where T : ICheckpointable
    {
        optimizer.LearningRate = 0.004f;
        new ToyModel(optimizer, ("mine", 3)).Train(optimizer, 2);
        return optimizer;
    }

    private static byte[] Edit(Action<JsonObject> editMetadata) =>
        CheckpointFile.Edit(s_saved, h => editMetadata(CheckpointFile.Metadata(h)));

    private static CheckpointException AssertRefused(byte[] file, params string[] expected) =>
        AssertRefused(Trained(new CheckpointSingleAdam()), new MemoryStream(file), expected);

    private static CheckpointException AssertRefused(ICheckpointable target, byte[] file, params string[] expected) =>
        AssertRefused(target, new MemoryStream(file), expected);

    private static CheckpointException AssertRefused(ICheckpointable target, Stream file, params string[] expected)
    {
        StateSnapshot before = StateSnapshot.Of(target);

        CheckpointException error = Assert.Throws<CheckpointException>(() => target.LoadCheckpoint(file));

        foreach (string part in expected)
        {
            Assert.True(error.Message.Contains(part, StringComparison.Ordinal), $"'{part}' is not in: {error.Message}");
        }

        Assert.EndsWith(" The optimizer is unchanged.", error.Message, StringComparison.Ordinal);
        before.AssertSameAs(target);
        return error;
    }
}
