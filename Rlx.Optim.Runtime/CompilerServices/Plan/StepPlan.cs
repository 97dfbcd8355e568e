using System;
using System.ComponentModel;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace Rlx.Optim.CompilerServices;

/// <summary>
/// One step over every declared set of an optimizer as one piece of work: the sets laid end to end in one index
/// space (each starting on a 64-byte boundary of its own elements), handed to the worker pool once per pass, every
/// set through its own specialized kernel. Small sets are packed into the same claimed blocks; a core that finishes
/// early takes blocks from the others, so the pass balances itself whatever each set's bytes per element.
/// </summary>
/// <remarks>
/// <para>
/// When clipping or the non-finite check is on, a first pass reads every gradient once and sums its squares
/// (<see cref="SumOfSquares"/>), then the update scales g as it reads it (clipping's factor, PyTorch's
/// <c>clip_grad_norm_</c> rule), never writing the caller's gradients.
/// </para>
/// <para>
/// A rule that needs per-set reductions before its update (LAMB's norms, Adafactor's row and column sums) adds
/// measure passes (<see cref="StepPlanSet.MeasurePasses"/>): each pass is every such set's units as one piece of
/// work, each unit writing its own result, then each set's <see cref="StepPlanSet.EndMeasure"/> reduces them in a
/// fixed order on the calling thread.
/// </para>
/// <para>
/// Each element's arithmetic depends on that element alone, and the norm's sum on fixed blocks, never on which core
/// runs what: a step has the same bits on one core and on all, and the same as stepping the sets one by one.
/// </para>
/// </remarks>
[EditorBrowsable(EditorBrowsableState.Never)]
public sealed unsafe partial class StepPlan : IWorkItem
{
    private readonly StepPlanSet[] _sets;
    private readonly int[] _offsets;
    private readonly NormPass _norm;
    private readonly MeasurePass[] _measures;
    private readonly int _alignment;
    private readonly DisjointSpans _disjoint = new();

    /// <summary>A plan over <paramref name="sets"/>, in declaration order.</summary>
    public StepPlan(params StepPlanSet[] sets)
        : this(sets, ElementwiseDriver.ChunkGranularity)
    {
    }

    /// <summary>A plan whose sets each start on a multiple of <paramref name="alignment"/> elements.</summary>
    private StepPlan(StepPlanSet[] sets, int alignment)
    {
        ArgumentNullException.ThrowIfNull(sets);
        _sets = sets;
        _alignment = alignment;
        _offsets = new int[sets.Length + 1];
        long offset = 0;
        for (int i = 0; i < sets.Length; i++)
        {
            _offsets[i] = checked((int)offset);
            offset += ((long)sets[i].Length + alignment - 1) / alignment * alignment;
        }

        _offsets[^1] = checked((int)offset);
        _disjoint.Reset(sets.Length);
        for (int i = 0; i < sets.Length; i++)
        {
            (_disjoint.Lengths[2 * i], _disjoint.Lengths[2 * i + 1]) = ((nuint)sets[i].ParameterBytes, (nuint)sets[i].GradientBytes);
        }

        _norm = new NormPass(sets);
        _measures = MeasurePass.For(sets);
    }

    /// <summary>The global L2 norm of the gradients of the last step that measured it; NaN if it did not.</summary>
    public float GradientNorm { get; private set; } = float.NaN;

    int IWorkItem.Length => _offsets[^1];

    /// <summary>A set's part of a plan: <typeparamref name="TWide"/> and <typeparamref name="TPreferred"/> over its element types.</summary>
    /// <param name="state">The set's state.</param>
    /// <param name="masterWeights">Whether the set's 16-bit parameter is updated through its float master copy.</param>
    /// <exception cref="NotSupportedException">An element type other than float, Half or BFloat16.</exception>
    public static StepPlanSet Set<TWide, TPreferred, TScalars, TParameter, TGradient>(ParameterState state, bool masterWeights)
        where TWide : struct, IWideUpdate<TScalars>
        where TPreferred : struct, IPreferredUpdate<TScalars>
        where TScalars : unmanaged
        where TParameter : unmanaged
        where TGradient : unmanaged
    {
        ArgumentNullException.ThrowIfNull(state);
        return new KernelSet<TWide, TPreferred, TScalars, TParameter, TGradient>(state, masterWeights);
    }

