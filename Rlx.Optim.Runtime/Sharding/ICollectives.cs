using System;

namespace Rlx.Optim;

/// <summary>
/// The collective calls a <see cref="ShardedOptimizer{TOptimizer}"/> makes over the processes of a data-parallel run.
/// <c>Rlx.Optim.Mpi</c>'s <c>MpiWorld</c> implements it over Open MPI; the runtime itself needs no MPI.
/// </summary>
/// <remarks>
/// Every call is collective: each of the <see cref="Size"/> processes makes the same calls in the same order, with
/// buffers of the same lengths.
/// </remarks>
public interface ICollectives
{
    /// <summary>This process's rank, from 0.</summary>
    int Rank { get; }

    /// <summary>How many processes take part.</summary>
    int Size { get; }

    /// <summary>
    /// Sums <paramref name="send"/> over every process; <paramref name="receive"/> gets block <see cref="Rank"/> of the
    /// sum, each element rounded to float and then multiplied by <paramref name="scale"/> (rounded once more; 1 leaves
    /// the sum). Element i of block b must be summed in a fixed order for a run to be reproducible.
    /// </summary>
    /// <param name="send"><see cref="Size"/> blocks of <paramref name="receive"/>'s length.</param>
    /// <param name="receive">
    /// This process's block of the sum. It may be this process's own block of <paramref name="send"/> (the same
    /// memory, element for element), which an implementation reads before it writes there; no other overlap.
    /// </param>
    /// <param name="scale">The factor of the sum (1/<see cref="Size"/> for the average).</param>
    void ReduceScatterSum(ReadOnlySpan<float> send, Span<float> receive, float scale);

    /// <summary>In place: on entry block <see cref="Rank"/> holds this process's block; on return every block its owner's.</summary>
    void AllGatherInPlace(Span<float> buffer, int blockLength);

    /// <inheritdoc cref="AllGatherInPlace(Span{float}, int)"/>
    void AllGatherInPlace(Span<double> buffer, int blockLength);

    /// <summary>
    /// In place, blocks of varying lengths of 32-bit words (data of any element types, moved as bits): on entry words
    /// <c>[blockOffsets[Rank], blockOffsets[Rank + 1])</c> hold this process's block; on return every block its owner's.
    /// </summary>
    /// <param name="buffer">Every process's block, end to end.</param>
    /// <param name="blockOffsets"><see cref="Size"/> + 1 offsets, from 0, never decreasing, the last the buffer's length.</param>
    void AllGatherInPlace(Span<uint> buffer, ReadOnlySpan<int> blockOffsets);

    /// <summary>Copies <paramref name="data"/> from process <paramref name="root"/> to every other, in place.</summary>
    void Broadcast(Span<byte> data, int root);

    /// <summary>Waits until every process reaches this call.</summary>
    void Barrier();
}
