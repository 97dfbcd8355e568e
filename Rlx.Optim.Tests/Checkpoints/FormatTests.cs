using System;
using System.Buffers.Binary;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text.Json.Nodes;

namespace Rlx.Optim.Tests.Checkpoints;

/// <summary>What a checkpoint holds, read back with a safetensors reader written from the specification alone.</summary>
public sealed class FormatTests
{
    [Fact]
    public void A_reader_written_from_the_specification_reads_every_moment_under_PyTorch_names()
    {
        var optimizer = new CheckpointSingleAdam();
        new ToyModel(optimizer, ("extra", 37)).Train(optimizer, 5);

        var file = SpecSafetensorsReader.Read(CheckpointFile.Save(optimizer));

        Assert.Equal(
            ["w.exp_avg", "w.exp_avg_sq", "b.exp_avg", "b.exp_avg_sq", "extra.exp_avg", "extra.exp_avg_sq"],
            file.Tensors.Select(t => t.Name));
        Assert.All(file.Tensors, t => Assert.Equal("F32", t.Dtype));
        Assert.Equal([4L, 5L], file["w.exp_avg_sq"].Shape);
        Assert.Equal([3L], file["b.exp_avg"].Shape);
        Assert.Equal([37L], file["extra.exp_avg"].Shape);
        foreach (ParameterState state in optimizer.States)
        {
            foreach (StateBuffer buffer in state.Buffers)
            {
                Assert.Equal(buffer.Span.ToArray(), file[$"{state.Name}.{buffer.Name}"].Floats());
            }
        }
    }

    [Fact]
    public void The_metadata_records_the_format_kind_precision_step_learning_rate_and_every_hyperparameter()
    {
        var optimizer = new CheckpointDoubleAdam { LearningRate = 0.003f };
        new ToyModel(optimizer).Train(optimizer, 7);

        var file = SpecSafetensorsReader.Read(CheckpointFile.Save(optimizer));

        Assert.Equal("rlx-optim.checkpoint.v1", file.Metadata["format"]);
        Assert.Equal("adam", file.Metadata["optimizer"]);
        Assert.Equal("double", file.Metadata["precision"]);
        Assert.Equal("7", file.Metadata["step"]);
        Assert.Equal("0.003", file.Metadata["learning_rate"]);
        Assert.Equal("0.875", file.Metadata["beta1"]);
        Assert.Equal("0.998046875", file.Metadata["beta2"]);
        Assert.Equal("1E-08", file.Metadata["eps"]);
        Assert.Equal("0.01", file.Metadata["weight_decay"]);
        Assert.Equal("0.01", file.Metadata["w.weight_decay"]);
        Assert.Equal("0", file.Metadata["b.weight_decay"]);
        Assert.Equal("0.875", file.Metadata["b.beta1"]);
        Assert.Equal("0", file.Metadata["amsgrad"]);
        Assert.Equal("0", file.Metadata["maximize"]);
    }

    [Fact]
    public void The_header_is_padded_with_spaces_so_the_data_starts_on_an_8_byte_boundary()
    {
        byte[] bytes = CheckpointFile.Save(new CheckpointSingleAdam());
        long n = (long)BinaryPrimitives.ReadUInt64LittleEndian(bytes);

        Assert.Equal(0, (8 + n) % 8);
        Assert.Equal(n, SpecSafetensorsReader.Read(bytes).HeaderSize);
        Assert.Equal(bytes.Length, 8 + n + ((CheckpointSingleAdam.WLength + CheckpointSingleAdam.BLength) * 2 * sizeof(float)));
    }

    [Fact]
    public void Every_bit_of_every_moment_comes_back_NaN_payloads_and_infinities_included()
    {
        var optimizer = new CheckpointSingleAdam();
        Span<float> moments = optimizer.States[0].Buffer(0);
        moments[0] = BitConverter.Int32BitsToSingle(0x7FC0_1234);
        moments[1] = BitConverter.Int32BitsToSingle(unchecked((int)0xFF80_0001));
        moments[2] = float.PositiveInfinity;
        moments[3] = float.NegativeInfinity;
        moments[4] = -0f;
        moments[5] = float.Epsilon;
        moments[6] = float.MaxValue;

        var loaded = new CheckpointSingleAdam();
        loaded.LoadCheckpoint(new MemoryStream(CheckpointFile.Save(optimizer)));

        StateSnapshot.Of(optimizer).AssertSameAs(loaded);
    }

    [Fact]
    public void Saving_changes_nothing_and_saving_twice_gives_the_same_bytes()
    {
        var optimizer = new CheckpointSingleAdam();
        new ToyModel(optimizer, ("extra", 3)).Train(optimizer, 3);
        StateSnapshot before = StateSnapshot.Of(optimizer);

        byte[] first = CheckpointFile.Save(optimizer);
        byte[] second = CheckpointFile.Save(optimizer);

        Assert.Equal(first, second);
        before.AssertSameAs(optimizer);
    }

