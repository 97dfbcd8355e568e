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
/// The parameters and gradients live in flat buffers that this object owns, one span per declared set in its declared
/// element type (<see cref="Parameter{T}(int)"/>, <see cref="Gradient{T}(int)"/>; <see cref="Parameter(int)"/> and
/// <see cref="Gradient(int)"/> for float sets): the model reads its parameters there and writes its gradients there,
/// so a step copies nothing before or after the collectives. Every process holds every parameter; the all-gather
/// moves each set's own words (16-bit for a 16-bit set). 16-bit gradients are summed in float and the average rounded
/// to nearest once (<see cref="ShardBuffers"/>), and <see cref="Step"/> widens them in place first: a 16-bit
/// gradient span holds no gradient after a step.
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
/// <typeparam name="TOptimizer">A generated optimizer with declared sets.</typeparam>
public sealed class ShardedOptimizer<TOptimizer>
    where TOptimizer : class, ICheckpointable
{
    private readonly IPlannedOptimizer _planned;
    private readonly ShardBuffers _buffers;
    private readonly ShardedEvaluation _evaluation = new();
    private readonly double[] _blockSums;
    private readonly bool _replicated;

    /// <summary>Creates this process's shard of the optimizer <paramref name="create"/> builds.</summary>
    /// <param name="collectives">The run's processes (<c>Rlx.Optim.Mpi</c>'s <c>MpiWorld</c>).</param>
    /// <param name="create">Builds the optimizer (<c>() =&gt; new MyOptimizer()</c>): its state is created for this shard only.</param>
    /// <exception cref="NotSupportedException">
    /// The optimizer declares no sets, or a set whose rule reduces over whole rows or sets and cannot hold its whole
    /// state on every process.
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
        _buffers = new ShardBuffers(Layout, collectives.Rank, plan, _replicated);
        _blockSums = new double[Layout.Length / ShardLayout.Alignment];
    }

    /// <summary>
    /// Where the last <see cref="Step"/> spent its time, as <see cref="System.Diagnostics.Stopwatch"/> timestamps: its
    /// start, then the end of preparing the scalars, of the reduce-scatter, of this shard's norm sums, of gathering them
    /// and deciding, of the update, and of the all-gather (the collectives benchmark splits a step with them). With
    /// <see cref="ReplicatesState"/> the last two are the all-gather of the averaged gradients, then the update.
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
    /// flat parameters and gradients (floats, whatever a set's gradient type), the reduced gradient shard (none with
    /// <see cref="ReplicatesState"/>, which reduces into its own block of the gradients; and the 16-bit rounding of the
    /// shard, or of the whole gradient when replicated, for sets with 16-bit gradients) and the norm's block sums.
    /// </summary>
    public long BufferBytes => _buffers.Bytes + (sizeof(double) * (long)_blockSums.Length);

    /// <summary>Declared float set <paramref name="set"/>'s parameters (every process holds all of them).</summary>
    /// <exception cref="ArgumentException">The set's parameters are not float (use <see cref="Parameter{T}(int)"/>).</exception>
    public Span<float> Parameter(int set) => _buffers.Parameter<float>(set);

    /// <summary>Declared set <paramref name="set"/>'s parameters, of its declared element type <typeparamref name="T"/>.</summary>
    /// <exception cref="ArgumentException"><typeparamref name="T"/> is not the set's parameter type.</exception>
    public Span<T> Parameter<T>(int set)
        where T : unmanaged => _buffers.Parameter<T>(set);

    /// <summary>Declared float-gradient set <paramref name="set"/>'s gradient, written by the model before each <see cref="Step"/>.</summary>
    /// <exception cref="ArgumentException">The set's gradients are not float (use <see cref="Gradient{T}(int)"/>).</exception>
    public Span<float> Gradient(int set) => _buffers.Gradient<float>(set);

    /// <summary>
    /// Declared set <paramref name="set"/>'s gradient, of its declared element type <typeparamref name="T"/>, written
    /// by the model before each <see cref="Step"/> (a 16-bit gradient is consumed by the step).
    /// </summary>
    /// <exception cref="ArgumentException"><typeparamref name="T"/> is not the set's gradient type.</exception>
    public Span<T> Gradient<T>(int set)
        where T : unmanaged => _buffers.Gradient<T>(set);

    /// <inheritdoc cref="Parameter(int)"/>
    public Memory<float> ParameterMemory(int set) => _buffers.ParameterMemory<float>(set);

    /// <inheritdoc cref="Parameter{T}(int)"/>
    public Memory<T> ParameterMemory<T>(int set)
        where T : unmanaged => _buffers.ParameterMemory<T>(set);

    /// <inheritdoc cref="Gradient(int)"/>
    public Memory<float> GradientMemory(int set) => _buffers.GradientMemory<float>(set);

    /// <inheritdoc cref="Gradient{T}(int)"/>
    public Memory<T> GradientMemory<T>(int set)
        where T : unmanaged => _buffers.GradientMemory<T>(set);

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

    /// <summary>Whether the parameters hold Schedule-Free's evaluation parameters x (<see cref="SwapToEvaluation"/>): steps are refused.</summary>
    public bool IsEvaluating => _evaluation.IsEvaluating;

    /// <summary>
    /// Swaps every set's parameters from y to Schedule-Free's evaluation parameters x = (y − (1 − β₁)z)/β₁, made by
    /// every process together: each computes its shard's x from its z, and the parameters are all-gathered, so every
    /// process holds the whole x, the bits one process's <c>SwapToEvaluation</c> gives. Steps are refused until
    /// <see cref="SwapToTraining"/>.
    /// </summary>
    /// <exception cref="NotSupportedException">The optimizer is not Schedule-Free AdamW, or a set's parameters are not float; nothing is changed.</exception>
    /// <exception cref="InvalidOperationException">The parameters already hold x; nothing is changed.</exception>
    public void SwapToEvaluation() => _evaluation.ToEvaluation(Optimizer, _buffers, Layout, Collectives);

    /// <summary>Swaps every set's parameters back to the y they held, bit for bit, made by every process together.</summary>
    /// <exception cref="InvalidOperationException">The parameters hold y; nothing is changed.</exception>
    public void SwapToTraining() => _evaluation.ToTraining(_buffers, Layout, Collectives);

    /// <summary>Gives every process process <paramref name="root"/>'s parameters (so that all start from the same θ).</summary>
    public void BroadcastParameters(int root = 0) => Collectives.Broadcast(MemoryMarshal.AsBytes(_buffers.ParameterWords), root);

    /// <summary>
    /// One data-parallel step, made by every process together: sums every process's gradients and averages them, updates
    /// this process's shard of every set (with clipping and the non-finite check over the global norm, as the
    /// optimizer's settings say), and all-gathers the parameters. With <see cref="ReplicatesState"/> (Adafactor) it
    /// all-gathers the averaged gradients instead (a float set's <see cref="Gradient(int)"/> then holds the average), and
    /// updates every set.
    /// </summary>
    /// <returns>False when the step was skipped for a non-finite gradient (nothing changed, on any process).</returns>
    /// <exception cref="InvalidOperationException">The parameters hold the evaluation parameters (<see cref="SwapToEvaluation"/>).</exception>
    public bool Step()
    {
        if (_evaluation.IsEvaluating)
        {
            throw new InvalidOperationException("The parameters hold their evaluation parameters x (SwapToEvaluation): call SwapToTraining before stepping. Nothing was changed.");
        }

        int rank = Collectives.Rank, size = Collectives.Size, start = ShardStart, end = start + Layout.ShardLength;
        long[] times = LastStepTimestamps;
        times[0] = Stopwatch.GetTimestamp();
        StepPlan plan = _planned.Prepare().ForShards();
        times[1] = Stopwatch.GetTimestamp();

        // The average, as a single process would form it from the sum: the sum rounded, then one rounding by 1/N; a
        // 16-bit gradient summed as floats and its average rounded to its type once.
        _buffers.WidenSixteenBitGradients();
        Collectives.ReduceScatterSum(_buffers.Gradients, _buffers.GradientShard, size > 1 ? 1f / size : 1f);
        _buffers.RoundSixteenBitGradientShard(rank);
        times[2] = Stopwatch.GetTimestamp();

        float norm = float.NaN, scale = 1f;
        times[3] = times[2];
        if (GradientClipping.Measures(Optimizer.MaxGradientNorm, Optimizer.SkipNonFiniteSteps))
        {
            int blocks = Layout.ShardLength / ShardLayout.Alignment;
            plan.SumOfSquaresOfShard(_buffers.GradientOrigins, start, end, _blockSums.AsSpan(rank * blocks, blocks), Optimizer.MaxDegreeOfParallelism);
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
        if (_replicated)
        {
            UpdateEverySet(plan, scale, times);
        }
        else
        {
            UpdateShard(plan, start, end, scale, times);
        }

        _planned.CompleteStep(stepped: true, norm);
        return true;
    }

    /// <summary>This process's shard of every set, from the averaged gradient shard; then the parameters all-gathered.</summary>
    private void UpdateShard(StepPlan plan, int start, int end, float scale, long[] times)
    {
        ulong seed = Optimizer.StateTable.RoundingSeed;
        long step = Optimizer.StepCount + 1;

        // LAMB's trust ratios: each process measures its shard's blocks, and the blocks' results are exchanged.
        plan.MeasureShards(
            Collectives, _buffers.ParameterOrigins, _buffers.GradientOrigins, start, end, scale, seed, step, Optimizer.MaxDegreeOfParallelism);
        plan.RunShard(
            _buffers.ParameterOrigins, _buffers.GradientOrigins, start, end, scale, seed, step, Optimizer.MaxDegreeOfParallelism, _planned.ParallelThreshold);
        times[5] = Stopwatch.GetTimestamp();
        Collectives.AllGatherInPlace(_buffers.ParameterWords, _buffers.BlockOffsets);
        times[6] = Stopwatch.GetTimestamp();
    }

    /// <summary>Every set whole, on every process (Adafactor's replicated state), from the all-gathered averaged gradient.</summary>
    private void UpdateEverySet(StepPlan plan, float scale, long[] times)
    {
        _buffers.GatherAveragedGradients(Collectives);
        times[5] = Stopwatch.GetTimestamp();
        plan.RunReplica(
            _buffers.ParameterOrigins, _buffers.GradientOrigins, scale, Optimizer.StateTable.RoundingSeed, Optimizer.StepCount + 1,
            Optimizer.MaxDegreeOfParallelism, _planned.ParallelThreshold);
        times[6] = Stopwatch.GetTimestamp();
    }
}
