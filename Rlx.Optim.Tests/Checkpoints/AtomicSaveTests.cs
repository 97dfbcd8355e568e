using System;
using System.IO;

namespace Rlx.Optim.Tests.Checkpoints;

/// <summary>
/// Saving to a file writes a temporary file beside it, flushes it and renames it over the target: the target is
/// always either the previous checkpoint or the new one, and no temporary file outlives a save.
/// </summary>
public sealed class AtomicSaveTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("rlx-atomic-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Fact]
    public void Saving_over_a_checkpoint_replaces_it_and_leaves_no_temporary_file()
    {
        string path = Path.Combine(_directory, "optimizer.safetensors");
        var optimizer = new CheckpointSingleAdam();
        var model = new ToyModel(optimizer);
        model.Train(optimizer, 3);
        optimizer.SaveCheckpoint(path);
        model.Train(optimizer, 2);

        optimizer.SaveCheckpoint(path);

        Assert.Equal([path], Directory.GetFiles(_directory));
        var loaded = new CheckpointSingleAdam();
        loaded.LoadCheckpoint(path);
        StateSnapshot.Of(optimizer).AssertSameAs(loaded);
    }

    [Fact]
    public void A_save_that_fails_midway_leaves_the_previous_checkpoint_intact_and_no_temporary_file()
    {
        string path = Path.Combine(_directory, "optimizer.safetensors");
        var optimizer = new CheckpointSingleAdam();
        new ToyModel(optimizer).Train(optimizer, 3);
        optimizer.SaveCheckpoint(path);
        byte[] previous = File.ReadAllBytes(path);

        IOException error = Assert.Throws<IOException>(() => AtomicFile.Write(path, stream =>
        {
            stream.Write(new byte[1000]);
            stream.Flush();
            throw new IOException("No space left on device (simulated).");
        }));

        Assert.Contains("simulated", error.Message, StringComparison.Ordinal);
        Assert.Equal(previous, File.ReadAllBytes(path));
        Assert.Equal([path], Directory.GetFiles(_directory));
    }

    [Fact]
    public void The_temporary_file_is_written_beside_the_target_and_flushed_before_the_rename()
    {
        string path = Path.Combine(_directory, "optimizer.safetensors");
        string? temporary = null;

        AtomicFile.Write(path, stream =>
        {
            temporary = Assert.IsType<FileStream>(stream).Name;
            stream.Write([1, 2, 3]);
            Assert.False(File.Exists(path));
        });

        Assert.Equal(_directory, Path.GetDirectoryName(temporary));
        Assert.StartsWith(".optimizer.safetensors.", Path.GetFileName(temporary), StringComparison.Ordinal);
        Assert.False(File.Exists(temporary));
        Assert.Equal([1, 2, 3], File.ReadAllBytes(path));
    }

    [Fact]
    public void The_directory_is_flushed_after_the_rename_where_the_system_needs_it()
    {
        // What a save calls once the file is in place: fsync on the directory (Linux, macOS), nothing on Windows.
        Assert.Equal(OperatingSystem.IsLinux() || OperatingSystem.IsMacOS(), AtomicFile.TryFlushDirectory(_directory));
        Assert.False(AtomicFile.TryFlushDirectory(Path.Combine(_directory, "missing")));
    }

    [Fact]
    public void Saving_into_a_missing_directory_throws_and_creates_nothing()
    {
        string path = Path.Combine(_directory, "missing", "optimizer.safetensors");

        Assert.Throws<DirectoryNotFoundException>(() => new CheckpointSingleAdam().SaveCheckpoint(path));

        Assert.Empty(Directory.GetFileSystemEntries(_directory));
    }
}
