using System;
using System.IO;
using System.Runtime.InteropServices;

namespace Rlx.Optim.Samples.Spiral;

/// <summary>
/// Stops a training run partway: the optimizer goes to a checkpoint file and the model's parameters are kept (with
/// <c>--parameters bf16</c>, the bfloat16 tensors too: parameters are the caller's data, not the optimizer's state). Later
/// a fresh optimizer loads the checkpoint, finishes the run on the kept parameters, and the result must equal the
/// uninterrupted run's, bit for bit.
/// </summary>
public sealed class ResumeCheck : IDisposable
{
    private readonly string _path = Path.Combine(Path.GetTempPath(), $"rlx-spiral-{Guid.NewGuid():N}.safetensors");
    private Mlp? _stopped;
    private BFloat16Weights? _stoppedWeights;

    /// <summary>The epoch the run was stopped after.</summary>
    public int StoppedAfter { get; private set; }

    /// <summary>
    /// Saves <paramref name="optimizer"/> to the checkpoint file and keeps a copy of <paramref name="model"/>'s
    /// parameters and of <paramref name="weights"/>, the bfloat16 parameters if the run has them.
    /// </summary>
    public void Stop(Mlp model, BFloat16Weights? weights, ICheckpointable optimizer, int epoch)
    {
        optimizer.SaveCheckpoint(_path);
        _stopped = new Mlp(seed: 0);
        Copy(model, _stopped);
        _stoppedWeights = weights?.Clone();
        StoppedAfter = epoch;
    }

    /// <summary>
    /// Loads the checkpoint into a fresh optimizer, trains the kept parameters through <paramref name="lastEpoch"/>
    /// with <paramref name="trainEpoch"/>, and compares them with the uninterrupted run's: <paramref name="uninterrupted"/>'s,
    /// or with bfloat16 parameters <paramref name="uninterruptedWeights"/> (the model's float arrays are then only a copy).
    /// </summary>
    /// <returns>Whether every parameter has the same bits, and the checkpoint's size.</returns>
    public (bool Identical, long CheckpointBytes) Resume(
        Mlp uninterrupted, BFloat16Weights? uninterruptedWeights, int lastEpoch, Func<ICheckpointable> createOptimizer,
        Action<Mlp, BFloat16Weights?, ICheckpointable, int> trainEpoch)
    {
        Mlp model = _stopped ?? throw new InvalidOperationException("The run was never stopped.");
        ICheckpointable optimizer = createOptimizer();
        optimizer.LoadCheckpoint(_path);
        for (int epoch = StoppedAfter + 1; epoch <= lastEpoch; epoch++)
        {
            trainEpoch(model, _stoppedWeights, optimizer, epoch);
        }

        bool identical = (_stoppedWeights, uninterruptedWeights) is ({ } w, { } u)
            ? Same(w.W1, u.W1) && Same(w.B1, u.B1) && Same(w.W2, u.W2) && Same(w.B2, u.B2)
            : Same(model.W1, uninterrupted.W1) && Same(model.B1, uninterrupted.B1)
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
    private static bool Same<T>(T[] a, T[] b)
        where T : unmanaged =>
        MemoryMarshal.AsBytes(a.AsSpan()).SequenceEqual(MemoryMarshal.AsBytes(b.AsSpan()));
}
