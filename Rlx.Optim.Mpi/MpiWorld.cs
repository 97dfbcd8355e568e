using System;
using System.Threading;

namespace Rlx.Optim.Mpi;

/// <summary>
/// This process's place among the processes <c>mpirun</c> started (<c>MPI_COMM_WORLD</c>), and the collective calls
/// sharded training makes over them. MPI is initialised once per process: create one world, use it for the whole run,
/// and dispose it at the end (<c>MPI_Finalize</c>; MPI cannot be initialised again afterwards).
/// </summary>
/// <remarks>
/// Every call is collective: each process of the world makes the same calls in the same order with matching sizes.
/// Errors come back as <see cref="MpiException"/> (the world's error handler is <c>MPI_ERRORS_RETURN</c>) rather than
/// aborting the job. Counts are MPI's <c>int</c>: larger buffers are sent in pieces.
/// </remarks>
public sealed unsafe class MpiWorld : ICollectives, IDisposable
{
    private static int _initialized;
    private readonly OpenMpi.Handles _handles;
    private RingReduceScatter? _ring;
    private bool _disposed;

    private MpiWorld(OpenMpi.Handles handles, int rank, int size)
    {
        _handles = handles;
        Rank = rank;
        Size = size;
    }

    /// <summary>Open MPI's predefined handles, for calls this class does not wrap (the collectives benchmark's).</summary>
    internal OpenMpi.Handles Handles => _handles;

    /// <summary>Bytes of the scratch blocks the reduce-scatter keeps between calls (none before the first).</summary>
    public long ScratchBytes => _ring?.ScratchBytes ?? 0;

    /// <summary>This process's rank, from 0.</summary>
    public int Rank { get; }

    /// <summary>How many processes the world has.</summary>
    public int Size { get; }

    /// <summary>Initialises MPI for this process (<c>MPI_Init</c>) and returns its world.</summary>
    /// <exception cref="DllNotFoundException">Open MPI's library is not installed.</exception>
    /// <exception cref="InvalidOperationException">MPI was already initialised in this process.</exception>
    public static MpiWorld Initialize()
    {
        OpenMpi.Handles handles = OpenMpi.Predefined;
        if (Interlocked.Exchange(ref _initialized, 1) != 0)
        {
            throw new InvalidOperationException("MPI can be initialised once per process: keep the first MpiWorld for the whole run.");
        }

        OpenMpi.Check(OpenMpi.Init(null, null), "MPI_Init");
        OpenMpi.Check(OpenMpi.CommSetErrhandler(handles.CommWorld, handles.ErrorsReturn), "MPI_Comm_set_errhandler");
        int rank, size;
        OpenMpi.Check(OpenMpi.CommRank(handles.CommWorld, &rank), "MPI_Comm_rank");
        OpenMpi.Check(OpenMpi.CommSize(handles.CommWorld, &size), "MPI_Comm_size");
        return new MpiWorld(handles, rank, size);
    }

    /// <summary>Waits until every process reaches this call.</summary>
    public void Barrier()
    {
        ThrowIfDisposed();
        OpenMpi.Check(OpenMpi.Barrier(_handles.CommWorld), "MPI_Barrier");
    }

    /// <summary>Replaces each value by its sum over every process, in place.</summary>
    public void AllReduceSum(Span<double> values)
    {
        ThrowIfDisposed();
        fixed (double* data = values)
        {
            for (int start = 0; start < values.Length; start += MaxCount)
            {
                int count = Math.Min(MaxCount, values.Length - start);
                OpenMpi.Check(
                    OpenMpi.Allreduce(OpenMpi.InPlace, data + start, count, _handles.Double, _handles.Sum, _handles.CommWorld), "MPI_Allreduce");
            }
        }
    }

    /// <summary>The sum of <paramref name="value"/> over every process.</summary>
    public double AllReduceSum(double value)
    {
        AllReduceSum(new Span<double>(ref value));
        return value;
    }

    /// <summary>
    /// Sums <paramref name="send"/> over every process and gives this process its block: <paramref name="receive"/> is
    /// block <see cref="Rank"/> of the sum.
    /// </summary>
    /// <remarks>
    /// A ring of <c>MPI_Sendrecv</c> calls (<see cref="RingReduceScatter"/>), not <c>MPI_Reduce_scatter_block</c>: on
    /// Open MPI 4.1 the ring measured 3–5× faster than every algorithm of the library's own (README, "Data-parallel
    /// training"). Element i of block b is summed in a fixed order, <c>((g[b+1] + g[b+2]) + …) + g[b]</c> over ranks
    /// modulo <see cref="Size"/>, so a run is reproducible and a single process can sum in the same order.
    /// </remarks>
    /// <param name="send">This process's contribution: <see cref="Size"/> blocks of <paramref name="receive"/>'s length.</param>
    /// <param name="receive">This process's block of the sum.</param>
    /// <param name="scale">The factor of each sum, applied as the last addition writes it (1/<see cref="Size"/> for the average).</param>
    public void ReduceScatterSum(ReadOnlySpan<float> send, Span<float> receive, float scale = 1f)
    {
        ThrowIfDisposed();
        if ((long)receive.Length * Size != send.Length)
        {
            throw new ArgumentException(
                $"The send buffer holds {send.Length} floats; a reduce-scatter into blocks of {receive.Length} over {Size} processes needs {(long)receive.Length * Size}.",
                nameof(send));
        }

        if (Size == 1)
        {
            System.Numerics.Tensors.TensorPrimitives.Multiply(send, scale, receive);
            return;
        }

        if (_ring is null || _ring.BlockLength != receive.Length)
        {
            _ring = new RingReduceScatter(this, receive.Length);
        }

        _ring.Run(send, receive, scale);
    }

