using System;
using System.Buffers.Binary;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using Microsoft.Win32.SafeHandles;

namespace Rlx.Optim;

/// <summary>
/// A sharded run's checkpoint: one ordinary checkpoint file (the one a single process writes, bit for bit), written
/// by every process at once, each its own slices at their places in the file; and read back by any number of
/// processes, each reading only its slices, or by a single process with <see cref="OptimizerCheckpoint"/>.
/// </summary>
/// <remarks>
/// Every process must see the same file (one machine, or a shared file system). Process 0 writes the header into a
/// temporary file beside the target and sizes it, every process writes its slices and flushes them to disk, and
/// process 0 renames the file over the target: a failure anywhere leaves any previous checkpoint as it was, and every
/// process learns of it (each phase ends with the processes agreeing that all succeeded).
/// </remarks>
internal static class ShardedCheckpoint
{
    public static void Save(ICheckpointable optimizer, ICollectives collectives, string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        string target = Path.GetFullPath(path);
        string temporary = Path.Combine(Path.GetDirectoryName(target)!, $".{Path.GetFileName(target)}.sharded.tmp");
        byte[]? header = null;
        long dataStart = 0;
        IReadOnlyList<Slice> slices = [];
        Agree(collectives, "prepare the checkpoint", () =>
        {
            (header, slices) = Layout(optimizer, collectives.Rank);
            dataStart = sizeof(ulong) + header.Length;
            if (collectives.Rank == 0)
            {
                using var stream = new FileStream(temporary, FileMode.Create, FileAccess.Write, FileShare.ReadWrite);
                Span<byte> length = stackalloc byte[sizeof(ulong)];
                BinaryPrimitives.WriteUInt64LittleEndian(length, (ulong)header.Length);
                stream.Write(length);
                stream.Write(header);
                stream.SetLength(dataStart + slices.Sum(slice => slice.TensorBytes));
            }
        });

        Agree(collectives, "write its slices of the checkpoint", () =>
        {
            using SafeFileHandle file = File.OpenHandle(temporary, FileMode.Open, FileAccess.Write, FileShare.ReadWrite);
            foreach (Slice slice in slices)
            {
                RandomAccess.Write(file, slice.Buffer.Bytes, dataStart + slice.TensorBegin + slice.ByteOffset);
            }

            RandomAccess.FlushToDisk(file);
        });

        Agree(collectives, "move the checkpoint into place", () =>
        {
            if (collectives.Rank == 0)
            {
                AtomicFile.MoveIntoPlace(temporary, target);
            }
        });
    }

    public static void Load(ICheckpointable optimizer, ICollectives collectives, string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        OptimizerDescription description = optimizer.Description;
        RestorePlan? plan = null;
        byte[][][] values = [];
        Agree(collectives, "read its slices of the checkpoint", () =>
        {
            var source = new CheckpointSource($"file '{path}'", optimizer.GetType().FullName ?? optimizer.GetType().Name);
            using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read);
            SafetensorsHeader header = SafetensorsReader.ReadHeader(stream, source);
            plan = CheckpointValidator.Plan(header, description, source);
            if (plan.Sets.Any(set => set.DeclaredIndex < 0))
            {
                throw source.Refuse("it holds sets created on first use by name, and a sharded optimizer keeps its declared sets only");
            }

            values = ReadSlices(optimizer, header, plan, stream.SafeFileHandle);
        });

        // Every process has read and checked its part: from here on nothing can fail.
        for (int set = 0; set < values.Length; set++)
        {
            ParameterState state = optimizer.StateTable[set];
            for (int buffer = 0; buffer < values[set].Length; buffer++)
            {
                values[set][buffer].CopyTo(state.Buffers[buffer].Bytes);
            }

            // A restored master copy is the parameter's value from then on (as a plain load says).
            state.MasterWeightTaken = state.MasterWeight is not null;
        }

        if (optimizer.LearningRateSchedule is null)
        {
            optimizer.LearningRate = plan!.LearningRate;
        }

        if (plan!.RoundingSeed is ulong seed)
        {
            optimizer.StateTable.RoundingSeed = seed;
        }

        // Schedule-Free's max_lr and weight_sum: the same on every process, as in a single process's checkpoint.
        if (plan.ScalarState.Count > 0)
        {
            optimizer.RestoreScalarState(plan.ScalarState);
        }

