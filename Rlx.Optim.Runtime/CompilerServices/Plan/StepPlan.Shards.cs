using System;

namespace Rlx.Optim.CompilerServices;

/// <summary>
/// A plan's part in data-parallel training with sharded state (ZeRO stage 1): each process updates one contiguous
/// shard of the plan's index space, its gradient the reduced shard of every process's gradients.
/// </summary>
public sealed unsafe partial class StepPlan
{
    /// <summary>
    /// Every set of a plan for shards starts on a multiple of this many elements, and every shard boundary falls on
    /// one: so each of the norm's blocks (<see cref="SumOfSquares.BlockElements"/>) lies in one shard, and the norm has
    /// the same bits on any number of processes.
    /// </summary>
    public const int ShardAlignment = SumOfSquares.BlockElements;

    private StepPlan? _forShards;
    private ShardNorm? _shardNorm;
    private Shard? _shard;

    /// <summary>Elements of the plan's index space: every set's, each padded to its alignment.</summary>
    public int FlatLength => _offsets[^1];

    /// <summary>Declared sets in the plan.</summary>
    public int SetCount => _sets.Length;

    /// <summary>Where set <paramref name="set"/> starts in the plan's index space.</summary>
    public int OffsetOf(int set) => _offsets[set];

    /// <summary>Elements of set <paramref name="set"/>.</summary>
    public int LengthOf(int set) => _sets[set].Length;

    /// <summary>This plan's sets laid out for shards: each on a multiple of <see cref="ShardAlignment"/>. Created once.</summary>
    public StepPlan ForShards() => _forShards ??= new StepPlan(_sets, ShardAlignment);

    /// <summary>
    /// Throws unless every set can be stepped in a sharded run: a rule that is elementwise, or measures in the norm's
    /// blocks (LAMB: <see cref="MeasureShards"/>), or whose state every process holds whole (Adafactor's:
    /// <see cref="RunReplica"/>). Parameters and gradients of every element type shard.
    /// </summary>
    /// <exception cref="NotSupportedException">A set that cannot.</exception>
    public void CheckShardable()
    {
        foreach (StepPlanSet set in _sets)
        {
            if (set.MeasurePasses > 0 && set.ResultsPerBlock == 0 && !set.State.IsReplica)
            {
                throw new NotSupportedException(
                    $"Parameter set '{set.State.Name}' reduces over whole rows or sets before its update: a sharded run steps it only with its whole state on every process.");
            }
        }
    }

    /// <summary>Set <paramref name="set"/>'s parameter element type (float, Half or BFloat16).</summary>
    internal Type ParameterTypeOf(int set) => _sets[set].ParameterType;

    /// <summary>Set <paramref name="set"/>'s gradient element type (float, Half or BFloat16).</summary>
    internal Type GradientTypeOf(int set) => _sets[set].GradientType;

    /// <summary>
    /// The sums of the squares of a shard's gradient, one per <see cref="ShardAlignment"/> block of
    /// <c>[shardStart, shardEnd)</c> (0 for a block of padding), each summed as <see cref="NormPass"/> sums it.
    /// </summary>
    /// <param name="gradients">
    /// Per set, where its gradient's element 0 is, or would be (<see cref="GradientTypeOf"/>): only the elements in
    /// the shard are read.
    /// </param>
    /// <param name="shardStart">The shard's first index, a multiple of <see cref="ShardAlignment"/>.</param>
    /// <param name="shardEnd">Its end, a multiple of <see cref="ShardAlignment"/>.</param>
    /// <param name="blockSums">One slot per block.</param>
    /// <param name="maxDegreeOfParallelism">Cores to use; -1: all.</param>
    public void SumOfSquaresOfShard(ReadOnlySpan<nint> gradients, int shardStart, int shardEnd, Span<double> blockSums, int maxDegreeOfParallelism)
    {
        CheckShard(shardStart, shardEnd);
        CheckOrigins(gradients, nameof(gradients));
        if (blockSums.Length != (shardEnd - shardStart) / ShardAlignment)
        {
            throw new ArgumentException($"A shard of {shardEnd - shardStart} elements has {(shardEnd - shardStart) / ShardAlignment} blocks.", nameof(blockSums));
        }

        PointGradients(gradients);
        _shardNorm ??= new ShardNorm(this);
        _shardNorm.Run(shardStart, blockSums.Length, maxDegreeOfParallelism);
        _shardNorm.Sums.AsSpan(0, blockSums.Length).CopyTo(blockSums);
    }