    /// <summary>The library's own <c>MPI_Reduce_scatter_block</c>, which the collectives benchmark compares with the ring.</summary>
    internal void ReduceScatterBlock(ReadOnlySpan<float> send, Span<float> receive)
    {
        fixed (float* sent = send)
        fixed (float* received = receive)
        {
            OpenMpi.Check(
                OpenMpi.ReduceScatterBlock(sent, received, receive.Length, _handles.Float, _handles.Sum, _handles.CommWorld),
                "MPI_Reduce_scatter_block");
        }
    }

    /// <summary>
    /// Gives every process every block, in place: on entry block <see cref="Rank"/> of <paramref name="buffer"/> holds
    /// this process's block; on return every block holds its owner's (<c>MPI_Allgather</c> with <c>MPI_IN_PLACE</c>).
    /// </summary>
    /// <param name="buffer"><see cref="Size"/> blocks of <paramref name="blockLength"/> elements.</param>
    /// <param name="blockLength">Elements per process; at most <see cref="int.MaxValue"/>.</param>
    public void AllGatherInPlace(Span<float> buffer, int blockLength) => AllGather(buffer, blockLength, _handles.Float);

    /// <inheritdoc cref="AllGatherInPlace(Span{float}, int)"/>
    public void AllGatherInPlace(Span<double> buffer, int blockLength) => AllGather(buffer, blockLength, _handles.Double);

    /// <summary>
    /// Gives every process every block, in place, blocks of varying lengths of 32-bit words: on entry words
    /// <c>[blockOffsets[Rank], blockOffsets[Rank + 1])</c> hold this process's block; on return every block holds its
    /// owner's (<c>MPI_Allgatherv</c> with <c>MPI_IN_PLACE</c>; as fast as <c>MPI_Allgather</c> of the same bytes,
    /// measured on GPT-2 small's parameters at 2 processes).
    /// </summary>
    /// <param name="buffer">Every process's block, end to end.</param>
    /// <param name="blockOffsets"><see cref="Size"/> + 1 offsets, from 0, never decreasing, the last the buffer's length.</param>
    public void AllGatherInPlace(Span<uint> buffer, ReadOnlySpan<int> blockOffsets)
    {
        ThrowIfDisposed();
        if (blockOffsets.Length != Size + 1 || blockOffsets[0] != 0 || blockOffsets[Size] != buffer.Length)
        {
            throw new ArgumentException(
                $"The block offsets must be {Size} + 1, from 0 to the buffer's length {buffer.Length}.", nameof(blockOffsets));
        }

        Span<int> counts = Size <= MaxStackRanks ? stackalloc int[Size] : new int[Size];
        for (int rank = 0; rank < Size; rank++)
        {
            counts[rank] = blockOffsets[rank + 1] - blockOffsets[rank];
            if (counts[rank] < 0)
            {
                throw new ArgumentException("The block offsets decrease.", nameof(blockOffsets));
            }
        }

        fixed (uint* data = buffer)
        fixed (int* count = counts)
        fixed (int* displacement = blockOffsets)
        {
            OpenMpi.Check(
                OpenMpi.Allgatherv(OpenMpi.InPlace, 0, _handles.UnsignedInt, data, count, displacement, _handles.UnsignedInt, _handles.CommWorld),
                "MPI_Allgatherv");
        }
    }

    private void AllGather<T>(Span<T> buffer, int blockLength, nint datatype)
        where T : unmanaged
    {
        ThrowIfDisposed();
        if ((long)blockLength * Size != buffer.Length)
        {
            throw new ArgumentException(
                $"The buffer holds {buffer.Length} elements; {Size} blocks of {blockLength} need {(long)blockLength * Size}.", nameof(buffer));
        }

        fixed (T* data = buffer)
        {
            OpenMpi.Check(OpenMpi.Allgather(OpenMpi.InPlace, 0, datatype, data, blockLength, datatype, _handles.CommWorld), "MPI_Allgather");
        }
    }

    /// <summary>Copies <paramref name="data"/> from process <paramref name="root"/> to every other, in place.</summary>
    public void Broadcast(Span<byte> data, int root)
    {
        ThrowIfDisposed();
        ArgumentOutOfRangeException.ThrowIfNegative(root);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(root, Size);
        fixed (byte* bytes = data)
        {
            for (int start = 0; start < data.Length; start += MaxCount)
            {
                int count = Math.Min(MaxCount, data.Length - start);
                OpenMpi.Check(OpenMpi.Bcast(bytes + start, count, _handles.Byte, root, _handles.CommWorld), "MPI_Bcast");
            }
        }
    }

    /// <summary>Ends MPI for this process (<c>MPI_Finalize</c>): a collective call, made by every process.</summary>
    public void Dispose()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        OpenMpi.Check(OpenMpi.Finalize(), "MPI_Finalize");
    }

    /// <summary>Up to this many processes, a call's per-process counts live on the stack.</summary>
    private const int MaxStackRanks = 256;

    /// <summary>The largest count of one MPI call.</summary>
    private const int MaxCount = int.MaxValue;

    private void ThrowIfDisposed() => ObjectDisposedException.ThrowIf(_disposed, this);
}
