using System;
using System.IO;
using System.Runtime.InteropServices;

namespace Rlx.Optim.Samples.Spiral;

/// <summary>
/// Stops a training run partway: the optimizer goes to a checkpoint file and the model's parameters are kept. Later a
/// fresh optimizer loads the checkpoint, finishes the run on the kept parameters, and the result must equal the
/// uninterrupted run's, bit for bit.
/// </summary>
public sealed class ResumeCheck : IDisposable
{
    private readonly string _path = Path.Combine(Path.GetTempPath(), $"rlx-spiral-{Guid.NewGuid():N}.safetensors");
    private Mlp? _stopped;

    /// <summary>The epoch the run was stopped after.</summary>
    public int StoppedAfter { get; private set; }

    /// <summary>Saves <paramref name="optimizer"/> to the checkpoint file and keeps a copy of <paramref name="model"/>'s parameters.</summary>
    public void Stop(Mlp model, ICheckpointable optimizer, int epoch)
    {
        optimizer.SaveCheckpoint(_path);
        _stopped = new Mlp(seed: 0);
        Copy(model, _stopped);
        StoppedAfter = epoch;
    }

    /// <summary>
    /// Loads the checkpoint into a fresh optimizer, trains the kept parameters through <paramref name="lastEpoch"/>
    /// with <paramref name="trainEpoch"/>, and compares them with <paramref name="uninterrupted"/>.
    /// </summary>
    /// <returns>Whether every parameter has the same bits, and the checkpoint's size.</returns>
    public (bool Identical, long CheckpointBytes) Resume(
        Mlp uninterrupted, int lastEpoch, Func<ICheckpointable> createOptimizer, Action<Mlp, ICheckpointable, int> trainEpoch)
    {
        Mlp model = _stopped ?? throw new InvalidOperationException("The run was never stopped.");
        ICheckpointable optimizer = createOptimizer();
        optimizer.LoadCheckpoint(_path);
        for (int epoch = StoppedAfter + 1; epoch <= lastEpoch; epoch++)
        {
            trainEpoch(model, optimizer, epoch);
        }

        bool identical = Same(model.W1, uninterrupted.W1) && Same(model.B1, uninterrupted.B1)
            && Same(model.W2, uninterrupted.W2) && Same(model.B2, uninterrupted.B2);
        return (identical, new FileInfo(_path).Length);
    }

    public void Dispose() => File.Delete(_path);

    private static void Copy(Mlp from, Mlp to)
    {
        from.W1.CopyTo(to.W1, 0);
        from.B1.CopyTo(to.B1, 0);
        from.W2.CopyTo(to.W2, 0);
        from.B2.CopyTo(to.B2, 0);
    }

    // Compared as bytes, so every bit counts (the sign of zero, NaN payloads).
    private static bool Same(float[] a, float[] b) =>
        MemoryMarshal.AsBytes(a.AsSpan()).SequenceEqual(MemoryMarshal.AsBytes(b.AsSpan()));
}
