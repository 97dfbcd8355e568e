using System;
using System.Threading;
using System.Threading.Tasks;

namespace Rlx.Optim.Tests.Sharding;

/// <summary>
/// The collectives of N ranks that are threads of this process, for testing sharded steps without MPI. The
/// reduce-scatter sums in the order <c>Rlx.Optim.Mpi</c>'s ring does (<see cref="RingOrderSum"/>), so the same
/// gradients give the same bits here and under mpirun.
/// </summary>
internal sealed class ThreadCollectives : ICollectives
{
    private readonly Hub _hub;

    private ThreadCollectives(Hub hub, int rank)
    {
        _hub = hub;
        Rank = rank;
    }

    public int Rank { get; }

    public int Size => _hub.Size;

    /// <summary>Runs <paramref name="rank"/> for each of <paramref name="size"/> ranks, each on its own thread, and waits for all.</summary>
    public static T[] Run<T>(int size, Func<ThreadCollectives, T> rank)
    {
        var hub = new Hub(size);
        var results = new T[size];
        Task[] tasks = new Task[size];
        for (int r = 0; r < size; r++)
        {
            int index = r;
            tasks[r] = Task.Factory.StartNew(
                () => results[index] = rank(new ThreadCollectives(hub, index)), TaskCreationOptions.LongRunning);
        }

        Task.WaitAll(tasks);
        return results;
    }

    /// <summary>Element i of block b summed as the ring sums it: ((g[b+1] + g[b+2]) + …) + g[b], ranks modulo N.</summary>
    public static float RingOrderSum(Func<int, float> contribution, int block, int size)
    {
        if (size == 1)
        {
            return contribution(0);
        }

        float sum = contribution((block + 1) % size);
        for (int k = 2; k <= size; k++)
        {
            sum += contribution((block + k) % size);
        }

        return sum;
    }

    public void ReduceScatterSum(ReadOnlySpan<float> send, Span<float> receive, float scale)
    {
        _hub.Floats[Rank] = send.ToArray();
        _hub.Barrier.SignalAndWait();
        int offset = Rank * receive.Length;
        for (int i = 0; i < receive.Length; i++)
        {
            float sum = RingOrderSum(r => _hub.Floats[r]![offset + i], Rank, Size);
            receive[i] = scale == 1f ? sum : sum * scale;
        }

        _hub.Barrier.SignalAndWait();
    }

    public void AllGatherInPlace(Span<float> buffer, int blockLength)
    {
        _hub.Floats[Rank] = buffer.ToArray();
        _hub.Barrier.SignalAndWait();
        for (int r = 0; r < Size; r++)
        {
            _hub.Floats[r].AsSpan(r * blockLength, blockLength).CopyTo(buffer[(r * blockLength)..]);
        }

        _hub.Barrier.SignalAndWait();
    }

    public void AllGatherInPlace(Span<double> buffer, int blockLength)
    {
        _hub.Doubles[Rank] = buffer.ToArray();
        _hub.Barrier.SignalAndWait();
        for (int r = 0; r < Size; r++)
        {
            _hub.Doubles[r].AsSpan(r * blockLength, blockLength).CopyTo(buffer[(r * blockLength)..]);
        }

        _hub.Barrier.SignalAndWait();
    }

    public void AllGatherInPlace(Span<uint> buffer, ReadOnlySpan<int> blockOffsets)
    {
        _hub.Words[Rank] = buffer.ToArray();
        _hub.Barrier.SignalAndWait();
        for (int r = 0; r < Size; r++)
        {
            int from = blockOffsets[r], length = blockOffsets[r + 1] - from;
            _hub.Words[r].AsSpan(from, length).CopyTo(buffer[from..]);
        }

        _hub.Barrier.SignalAndWait();
    }

    public void Broadcast(Span<byte> data, int root)
    {
        if (Rank == root)
        {
            _hub.Bytes = data.ToArray();
        }

        _hub.Barrier.SignalAndWait();
        _hub.Bytes.CopyTo(data);
        _hub.Barrier.SignalAndWait();
    }

    public void Barrier() => _hub.Barrier.SignalAndWait();

    private sealed class Hub(int size)
    {
        public int Size { get; } = size;

        public Barrier Barrier { get; } = new(size);

        public float[][] Floats { get; } = new float[size][];

        public double[][] Doubles { get; } = new double[size][];

        public uint[][] Words { get; } = new uint[size][];

        public byte[] Bytes { get; set; } = [];
    }
}
