using System;
using System.Numerics.Tensors;

namespace Rlx.Optim.Mpi;

/// <summary>
/// A reduce-scatter as a ring of <c>MPI_Sendrecv</c> calls: in step k each rank passes its running partial sum of one
/// block to the next rank and adds its own part to the partial it receives, so after <c>size − 1</c> steps each holds
/// its block's full sum. Its scratch blocks (one to receive into; a second for the running sum from 3 ranks on) are
/// allocated once, pinned, for every later call of the same length.
/// </summary>
internal sealed unsafe class RingReduceScatter
{
    private readonly MpiWorld _world;
    private readonly float[] _incoming;
    private readonly float[]? _partial;

    public RingReduceScatter(MpiWorld world, int blockLength)
    {
        _world = world;
        BlockLength = blockLength;
        _incoming = GC.AllocateArray<float>(blockLength, pinned: true);
        _partial = world.Size > 2 ? GC.AllocateArray<float>(blockLength, pinned: true) : null;
    }

    public int BlockLength { get; }

    /// <summary>The scratch blocks' bytes.</summary>
    public long ScratchBytes => sizeof(float) * ((long)_incoming.Length + (_partial?.Length ?? 0));

    /// <summary>Block <c>rank</c> of the sum of every rank's <paramref name="send"/>, into <paramref name="receive"/>.</summary>
    public void Run(ReadOnlySpan<float> send, Span<float> receive, float scale)
    {
        int size = _world.Size, rank = _world.Rank, block = BlockLength;
        int next = (rank + 1) % size, previous = (rank + size - 1) % size;
        OpenMpi.Handles handles = _world.Handles;
        for (int k = 0; k < size - 1; k++)
        {
            // The first partial sum sent is this rank's own part of block (rank − 1), straight from the send buffer.
            fixed (float* outgoing = k == 0 ? Own(send, rank - 1) : _partial)
            fixed (float* incoming = _incoming)
            {
                OpenMpi.Check(
                    OpenMpi.Sendrecv(
                        outgoing, block, handles.Float, next, 0, incoming, block, handles.Float, previous, 0, handles.CommWorld, null),
                    "MPI_Sendrecv");
            }

            // The partial received is block (rank − k − 2)'s: this rank's part is added last, and scaled as it is written.
            if (k < size - 2)
            {
                TensorPrimitives.Add(_incoming, Own(send, rank - k - 2), _partial!);
            }
            else
            {
                TensorPrimitives.AddMultiply(_incoming, Own(send, rank - k - 2), scale, receive);
            }
        }
    }

    /// <summary>This rank's part of block <paramref name="block"/> (taken modulo the world's size).</summary>
    private ReadOnlySpan<float> Own(ReadOnlySpan<float> send, int block)
    {
        int size = _world.Size;
        return send.Slice((block % size + size) % size * BlockLength, BlockLength);
    }
}