    /// <summary>A span's address (for <see cref="IStepSpans.Addresses"/>): compared with others', never read through.</summary>
    public static nuint Address<T>(Span<T> span)
        where T : unmanaged =>
        (nuint)Unsafe.AsPointer(ref MemoryMarshal.GetReference(span));

    /// <summary>A read-only span's address (for <see cref="IStepSpans.Addresses"/>): compared with others', never read through.</summary>
    public static nuint Address<T>(ReadOnlySpan<T> span)
        where T : unmanaged =>
        (nuint)Unsafe.AsPointer(ref MemoryMarshal.GetReference(span));

    /// <summary>The first byte of a span (for <see cref="IStepSpans"/>).</summary>
    public static ref byte First<T>(Span<T> span)
        where T : unmanaged =>
        ref Unsafe.As<T, byte>(ref MemoryMarshal.GetReference(span));

    /// <summary>The first byte of a read-only span (for <see cref="IStepSpans"/>); only read.</summary>
    public static ref byte First<T>(ReadOnlySpan<T> span)
        where T : unmanaged =>
        ref Unsafe.As<T, byte>(ref MemoryMarshal.GetReference(span));

    /// <summary>Sets the scalars set <paramref name="set"/>'s kernel uses in the coming step.</summary>
    public void Prepare<TScalars>(int set, in TScalars scalars)
        where TScalars : unmanaged =>
        ((StepPlanSet<TScalars>)_sets[set]).Scalars = scalars;

    /// <summary>
    /// Runs one step over every set: the norm pass if clipping or the non-finite check asks for it, the measure passes
    /// of sets whose rule reduces before it updates (<see cref="StepPlanSet.MeasurePasses"/>), then the update.
    /// The caller has validated the spans and prepared every set's scalars.
    /// </summary>
    /// <param name="spans">Every declared set's θ and g, in declaration order.</param>
    /// <param name="maxGradientNorm">Clips the gradients to this global norm; null does not clip.</param>
    /// <param name="skipNonFinite">Skips the whole step if a gradient element is NaN or infinite.</param>
    /// <param name="seed">The stochastic rounding's seed.</param>
    /// <param name="step">The step the rounding draws its bits for (from 1).</param>
    /// <param name="maxDegreeOfParallelism">Cores to use; -1: all.</param>
    /// <param name="parallelThreshold">Below this many elements in all, the step stays on the calling thread.</param>
    /// <returns>Whether the step was taken: false when it was skipped, and then nothing changed.</returns>
    /// <exception cref="ArgumentException">A set's parameter shares memory with another set's parameter or gradient. Nothing was updated.</exception>
    public bool Run<TSpans>(
        scoped ref TSpans spans, float? maxGradientNorm, bool skipNonFinite, ulong seed, long step,
        int maxDegreeOfParallelism, int parallelThreshold)
        where TSpans : IStepSpans, allows ref struct
    {
        ThrowIfShards();
        RefuseSharedMemory(ref spans);
        var options = new Options(maxGradientNorm, skipNonFinite, seed, step, Parts(maxDegreeOfParallelism, parallelThreshold));
        try
        {
            return options.Parts <= 1 ? RunOnCallingThread(ref spans, in options) : PinFrom(ref spans, 0, in options);
        }
        finally
        {
            Unpoint();
        }
    }