    [Fact]
    public void A_checkpoint_is_the_same_bytes_and_loads_the_same_in_every_culture()
    {
        var optimizer = new CheckpointSingleAdam();
        new ToyModel(optimizer, ("extra", 3)).Train(optimizer, 3);
        optimizer.LearningRate = 0.00125f;
        CultureInfo saved = CultureInfo.CurrentCulture;
        try
        {
            CultureInfo.CurrentCulture = CultureInfo.InvariantCulture;
            byte[] expected = CheckpointFile.Save(optimizer);
            foreach (string name in new[] { "fi-FI", "de-DE", "ar-SA", "fa-IR" })
            {
                // fi-FI writes 0,00125 and the minus sign U+2212: neither may reach the header, nor confuse a load.
                CultureInfo.CurrentCulture = CultureInfo.GetCultureInfo(name);
                Assert.Equal(expected, CheckpointFile.Save(optimizer));
                var loaded = new CheckpointSingleAdam();
                loaded.LoadCheckpoint(new MemoryStream(expected));
                StateSnapshot.Of(optimizer).AssertSameAs(loaded);
            }
        }
        finally
        {
            CultureInfo.CurrentCulture = saved;
        }
    }

    [Fact]
    public void A_load_replaces_the_sets_created_on_first_use_and_keeps_references_to_declared_sets_live()
    {
        var saved = new CheckpointSingleAdam();
        new ToyModel(saved, ("extra", 5), ("other", 2)).Train(saved, 4);
        var target = new CheckpointSingleAdam();
        new ToyModel(target, ("stale", 9)).Train(target, 2);
        ParameterState liveW = target.States[0];

        target.LoadCheckpoint(new MemoryStream(CheckpointFile.Save(saved)));

        Assert.Equal(["w", "b", "extra", "other"], target.States.Select(s => s.Name));
        Assert.False(target.TryGetState("stale", out _));
        Assert.True(target.TryGetState("other", out ParameterState? other));
        Assert.Equal([2], other.Shape);
        Assert.Same(liveW, target.States[0]);
        Assert.Equal(saved.States[0].Buffer(1).ToArray(), liveW.Buffer(1).ToArray());
        StateSnapshot.Of(saved).AssertSameAs(target);
    }

    [Fact]
    public void A_checkpoint_whose_default_learning_rate_differs_loads_and_brings_its_own_rate()
    {
        var saved = new CheckpointSingleAdam { LearningRate = 0.02f };
        new ToyModel(saved).Train(saved, 3);
        var target = new OtherLearningRateAdam();

        target.LoadCheckpoint(new MemoryStream(CheckpointFile.Save(saved)));

        Assert.Equal(0.02f, target.LearningRate);
        Assert.Equal(3, target.StepCount);
        StateSnapshot.Of(saved).AssertSameAs(target);
    }

    [Fact]
    public void A_set_name_that_is_not_valid_Unicode_is_refused_before_anything_is_written()
    {
        var optimizer = new CheckpointNameKeyedAdam();
        optimizer.Step("half\ud800", new float[2], new float[2]);
        using var stream = new MemoryStream();

        InvalidOperationException error = Assert.Throws<InvalidOperationException>(() => optimizer.SaveCheckpoint(stream));

        Assert.Contains("'half\ud800'", error.Message, StringComparison.Ordinal);
        Assert.Equal(0, stream.Length);
    }

    [Fact]
    public void A_file_another_writer_laid_out_differently_still_loads()
    {
        // Tensors in another order in the header, the data in reverse order, no metadata order, no padding.
        var saved = new CheckpointSingleAdam();
        new ToyModel(saved, ("extra", 6)).Train(saved, 3);
        var file = SpecSafetensorsReader.Read(CheckpointFile.Save(saved));
        var header = new JsonObject();
        var data = new MemoryStream();
        foreach (SpecTensor tensor in file.Tensors.Reverse())
        {
            header[tensor.Name] = new JsonObject
            {
                ["data_offsets"] = new JsonArray(data.Length, data.Length + tensor.Bytes.Length),
                ["shape"] = new JsonArray([.. tensor.Shape.Select(d => (JsonNode)d)]),
                ["dtype"] = "F32",
            };
            data.Write(tensor.Bytes);
        }

        var metadata = new JsonObject();
        foreach ((string key, string value) in file.Metadata.Reverse())
        {
            metadata[key] = value;
        }

        header["__metadata__"] = metadata;
        var target = new CheckpointSingleAdam();

        target.LoadCheckpoint(new MemoryStream(CheckpointFile.Join(header, data.ToArray())));

        Assert.Equal(3, target.StepCount);
        foreach (ParameterState state in saved.States)
        {
            Assert.True(target.TryGetState(state.Name, out ParameterState? loaded));
            Assert.Equal(state.Buffer(0).ToArray(), loaded.Buffer(0).ToArray());
            Assert.Equal(state.Buffer(1).ToArray(), loaded.Buffer(1).ToArray());
        }
    }
}
