using System.ComponentModel;

namespace Rlx.Optim.CompilerServices;

/// <summary>The shard of its declared sets' state a <see cref="ParameterStateTable"/> holds in a sharded run.</summary>
/// <param name="Rank">The process whose shard it is.</param>
/// <param name="Size">Processes in the run.</param>
/// <param name="Layout">The sets' index space and its shards.</param>
[EditorBrowsable(EditorBrowsableState.Never)]
public sealed record TableShard(int Rank, int Size, ShardLayout Layout)
{
    /// <summary>
    /// Whether every process holds the declared sets' whole state (Adafactor's) and steps every set alike, rather than
    /// its slice of each.
    /// </summary>
    public bool Replicated { get; init; }
}