    /// <summary>Refuses a step in which a set's parameter shares memory with another set's parameter or gradient (<see cref="DisjointSpans"/>).</summary>
    private void RefuseSharedMemory<TSpans>(scoped ref TSpans spans)
        where TSpans : IStepSpans, allows ref struct
    {
        int collections;
        do
        {
            collections = GC.CollectionCount(0);
            spans.Addresses(_disjoint.Starts);
        }
        while (collections != GC.CollectionCount(0));

        if (_disjoint.TryFindConflict(out int parameter, out int other))
        {
            throw DisjointSpans.Refusal(_sets[parameter / 2].State.Name, _sets[other / 2].State.Name, other % 2 == 1, argumentName: null);
        }
    }

    /// <summary>Forgets every set's parameter and gradient addresses once a call is done with them: they were pinned only for it.</summary>
    private void Unpoint()
    {
        foreach (StepPlanSet set in _sets)
        {
            set.Parameter = null;
            set.Gradient = null;
        }
    }

    /// <summary>
    /// The step on the calling thread alone: each set pinned only while it is read or updated, so a step of many small
    /// sets pays no deep pinning. The same sums in the same order as <see cref="RunPinned"/>, so the same bits.
    /// </summary>
    private bool RunOnCallingThread<TSpans>(scoped ref TSpans spans, in Options options)
        where TSpans : IStepSpans, allows ref struct
    {
        float scale = 1f;
        GradientNorm = float.NaN;
        if (options.Measures && !Decide(SumOfSquaresOnCallingThread(ref spans), in options, out scale))
        {
            return false;
        }

        for (int set = 0; set < _sets.Length; set++)
        {
            ref byte parameter = ref spans.Parameter(set);
            ref byte gradient = ref spans.Gradient(set);
            fixed (byte* p = &parameter)
            fixed (byte* g = &gradient)
            {
                StepPlanSet planned = _sets[set];
                planned.Parameter = p;
                planned.Gradient = g;
                planned.Bind(options.Seed, options.Step, scale);
                MeasureOnCallingThread(planned);
                planned.Execute(0, (nuint)planned.Length);
            }
        }

        return true;
    }

    /// <summary>A plan whose state is one shard's steps shard by shard only (<see cref="RunShard"/>).</summary>
    private void ThrowIfShards()
    {
        foreach (StepPlanSet set in _sets)
        {
            if (set.State.IsShard || set.State.IsReplica)
            {
                throw new InvalidOperationException(
                    $"Parameter set '{set.State.Name}' holds {(set.State.IsShard ? "one shard of its state" : "its state as one process of a sharded run")}: step the optimizer through its ShardedOptimizer.");
            }
        }
    }

    /// <summary>A bound set's measure passes, unit by unit, each ended before the next.</summary>
    private static void MeasureOnCallingThread(StepPlanSet set)
    {
        for (int pass = 0; pass < set.MeasurePasses; pass++)
        {
            for (int unit = 0, units = set.MeasureUnits(pass); unit < units; unit++)
            {
                set.Measure(pass, unit);
            }

            set.EndMeasure(pass);
        }
    }

    /// <summary>Every gradient's block sums, added in the order <see cref="NormPass"/> adds them, each set pinned in turn.</summary>
    private double SumOfSquaresOnCallingThread<TSpans>(scoped ref TSpans spans)
        where TSpans : IStepSpans, allows ref struct
    {
        double sumOfSquares = 0;
        for (int set = 0; set < _sets.Length; set++)
        {
            ref byte gradient = ref spans.Gradient(set);
            fixed (byte* g = &gradient)
            {
                _sets[set].Gradient = g;
                for (int block = 0, blocks = SumOfSquares.BlocksOf(_sets[set].Length); block < blocks; block++)
                {
                    sumOfSquares += _sets[set].SumOfSquaresOfBlock(block);
                }
            }
        }

        return sumOfSquares;
    }

