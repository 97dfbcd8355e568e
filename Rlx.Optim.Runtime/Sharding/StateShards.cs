using System;
using System.ComponentModel;

namespace Rlx.Optim.CompilerServices;

/// <summary>
/// While a scope is open on a thread, the state tables that thread creates hold one shard of their declared sets'
/// state (<see cref="ShardedOptimizer{TOptimizer}"/> opens one around constructing its optimizer), so a sharded
/// optimizer never allocates the state of the other shards.
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public static class StateShards
{
    [ThreadStatic]
    private static (int Rank, int Size)? t_current;

    /// <summary>The shard state tables created on this thread now hold, if a scope is open.</summary>
    internal static (int Rank, int Size)? Current => t_current;

    /// <summary>Opens a scope: state tables created on this thread until it is disposed hold shard <paramref name="rank"/> of <paramref name="size"/>.</summary>
    public static Scope Enter(int rank, int size)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(size, 1);
        ArgumentOutOfRangeException.ThrowIfNegative(rank);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(rank, size);
        if (t_current is not null)
        {
            throw new InvalidOperationException("A state shard scope is already open on this thread.");
        }

        t_current = (rank, size);
        return default;
    }

    /// <summary>Closes the scope <see cref="Enter"/> opened.</summary>
    public readonly struct Scope : IDisposable
    {
        /// <summary>Closes the scope.</summary>
        public void Dispose() => t_current = null;
    }
}