    /// <summary>
    /// Updates the elements of every set that fall in <c>[shardStart, shardEnd)</c> of the index space. The caller has
    /// prepared every set's scalars, and run the measure passes of a rule that has them (<see cref="MeasureShards"/>).
    /// </summary>
    /// <param name="parameters">Per set, its parameter's element 0 (<see cref="ParameterTypeOf"/>): every process holds every parameter.</param>
    /// <param name="gradients">
    /// Per set, where its reduced gradient's element 0 is, or would be (<see cref="GradientTypeOf"/>): only the
    /// elements in the shard are read.
    /// </param>
    /// <param name="shardStart">The shard's first index, a multiple of <see cref="ShardAlignment"/>.</param>
    /// <param name="shardEnd">Its end, a multiple of <see cref="ShardAlignment"/>.</param>
    /// <param name="gradientScale">The factor g is scaled by as it is read (clipping's; 1: none).</param>
    /// <param name="seed">The stochastic rounding's seed.</param>
    /// <param name="step">The step the rounding draws its bits for (from 1).</param>
    /// <param name="maxDegreeOfParallelism">Cores to use; -1: all.</param>
    /// <param name="parallelThreshold">Below this many elements in the shard, the update stays on the calling thread.</param>
    public void RunShard(
        ReadOnlySpan<nint> parameters, ReadOnlySpan<nint> gradients, int shardStart, int shardEnd, float gradientScale, ulong seed, long step,
        int maxDegreeOfParallelism, int parallelThreshold)
    {
        BindShard(parameters, gradients, shardStart, shardEnd, gradientScale, seed, step);
        try
        {
            Shard shard = _shard ??= new Shard(this);
            shard.Start = shardStart;
            shard.End = shardEnd;
            int length = shardEnd - shardStart;
            int parts = Parts(length, maxDegreeOfParallelism, parallelThreshold);
            if (parts <= 1)
            {
                shard.Execute(0, (nuint)length);
            }
            else
            {
                WorkerPool.Shared.Run(shard, parts);
            }
        }
        finally
        {
            Unpoint();
        }
    }

    private void CheckShard(int shardStart, int shardEnd)
    {
        if (_alignment % ShardAlignment != 0)
        {
            throw new InvalidOperationException("Shards step a plan laid out for them: use ForShards().");
        }

        if (shardStart < 0 || shardEnd < shardStart || shardStart % ShardAlignment != 0 || shardEnd % ShardAlignment != 0)
        {
            throw new ArgumentException($"A shard [{shardStart}, {shardEnd}) must start and end on multiples of {ShardAlignment}.");
        }
    }

    /// <summary>Points every set at its parameter and gradient, and binds the sets the shard holds part of.</summary>
    private void BindShard(
        ReadOnlySpan<nint> parameters, ReadOnlySpan<nint> gradients, int shardStart, int shardEnd, float gradientScale, ulong seed, long step)
    {
        CheckShard(shardStart, shardEnd);
        CheckOrigins(parameters, nameof(parameters));
        CheckOrigins(gradients, nameof(gradients));
        PointGradients(gradients);
        for (int set = 0; set < _sets.Length; set++)
        {
            _sets[set].Parameter = (byte*)parameters[set];
            if (Overlaps(set, shardStart, shardEnd))
            {
                _sets[set].Bind(seed, step, gradientScale);
            }
        }
    }

    private void CheckOrigins(ReadOnlySpan<nint> origins, string name)
    {
        if (origins.Length != _sets.Length)
        {
            throw new ArgumentException($"{origins.Length} addresses for a plan of {_sets.Length} sets.", name);
        }
    }

    /// <summary>Each set's gradient pointer: a raw address, dereferenced only inside the shard.</summary>
    private void PointGradients(ReadOnlySpan<nint> gradients)
    {
        for (int set = 0; set < _sets.Length; set++)
        {
            _sets[set].Gradient = (byte*)gradients[set];
        }
    }

    private bool Overlaps(int set, int start, int end) =>
        _sets[set].Length > 0 && _offsets[set] < end && _offsets[set] + _sets[set].Length > start;

    /// <summary>The update over one shard: the plan's own work, its indices shifted to the shard's start.</summary>
    private sealed class Shard(StepPlan plan) : IWorkItem
    {
        public int Start { get; set; }

        public int End { get; set; }

        public int Length => End - Start;

        public void Execute(nuint from, nuint to) => ((IWorkItem)plan).Execute(from + (nuint)Start, to + (nuint)Start);
    }

    /// <summary>A shard's block sums, one block per claimed unit as in <see cref="NormPass"/>.</summary>
    private sealed class ShardNorm(StepPlan plan) : ShardBlocks(plan)
    {
        public double[] Sums { get; private set; } = [];

        public void Run(int start, int blocks, int maxDegreeOfParallelism)
        {
            if (Sums.Length < blocks)
            {
                Sums = new double[blocks];
            }

            VisitAll(start, blocks, maxDegreeOfParallelism);
        }

        protected override void Visit(int block, int set, int unit) =>
            Sums[block] = set < 0 ? 0 : Plan._sets[set].SumOfSquaresOfBlock(unit);
    }
}