    /// <summary>The first pass's outcome (<see cref="GradientClipping.Decide"/>), its norm kept for <see cref="GradientNorm"/>.</summary>
    private bool Decide(double sumOfSquares, in Options options, out float scale)
    {
        bool take = GradientClipping.Decide(sumOfSquares, options.MaxGradientNorm, options.SkipNonFinite, out float norm, out scale);
        GradientNorm = norm;
        return take;
    }

    /// <summary>Pins set <paramref name="set"/>'s spans, then the next set's, and runs the step once all are pinned.</summary>
    private bool PinFrom<TSpans>(scoped ref TSpans spans, int set, in Options options)
        where TSpans : IStepSpans, allows ref struct
    {
        if (set == _sets.Length)
        {
            return RunPinned(in options);
        }

        ref byte parameter = ref spans.Parameter(set);
        ref byte gradient = ref spans.Gradient(set);
        fixed (byte* p = &parameter)
        fixed (byte* g = &gradient)
        {
            _sets[set].Parameter = p;
            _sets[set].Gradient = g;
            return PinFrom(ref spans, set + 1, in options);
        }
    }

    /// <summary>The step across <see cref="Options.Parts"/> cores, every set pinned.</summary>
    private bool RunPinned(in Options options)
    {
        float scale = 1f;
        GradientNorm = float.NaN;
        if (options.Measures && !Decide(_norm.Run(options.Parts), in options, out scale))
        {
            return false;
        }

        RunBound(scale, options.Seed, options.Step, options.Parts);
        return true;
    }

    /// <summary>With every set pinned: binds them, runs the measure passes, then the update, on <paramref name="parts"/> cores.</summary>
    private void RunBound(float scale, ulong seed, long step, int parts)
    {
        foreach (StepPlanSet set in _sets)
        {
            set.Bind(seed, step, scale);
        }

        foreach (MeasurePass pass in _measures)
        {
            pass.Run(parts);
        }

        if (parts <= 1)
        {
            ((IWorkItem)this).Execute(0, (nuint)_offsets[^1]);
        }
        else
        {
            WorkerPool.Shared.Run(this, parts);
        }
    }

    /// <summary>
    /// Steps one set alone, as a one-set call does: its measure passes, then its update, across cores when it has at
    /// least <paramref name="parallelThreshold"/> elements. The same bits as the set's part of a whole step. The caller
    /// has validated the spans and prepared the set's scalars.
    /// </summary>
    /// <param name="set">The set, as its kernel's <c>PlanFor</c> created it.</param>
    /// <param name="parameter">θ, updated in place.</param>
    /// <param name="gradient">g, only read.</param>
    /// <param name="gradientScale">The factor g is scaled by as it is read (1: none).</param>
    /// <param name="seed">The stochastic rounding's seed.</param>
    /// <param name="step">The step the rounding draws its bits for (from 1).</param>
    /// <param name="maxDegreeOfParallelism">Cores to use; -1: all.</param>
    /// <param name="parallelThreshold">Below this many elements, the step stays on the calling thread.</param>
    public static void RunSet<TParameter, TGradient>(
        StepPlanSet set, Span<TParameter> parameter, ReadOnlySpan<TGradient> gradient, float gradientScale, ulong seed, long step,
        int maxDegreeOfParallelism, int parallelThreshold)
        where TParameter : unmanaged
        where TGradient : unmanaged
    {
        ArgumentNullException.ThrowIfNull(set);
        StepPlan alone = set.Alone ??= new StepPlan(set);
        alone.ThrowIfShards();
        fixed (TParameter* p = parameter)
        fixed (TGradient* g = gradient)
        {
            set.Parameter = (byte*)p;
            set.Gradient = (byte*)g;
            try
            {
                alone.RunBound(gradientScale, seed, step, alone.Parts(maxDegreeOfParallelism, parallelThreshold));
            }
            finally
            {
                set.Parameter = null;
                set.Gradient = null;
            }
        }
    }

