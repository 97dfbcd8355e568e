using System;

namespace Rlx.Optim.CompilerServices;

/// <summary>
/// The measure passes of a plan in a sharded run (LAMB's trust ratios): each process measures the units of its own
/// shard, the units' results are exchanged, and every process ends each pass alike.
/// </summary>
public sealed unsafe partial class StepPlan
{
    private ShardMeasure? _shardMeasure;

    /// <summary>
    /// Runs the measure passes of every set of a sharded run, made by every process together: this process measures
    /// the units in <c>[shardStart, shardEnd)</c>, the results of every unit are all-gathered, and each set the shard
    /// holds part of ends the pass (<see cref="StepPlanSet.EndMeasure"/>), adding them in unit order as one process
    /// does. Since sets start on <see cref="ShardAlignment"/> boundaries, each unit (a norm block) lies in one shard,
    /// and every process gets the bits of one process measuring the whole set. The caller has prepared every set's
    /// scalars; nothing is written but the sets' own results, so <see cref="RunShard"/> follows.
    /// </summary>
    /// <param name="collectives">The run's processes; this process's shard is <c>[shardStart, shardEnd)</c>.</param>
    /// <param name="parameters">Per set, its parameter's element 0 (<see cref="ParameterTypeOf"/>).</param>
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
    internal void MeasureShards(
        ICollectives collectives, ReadOnlySpan<nint> parameters, ReadOnlySpan<nint> gradients, int shardStart, int shardEnd, float gradientScale, ulong seed, long step,
        int maxDegreeOfParallelism)
    {
        ArgumentNullException.ThrowIfNull(collectives);
        if (_measures.Length == 0)
        {
            return;
        }

        BindShard(parameters, gradients, shardStart, shardEnd, gradientScale, seed, step);
        try
        {
            ShardMeasure measure = _shardMeasure ??= new ShardMeasure(this);
            int blocks = (shardEnd - shardStart) / ShardAlignment;
            for (int pass = 0; pass < _measures.Length; pass++)
            {
                measure.Run(pass, shardStart, blocks, collectives, maxDegreeOfParallelism);
                for (int set = 0; set < _sets.Length; set++)
                {
                    if (pass < _sets[set].MeasurePasses && Overlaps(set, shardStart, shardEnd))
                    {
                        _sets[set].EndMeasure(pass);
                    }
                }
            }
        }
        finally
        {
            Unpoint();
        }
    }

    /// <summary>
    /// Every <see cref="ShardAlignment"/> block of a shard, visited across cores, each block with the set and the
    /// set's block it holds, one block per claimed unit as in <see cref="NormPass"/>.
    /// </summary>
    private abstract class ShardBlocks(StepPlan plan) : IWorkItem
    {
        private int _start;
        private int _blocks;

        public int Length => _blocks * ElementwiseDriver.ChunkGranularity;

        protected StepPlan Plan => plan;

        /// <summary>Visits the <paramref name="blocks"/> blocks from index <paramref name="start"/>.</summary>
        protected void VisitAll(int start, int blocks, int maxDegreeOfParallelism)
        {
            _start = start;
            _blocks = blocks;
            int parts = maxDegreeOfParallelism == 1
                ? 1
                : Math.Min(blocks, ElementwiseDriver.PartsFor(blocks * ShardAlignment, maxDegreeOfParallelism, WorkerPool.Shared.WorkerCount + 1));
            if (parts <= 1)
            {
                Execute(0, (nuint)Length);
            }
            else
            {
                WorkerPool.Shared.Run(this, parts);
            }
        }

        public void Execute(nuint from, nuint to)
        {
            int first = (int)(from / ElementwiseDriver.ChunkGranularity);
            int last = (int)((to + ElementwiseDriver.ChunkGranularity - 1) / ElementwiseDriver.ChunkGranularity);
            for (int block = first; block < last; block++)
            {
                (int set, int unit) = plan.BlockAt(_start + (block * ShardAlignment));
                Visit(block, set, unit);
            }
        }

        /// <summary>Block <paramref name="block"/> of the shard: set <paramref name="set"/>'s block <paramref name="unit"/>, or padding when the set is -1.</summary>
        protected abstract void Visit(int block, int set, int unit);
    }

    /// <summary>The set and the set's block at <paramref name="index"/> of a plan for shards; (-1, 0) for padding.</summary>
    private (int Set, int Block) BlockAt(int index)
    {
        // Declared sets, the only ones a sharded plan has, are never empty.
        int set = SetAt(_offsets, index);
        int within = index - _offsets[set];
        return set < _sets.Length && within < _sets[set].Length ? (set, within / ShardAlignment) : (-1, 0);
    }

    /// <summary>
    /// One measure pass over a shard: its units measured across cores, their results all-gathered (one slot of
    /// <see cref="StepPlanSet.ResultsPerBlock"/> doubles per block of the index space), then given to every set.
    /// </summary>
    private sealed class ShardMeasure : ShardBlocks
    {
        private readonly int _width;
        private double[] _results = [];
        private int _pass;
        private int _firstSlot;

        public ShardMeasure(StepPlan plan)
            : base(plan)
        {
            // CheckShardable has refused sets that measure in other units.
            foreach (StepPlanSet set in plan._sets)
            {
                _width = Math.Max(_width, set.ResultsPerBlock);
            }
        }

        public void Run(int pass, int start, int blocks, ICollectives collectives, int maxDegreeOfParallelism)
        {
            int slots = blocks * collectives.Size * _width;
            if (_results.Length != slots)
            {
                _results = new double[slots];
            }

            _pass = pass;
            _firstSlot = collectives.Rank * blocks * _width;
            VisitAll(start, blocks, maxDegreeOfParallelism);
            collectives.AllGatherInPlace(_results, blocks * _width);
            for (int block = 0; block < _results.Length / _width; block++)
            {
                (int set, int unit) = Plan.BlockAt(block * ShardAlignment);
                if (set >= 0 && pass < Plan._sets[set].MeasurePasses)
                {
                    Plan._sets[set].WriteResults(pass, unit, _results.AsSpan(block * _width, _width));
                }
            }
        }

        protected override void Visit(int block, int set, int unit)
        {
            if (set >= 0 && _pass < Plan._sets[set].MeasurePasses)
            {
                Plan._sets[set].Measure(_pass, unit);
                Plan._sets[set].ReadResults(_pass, unit, _results.AsSpan(_firstSlot + (block * _width), _width));
            }
        }
    }
}
