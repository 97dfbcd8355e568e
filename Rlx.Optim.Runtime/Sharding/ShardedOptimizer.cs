using System;
using System.Diagnostics;
using System.Runtime.InteropServices;
using Rlx.Optim.CompilerServices;

namespace Rlx.Optim;

/// <summary>
/// A generated optimizer as one process of a data-parallel run with its state sharded (ZeRO stage 1): each of the
/// <see cref="ICollectives.Size"/> processes keeps the state of one contiguous shard of the step's index space (every
/// declared set end to end, <see cref="Layout"/>), and a step reduce-scatters the gradients (averaged), updates this
/// process's shard and all-gathers the parameters.
/// </summary>
/// <remarks>
/// <para>
/// The parameters and gradients live in two flat buffers that this object owns, one span per declared set
/// (<see cref="Parameter(int)"/>, <see cref="Gradient(int)"/>): the model reads its parameters there and writes its
/// gradients there, so a step copies nothing before or after the collectives. Every process holds every parameter.
/// </para>
/// <para>
/// Clipping and the non-finite check use the global norm: each process sums its shard's squares in the blocks a single
/// process would use, the block sums are all-gathered and added in the single process's order, so the norm, and
/// every update, has the bits of one process stepping the same averaged gradients.
/// </para>
/// <para>
/// LAMB's trust ratios are measured the same way: each process measures its shard's 4,096-element blocks of every
/// set, the blocks' Σθ² and Σu² are all-gathered, and every process adds them in one process's order. Adafactor, whose
/// reductions span whole rows and columns, keeps its whole (factored, small) state on every process instead
/// (<see cref="ReplicatesState"/>): a step all-gathers the averaged gradients in place of the parameters, and every
/// process steps every set as one process does.
/// </para>
/// </remarks>
/// <typeparam name="TOptimizer">A generated optimizer with declared float sets.</typeparam>
public sealed unsafe class ShardedOptimizer<TOptimizer>
    where TOptimizer : class, ICheckpointable
{
    private readonly IPlannedOptimizer _planned;
    private readonly float[] _parameters;
    private readonly float[] _gradients;
    private readonly float[] _gradientShard;
    private readonly double[] _blockSums;
    private readonly bool _replicated;

    /// <summary>Creates this process's shard of the optimizer <paramref name="create"/> builds.</summary>
    /// <param name="collectives">The run's processes (<c>Rlx.Optim.Mpi</c>'s <c>MpiWorld</c>).</param>
    /// <param name="create">Builds the optimizer (<c>() =&gt; new MyOptimizer()</c>): its state is created for this shard only.</param>
    /// <exception cref="NotSupportedException">
    /// The optimizer declares no sets, or a set that is not stepped as floats.
    /// </exception>
    public ShardedOptimizer(ICollectives collectives, Func<TOptimizer> create)
    {
        ArgumentNullException.ThrowIfNull(collectives);
        ArgumentNullException.ThrowIfNull(create);
        TOptimizer optimizer;
        using (StateShards.Enter(collectives.Rank, collectives.Size))
        {
            optimizer = create();
        }

        _planned = optimizer as IPlannedOptimizer
            ?? throw new NotSupportedException($"{typeof(TOptimizer).Name} declares no parameter sets: a sharded run steps declared sets only.");
        if (optimizer.StateTable.Shard is not { } shard || shard.Rank != collectives.Rank || shard.Size != collectives.Size)
        {
            throw new InvalidOperationException("The optimizer's state was not created for this process's shard: create it inside the factory.");
        }

        StepPlan plan = _planned.Prepare().ForShards();
        plan.CheckShardable();
        Optimizer = optimizer;
        Collectives = collectives;
        Layout = shard.Layout;
        _replicated = shard.Replicated;
        _parameters = GC.AllocateArray<float>(Layout.Length, pinned: true);
        _gradients = GC.AllocateArray<float>(Layout.Length, pinned: true);
        _gradientShard = GC.AllocateArray<float>(Layout.ShardLength, pinned: true);
        _blockSums = new double[Layout.Length / ShardLayout.Alignment];
    }

    /// <summary>
    /// Where the last <see cref="Step"/> spent its time, as <see cref="System.Diagnostics.Stopwatch"/> timestamps: its
    /// start, then the end of preparing the scalars, of the reduce-scatter, of this shard's norm sums, of gathering them
    /// and deciding, of the update, and of the all-gather (the collectives benchmark splits a step with them).
    /// </summary>
    internal long[] LastStepTimestamps { get; } = new long[7];

    /// <summary>The optimizer: its settings (learning rate, schedule, clipping, skip), step count and this shard's state.</summary>
    public TOptimizer Optimizer { get; }

    /// <summary>The processes of the run.</summary>
    public ICollectives Collectives { get; }

    /// <summary>Where each declared set lies in the index space, and each process's shard of it.</summary>
    public ShardLayout Layout { get; }

    /// <summary>
    /// Whether every process holds the optimizer's whole state and steps every set alike (Adafactor, whose reductions
    /// span whole rows and columns: its step all-gathers the averaged gradients instead of the parameters), rather
    /// than the state of its shard.
    /// </summary>
    public bool ReplicatesState => _replicated;

    /// <summary>This process's shard: <c>[ShardStart, ShardStart + Layout.ShardLength)</c> of the index space.</summary>
    public int ShardStart => Layout.ShardStart(Collectives.Rank);

    /// <summary>
    /// Bytes of the buffers this object holds besides the optimizer's state (<see cref="IOptimizer.StateBytes"/>): the
    /// flat parameters and gradients, the reduced gradient shard and the norm's block sums.
    /// </summary>
    public long BufferBytes => sizeof(float) * ((long)_parameters.Length + _gradients.Length + _gradientShard.Length) + sizeof(double) * (long)_blockSums.Length;

    /// <summary>Declared set <paramref name="set"/>'s parameters (every process holds all of them).</summary>
    public Span<float> Parameter(int set) => _parameters.AsSpan(Layout.OffsetOf(set), Layout.LengthOf(set));

    /// <summary>Declared set <paramref name="set"/>'s gradient, written by the model before each <see cref="Step"/>.</summary>
    public Span<float> Gradient(int set) => _gradients.AsSpan(Layout.OffsetOf(set), Layout.LengthOf(set));

    /// <inheritdoc cref="Parameter(int)"/>
    public Memory<float> ParameterMemory(int set) => _parameters.AsMemory(Layout.OffsetOf(set), Layout.LengthOf(set));

    /// <inheritdoc cref="Gradient(int)"/>
    public Memory<float> GradientMemory(int set) => _gradients.AsMemory(Layout.OffsetOf(set), Layout.LengthOf(set));

    /// <summary>The declared set called <paramref name="name"/>'s index.</summary>
    /// <exception cref="ArgumentException">No declared set has that name.</exception>
    public int IndexOf(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        for (int set = 0; set < Layout.SetCount; set++)
        {
            if (Optimizer.StateTable[set].Name == name)
            {
                return set;
            }
        }

        throw new ArgumentException($"{typeof(TOptimizer).Name} declares no parameter set '{name}'.", nameof(name));
    }

    /// <summary>
    /// Saves the whole run's optimizer state, made by every process together: one checkpoint file, the one a single
    /// process stepping the same sets would write, so a single process (<see cref="OptimizerCheckpoint.Load(ICheckpointable, string)"/>)
    /// or a run of any number of processes (<see cref="LoadCheckpoint"/>) resumes it. Every process must see the same
    /// file; it is replaced atomically. The parameters are the model's to save.
    /// </summary>
    /// <exception cref="System.IO.IOException">Writing failed on some process; any previous file is left as it was.</exception>
    public void SaveCheckpoint(string path) => ShardedCheckpoint.Save(Optimizer, Collectives, path);

    /// <summary>
    /// Replaces this shard's state with its part of a checkpoint, made by every process together: one written by a
    /// sharded run of any size, or by a single process, of the same optimizer.
    /// </summary>
    /// <exception cref="CheckpointException">The checkpoint is malformed or belongs to another optimizer; nothing is changed anywhere.</exception>
    /// <exception cref="System.IO.IOException">Reading failed on some process; nothing is changed anywhere.</exception>
    public void LoadCheckpoint(string path) => ShardedCheckpoint.Load(Optimizer, Collectives, path);

    /// <summary>Gives every process process <paramref name="root"/>'s parameters (so that all start from the same θ).</summary>
    public void BroadcastParameters(int root = 0) => Collectives.Broadcast(MemoryMarshal.AsBytes(_parameters.AsSpan()), root);

    /// <summary>
    /// One data-parallel step, made by every process together: sums every process's gradients and averages them, updates
    /// this process's shard of every set (with clipping and the non-finite check over the global norm, as the
    /// optimizer's settings say), and all-gathers the parameters. With <see cref="ReplicatesState"/> (Adafactor) it
    /// all-gathers the averaged gradients instead, into <see cref="Gradient(int)"/>, and updates every set.
    /// </summary>
    /// <returns>False when the step was skipped for a non-finite gradient (nothing changed, on any process).</returns>
    public bool Step()
    {
        int rank = Collectives.Rank, size = Collectives.Size, start = ShardStart, end = start + Layout.ShardLength;
        long[] times = LastStepTimestamps;
        times[0] = Stopwatch.GetTimestamp();
        StepPlan plan = _planned.Prepare().ForShards();
        times[1] = Stopwatch.GetTimestamp();

        // The average, as a single process would form it from the sum: the sum rounded, then one rounding by 1/N.
        Collectives.ReduceScatterSum(_gradients, _gradientShard, size > 1 ? 1f / size : 1f);
        times[2] = Stopwatch.GetTimestamp();

        float norm = float.NaN, scale = 1f;
        times[3] = times[2];
        fixed (float* gradientShard = _gradientShard)
        fixed (float* parameters = _parameters)
        {
            if (GradientClipping.Measures(Optimizer.MaxGradientNorm, Optimizer.SkipNonFiniteSteps))
            {
                int blocks = Layout.ShardLength / ShardLayout.Alignment;
                plan.SumOfSquaresOfShard((nint)gradientShard, start, end, _blockSums.AsSpan(rank * blocks, blocks), Optimizer.MaxDegreeOfParallelism);
                times[3] = Stopwatch.GetTimestamp();
                Collectives.AllGatherInPlace(_blockSums, blocks);
                double sumOfSquares = 0;
                foreach (double blockSum in _blockSums)
                {
                    sumOfSquares += blockSum;
                }

                if (!GradientClipping.Decide(sumOfSquares, Optimizer.MaxGradientNorm, Optimizer.SkipNonFiniteSteps, out norm, out scale))
                {
                    _planned.CompleteStep(stepped: false, norm);
                    return false;
                }
            }

            times[4] = Stopwatch.GetTimestamp();
            ulong seed = Optimizer.StateTable.RoundingSeed;
            long step = Optimizer.StepCount + 1;
            if (_replicated)
            {
                // Every process steps every set whole (Adafactor): from the averaged gradient, gathered in place of the parameters.
                _gradientShard.CopyTo(_gradients.AsSpan(start, Layout.ShardLength));
                Collectives.AllGatherInPlace(_gradients, Layout.ShardLength);
                fixed (float* gradients = _gradients)
                {
                    plan.RunReplica((nint)parameters, (nint)gradients, scale, seed, step, Optimizer.MaxDegreeOfParallelism, _planned.ParallelThreshold);
                }
            }
            else
            {
                // LAMB's trust ratios: each process measures its shard's blocks, and the blocks' results are exchanged.
                plan.MeasureShards(Collectives, (nint)parameters, (nint)gradientShard, start, end, scale, seed, step, Optimizer.MaxDegreeOfParallelism);
                plan.RunShard(
                    (nint)parameters, (nint)gradientShard, start, end, scale, seed, step, Optimizer.MaxDegreeOfParallelism, _planned.ParallelThreshold);
            }
        }

        times[5] = Stopwatch.GetTimestamp();
        if (!_replicated)
        {
            Collectives.AllGatherInPlace(_parameters, Layout.ShardLength);
        }

        times[6] = Stopwatch.GetTimestamp();
        _planned.CompleteStep(stepped: true, norm);
        return true;
    }
}