    /// <summary>Updates the sets' elements that fall in <c>[start, end)</c> of the plan's index space.</summary>
    void IWorkItem.Execute(nuint start, nuint end)
    {
        int set = SetAt(_offsets, (int)start);
        for (; set < _sets.Length && (nuint)_offsets[set] < end; set++)
        {
            nuint offset = (nuint)_offsets[set];
            nuint from = start > offset ? start - offset : 0;
            nuint to = Math.Min(end - offset, (nuint)_sets[set].Length);
            if (to > from)
            {
                _sets[set].Execute(from, to);
            }
        }
    }

    /// <summary>The set whose range holds <paramref name="index"/>: the last with an offset not above it.</summary>
    private static int SetAt(int[] offsets, int index)
    {
        int found = Array.BinarySearch(offsets, 0, offsets.Length - 1, index);
        if (found < 0)
        {
            found = ~found - 1;
        }

        // Sets of length 0 share their offset with the next: start at the first of them.
        while (found > 0 && offsets[found - 1] == offsets[found])
        {
            found--;
        }

        return Math.Max(found, 0);
    }

    private int Parts(int maxDegreeOfParallelism, int parallelThreshold) =>
        Parts(_offsets[^1], maxDegreeOfParallelism, parallelThreshold);

    /// <summary>The cores a pass of <paramref name="length"/> elements is handed to: 1 below the threshold.</summary>
    private static int Parts(int length, int maxDegreeOfParallelism, int parallelThreshold)
    {
        if (maxDegreeOfParallelism == 1 || length < parallelThreshold)
        {
            return 1;
        }

        return ElementwiseDriver.PartsFor(length, maxDegreeOfParallelism, WorkerPool.Shared.WorkerCount + 1);
    }

    private readonly record struct Options(float? MaxGradientNorm, bool SkipNonFinite, ulong Seed, long Step, int Parts)
    {
        /// <summary>Whether clipping or the non-finite check needs the first pass.</summary>
        public bool Measures => GradientClipping.Measures(MaxGradientNorm, SkipNonFinite);
    }

    /// <summary>
    /// The first pass: every set's gradient in blocks of <see cref="SumOfSquares.BlockElements"/>, each block's sum
    /// kept in its own slot and the slots added in order, so the sum never depends on which core summed a block.
    /// Its index space gives each block <see cref="ElementwiseDriver.ChunkGranularity"/> units, so the pool's chunk
    /// boundaries always fall between blocks.
    /// </summary>
    private sealed class NormPass : IWorkItem
    {
        private readonly StepPlanSet[] _sets;
        private readonly int[] _firstBlocks;
        private readonly double[] _sums;

        public NormPass(StepPlanSet[] sets)
        {
            _sets = sets;
            _firstBlocks = new int[sets.Length + 1];
            for (int i = 0; i < sets.Length; i++)
            {
                _firstBlocks[i + 1] = _firstBlocks[i] + SumOfSquares.BlocksOf(sets[i].Length);
            }

            _sums = new double[_firstBlocks[^1]];
        }

        public int Length => _sums.Length * ElementwiseDriver.ChunkGranularity;

        public double Run(int parts)
        {
            parts = Math.Min(parts, _sums.Length);
            if (parts <= 1)
            {
                Execute(0, (nuint)Length);
            }
            else
            {
                WorkerPool.Shared.Run(this, parts);
            }

            double sum = 0;
            foreach (double blockSum in _sums)
            {
                sum += blockSum;
            }

            return sum;
        }

        public void Execute(nuint start, nuint end)
        {
            int first = (int)(start / ElementwiseDriver.ChunkGranularity);
            int last = (int)((end + ElementwiseDriver.ChunkGranularity - 1) / ElementwiseDriver.ChunkGranularity);
            int set = SetAt(_firstBlocks, first);
            for (int block = first; block < last; block++)
            {
                while (block >= _firstBlocks[set + 1])
                {
                    set++;
                }

                _sums[block] = _sets[set].SumOfSquaresOfBlock(block - _firstBlocks[set]);
            }
        }
    }
}
