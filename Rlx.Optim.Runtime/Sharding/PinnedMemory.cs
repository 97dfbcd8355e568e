using System;
using System.Buffers;

namespace Rlx.Optim;

/// <summary>
/// <see cref="Memory{T}"/> over a part of an array allocated pinned (a <see cref="ShardedOptimizer{TOptimizer}"/>'s
/// flat buffers, which hold sets of several element types in one array). It holds <paramref name="array"/>, so the
/// memory stays valid as long as it is reachable.
/// </summary>
internal sealed unsafe class PinnedMemory<T>(Array array, T* first, int length) : MemoryManager<T>
    where T : unmanaged
{
    /// <summary>The pinned array <c>first</c> points into, kept alive with this memory.</summary>
    public Array Array { get; } = array;

    public override Span<T> GetSpan() => new(first, length);

    public override MemoryHandle Pin(int elementIndex = 0)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(elementIndex);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(elementIndex, length);
        return new MemoryHandle(first + elementIndex);
    }

    public override void Unpin()
    {
    }

    protected override void Dispose(bool disposing)
    {
    }
}