        optimizer.RestoreSkippedSteps(plan.SkippedSteps);
        optimizer.RestoreStepCount(plan.StepCount);
    }

    /// <summary>
    /// The header of the checkpoint a single process would write, and this process's slices in it: a state every
    /// process holds whole (<see cref="ParameterState.IsReplica"/>) is written by process 0 alone.
    /// </summary>
    private static (byte[] Header, IReadOnlyList<Slice> Slices) Layout(ICheckpointable optimizer, int rank)
    {
        RequireLittleEndian();
        var tensors = new List<(string Name, IReadOnlyList<int> Shape, string Dtype, long Bytes)>();
        var slices = new List<Slice>();
        long begin = 0;
        foreach (ParameterState state in optimizer.StateTable.All)
        {
            CheckpointWriter.RequireText(state.Name);
            foreach (StateBuffer buffer in state.Buffers)
            {
                // A slice's buffer has the slice's shape; the tensor has the set's. A whole buffer has its own (row_var).
                IReadOnlyList<int> shape = state.IsShard ? state.Shape : buffer.Shape;
                int elementSize = StateBuffer.ElementSize(buffer.Precision);
                long bytes = (long)(state.IsShard ? state.Length : buffer.Length) * elementSize;
                tensors.Add((CheckpointFormat.TensorName(state.Name, buffer.Name), shape, CheckpointFormat.DtypeOf(buffer.Precision), bytes));
                if (!state.IsReplica || rank == 0)
                {
                    slices.Add(new Slice(buffer, begin, (long)state.SliceStart * elementSize, bytes));
                }

                begin += bytes;
            }
        }

        return (SafetensorsWriter.Header(CheckpointWriter.Metadata(optimizer, optimizer.Description), tensors), slices);
    }

    /// <summary>This process's slice of every declared set's buffers, read from the checkpoint's tensors.</summary>
    private static byte[][][] ReadSlices(ICheckpointable optimizer, SafetensorsHeader header, RestorePlan plan, SafeFileHandle file)
    {
        RequireLittleEndian();
        var values = new byte[optimizer.StateTable.All.Count][][];
        for (int set = 0; set < values.Length; set++)
        {
            values[set] = optimizer.StateTable[set].Buffers.Select(buffer => new byte[buffer.Bytes.Length]).ToArray();
        }

        for (int t = 0; t < plan.Tensors.Count; t++)
        {
            PlannedTensor tensor = plan.Tensors[t];
            int set = plan.Sets[tensor.Set].DeclaredIndex;
            ParameterState state = optimizer.StateTable[set];
            if (header.Tensors[t].Name != CheckpointFormat.TensorName(state.Name, state.Buffers[tensor.Buffer].Name))
            {
                throw new InvalidOperationException($"The checkpoint's tensor {t} is '{header.Tensors[t].Name}', not the planned one.");
            }

            byte[] destination = values[set][tensor.Buffer];
            long offset = header.HeaderBytes + header.Tensors[t].Begin + ((long)state.SliceStart * StateBuffer.ElementSize(state.Buffers[tensor.Buffer].Precision));
            if (RandomAccess.Read(file, destination, offset) != destination.Length)
            {
                throw new EndOfStreamException($"The checkpoint ends inside tensor '{header.Tensors[t].Name}'.");
            }
        }

        return values;
    }

    /// <summary>
    /// Runs <paramref name="phase"/> on every process, then makes all of them agree: if it failed on any, every process
    /// throws, naming the processes that failed (and rethrowing its own error where it was one of them).
    /// </summary>
    private static void Agree(ICollectives collectives, string what, Action phase)
    {
        Exception? failure = null;
        try
        {
            phase();
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException or CheckpointException or InvalidOperationException)
        {
            failure = exception;
        }

        var failed = new double[collectives.Size];
        failed[collectives.Rank] = failure is null ? 0 : 1;
        collectives.AllGatherInPlace(failed, 1);
        if (failure is not null)
        {
            System.Runtime.ExceptionServices.ExceptionDispatchInfo.Capture(failure).Throw();
        }

        int[] ranks = Enumerable.Range(0, failed.Length).Where(rank => failed[rank] != 0).ToArray();
        if (ranks.Length > 0)
        {
            throw new IOException($"Process {string.Join(", ", ranks)} failed to {what}; nothing was changed here.");
        }
    }

    private static void RequireLittleEndian()
    {
        if (!BitConverter.IsLittleEndian)
        {
            throw new PlatformNotSupportedException("Sharded checkpoints are written and read on little-endian machines only.");
        }
    }

    /// <summary>A buffer's slice: the tensor's first byte in the data, and the slice's offset in the tensor.</summary>
    private sealed record Slice(StateBuffer Buffer, long TensorBegin, long ByteOffset, long TensorBytes);
}
