using System;

namespace Rlx.Optim;

/// <summary>
/// How a sharded run cuts the step's index space: every declared set end to end, each starting on a multiple of
/// <see cref="Alignment"/> elements, padded to <see cref="Size"/> equal shards; shard r is
/// <c>[r·ShardLength, (r + 1)·ShardLength)</c>.
/// </summary>
public sealed class ShardLayout
{
    /// <summary>Every set and shard starts on a multiple of this many elements (the norm's block).</summary>
    public const int Alignment = CompilerServices.StepPlan.ShardAlignment;

    private readonly int[] _offsets;
    private readonly int[] _lengths;

    /// <summary>A layout of sets of <paramref name="setLengths"/> elements, in order, over <paramref name="size"/> shards.</summary>
    /// <exception cref="ArgumentOutOfRangeException">No shard, or an index space beyond <see cref="int.MaxValue"/> elements.</exception>
    public ShardLayout(ReadOnlySpan<int> setLengths, int size)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(size, 1);
        _offsets = new int[setLengths.Length];
        _lengths = setLengths.ToArray();
        long offset = 0;
        for (int i = 0; i < setLengths.Length; i++)
        {
            ArgumentOutOfRangeException.ThrowIfNegative(setLengths[i]);
            _offsets[i] = (int)Math.Min(offset, int.MaxValue);
            offset += ((long)setLengths[i] + Alignment - 1) / Alignment * Alignment;
        }

        long shard = (offset + ((long)size * Alignment) - 1) / ((long)size * Alignment) * Alignment;
        if (shard * size > int.MaxValue)
        {
            throw new ArgumentOutOfRangeException(nameof(setLengths), $"The sets' index space of {offset} elements, padded to {size} shards, passes int.MaxValue.");
        }

        Size = size;
        SetsLength = (int)offset;
        ShardLength = (int)shard;
    }

    /// <summary>Processes (shards).</summary>
    public int Size { get; }

    /// <summary>Declared sets.</summary>
    public int SetCount => _offsets.Length;

    /// <summary>The sets' elements, each padded to <see cref="Alignment"/>.</summary>
    public int SetsLength { get; }

    /// <summary>Elements of one shard (a multiple of <see cref="Alignment"/>; the last shards' ends hold padding).</summary>
    public int ShardLength { get; }

    /// <summary>Elements of the whole padded index space: <see cref="Size"/> shards.</summary>
    public int Length => ShardLength * Size;

    /// <summary>Where set <paramref name="set"/> starts in the index space.</summary>
    public int OffsetOf(int set) => _offsets[set];

    /// <summary>Elements of set <paramref name="set"/>.</summary>
    public int LengthOf(int set) => _lengths[set];

    /// <summary>Shard <paramref name="rank"/>'s first index.</summary>
    public int ShardStart(int rank) => rank * ShardLength;

    /// <summary>
    /// The part of set <paramref name="set"/> that shard <paramref name="rank"/> holds: its first element within the
    /// set and its length (0 when none).
    /// </summary>
    public (int Start, int Length) SliceOf(int set, int rank)
    {
        int start = ShardStart(rank), end = start + ShardLength;
        int from = Math.Max(start, _offsets[set]), to = Math.Min(end, _offsets[set] + _lengths[set]);
        return to > from ? (from - _offsets[set], to - from) : (0, 0);
    }
}
