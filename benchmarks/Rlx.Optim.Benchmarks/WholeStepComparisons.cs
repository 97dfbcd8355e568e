using System;
using System.Collections.Generic;
using System.Linq;
using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using Rlx.Optim.Benchmarks.RawKernels;
using Rlx.Optim.CompilerServices;

namespace Rlx.Optim.Benchmarks;

/// <summary>
/// Work over every set of a declared layout laid end to end, as the runtime's <c>StepPlan</c> lays them (each set
/// from a 32-element boundary of one index space), handed to the runtime's <c>WorkerPool</c> once per pass: the pool
/// cuts the space into one home range per core and claims blocks of 16K indices, stealing across ranges. So a pass
/// here is split exactly as <c>StepAll</c>'s update is, with one hand-off, and allocates nothing.
/// </summary>
internal abstract class OverEverySet : IWorkItem
{
    private readonly int[] _offsets;

    protected OverEverySet(IReadOnlyList<int> lengths)
    {
        _offsets = new int[lengths.Count + 1];
        long offset = 0;
        for (int i = 0; i < lengths.Count; i++)
        {
            _offsets[i] = checked((int)offset);
            offset += (lengths[i] + ElementwiseDriver.ChunkGranularity - 1) / ElementwiseDriver.ChunkGranularity * ElementwiseDriver.ChunkGranularity;
            Elements += lengths[i];
        }

        _offsets[^1] = checked((int)offset);
        Lengths = lengths.ToArray();
    }

    public int Length => _offsets[^1];

    /// <summary>Elements over all sets (without the padding between them).</summary>
    public long Elements { get; }

    protected int[] Lengths { get; }

    /// <summary>
    /// How many parts <c>StepPlan</c> cuts a step of <paramref name="length"/> indices into at
    /// <paramref name="threads"/>: one below the generated optimizers' parallel threshold (65,536), else the
    /// runtime's <c>PartsFor</c> (at most one part per 16K elements).
    /// </summary>
    public static int Parts(int length, int threads) =>
        threads == 1 || length < OptimizerDefaults.ParallelThreshold
            ? 1
            : ElementwiseDriver.PartsFor(length, threads, WorkerPool.Shared.WorkerCount + 1);

    /// <summary>One pass over every set, on up to <paramref name="threads"/> cores.</summary>
    public void Run(int threads)
    {
        int parts = Parts(Length, threads);
        if (parts <= 1)
        {
            Execute(0, (nuint)Length);
        }
        else
        {
            WorkerPool.Shared.Run(this, parts);
        }
    }

    public void Execute(nuint start, nuint end)
    {
        int set = SetAt((int)start);
        for (; set < Lengths.Length && (nuint)_offsets[set] < end; set++)
        {
            nuint offset = (nuint)_offsets[set];
            nuint from = start > offset ? start - offset : 0;
            nuint to = Math.Min(end - offset, (nuint)Lengths[set]);
            if (to > from)
            {
                Update(set, from, to);
            }
        }
    }

    /// <summary>Runs elements <c>[from, to)</c> of set <paramref name="set"/>; <paramref name="from"/> is a multiple of 32.</summary>
    protected abstract void Update(int set, nuint from, nuint to);

    /// <summary>The set whose range holds <paramref name="index"/> (no set is empty here).</summary>
    private int SetAt(int index)
    {
        int found = Array.BinarySearch(_offsets, 0, _offsets.Length - 1, index);
        return Math.Max(found < 0 ? ~found - 1 : found, 0);
    }

    /// <summary>The address of a pinned tensor's first element (<see cref="PlacedStreams"/>' arrays are pinned).</summary>
    internal static unsafe float* Address(ArraySegment<float> pinned) =>
        (float*)Unsafe.AsPointer(ref MemoryMarshal.GetReference(pinned.AsSpan()));
}

/// <summary>
/// (e) PyTorch's way of clipping, before its optimizer's step: <c>torch.nn.utils.clip_grad_norm_</c> reads every
/// gradient once for the global norm, then scales every gradient in place (reads and writes g), and only then does
/// the optimizer step over the scaled gradients (here the unclipped one-pass <c>StepAll</c>). Both passes run over all
/// 148 sets at once through <see cref="OverEverySet"/> (one hand-off each, split as <c>StepAll</c> is; PyTorch splits
/// each tensor's op across its intra-op threads instead, with a hand-off per large tensor).
/// </summary>
/// <remarks>
/// The norm is the runtime's own (<c>SumOfSquares</c>: squares summed in double, in fixed 4,096-element blocks, the
/// blocks added in order), so it has the same bits as the norm <c>MaxGradientNorm</c> measures over the same
/// gradients, and (e) differs from (c) only in the passes, not in the arithmetic of the sum. The factor is PyTorch's
/// rule, min(1, max_norm / (norm + 10⁻⁶)), at max_norm = ∞: exactly 1, computed at run time (so nothing folds the
/// multiply away), so the gradients keep their values step after step. A real factor (the norm here is about 6,400)
/// applied every step would shrink them towards subnormals, which would change the update's speed; the scale pass's
/// traffic and arithmetic are the same for any factor.
/// </remarks>
internal sealed class PyTorchClipping
{
    private readonly NormPass _norm;
    private readonly ScalePass _scale;

    public PyTorchClipping(ArraySegment<float>[] gradients)
    {
        int[] lengths = gradients.Select(g => g.Count).ToArray();
        _norm = new NormPass(gradients, lengths);
        _scale = new ScalePass(gradients, lengths);
    }

    /// <summary>PyTorch's <c>max_norm</c>: ∞, so the factor is exactly 1.</summary>
    public float MaxNorm { get; } = float.PositiveInfinity;

    /// <summary>The global norm of the last <see cref="Run"/>.</summary>
    public float Norm { get; private set; } = float.NaN;

    /// <summary>The factor the last <see cref="Run"/> scaled the gradients by.</summary>
    public float Factor { get; private set; } = float.NaN;

    public long Elements => _scale.Elements;

    /// <summary>The norm pass, then the scale pass, each over every set on up to <paramref name="threads"/> cores.</summary>
    public void Run(int threads)
    {
        Norm = (float)Math.Sqrt(SumOfSquaresOf(threads));
        Factor = GradientClipping.Coefficient(MaxNorm, Norm);
        ScaleBy(Factor, threads);
    }

    /// <summary>The norm pass alone: the sum of every gradient element's square.</summary>
    public double SumOfSquaresOf(int threads) => _norm.Run(threads);

    /// <summary>The scale pass alone: every gradient element multiplied by <paramref name="factor"/> in place.</summary>
    public void ScaleBy(float factor, int threads)
    {
        _scale.Factor = factor;
        _scale.Run(threads);
    }

    /// <summary>
    /// Every set's gradient in blocks of <c>SumOfSquares.BlockElements</c>, each block's sum in its own slot, the slots
    /// added in order (as <c>StepPlan</c>'s norm pass): each block gets 32 indices, so the pool's chunk boundaries
    /// always fall between blocks.
    /// </summary>
    private sealed unsafe class NormPass : IWorkItem
    {
        private readonly IntPtr[] _gradients;
        private readonly int[] _lengths;
        private readonly int[] _firstBlocks;
        private readonly double[] _sums;
        private readonly int _planLength;

        public NormPass(ArraySegment<float>[] gradients, int[] lengths)
        {
            _gradients = gradients.Select(g => (IntPtr)OverEverySet.Address(g)).ToArray();
            _lengths = lengths;
            _firstBlocks = new int[lengths.Length + 1];
            long planLength = 0;
            for (int i = 0; i < lengths.Length; i++)
            {
                _firstBlocks[i + 1] = _firstBlocks[i] + SumOfSquares.BlocksOf(lengths[i]);
                planLength += (lengths[i] + ElementwiseDriver.ChunkGranularity - 1) / ElementwiseDriver.ChunkGranularity * ElementwiseDriver.ChunkGranularity;
            }

            _sums = new double[_firstBlocks[^1]];
            _planLength = checked((int)planLength);
        }

        public int Length => _sums.Length * ElementwiseDriver.ChunkGranularity;

        public double Run(int threads)
        {
            // As StepPlan: the parts of the whole step, at most one per block.
            int parts = Math.Min(OverEverySet.Parts(_planLength, threads), _sums.Length);
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
            int found = Array.BinarySearch(_firstBlocks, 0, _firstBlocks.Length - 1, first);
            int set = Math.Max(found < 0 ? ~found - 1 : found, 0);
            for (int block = first; block < last; block++)
            {
                while (block >= _firstBlocks[set + 1])
                {
                    set++;
                }

                _sums[block] = SumOfSquares.OfBlock(ref *(float*)_gradients[set], _lengths[set], block - _firstBlocks[set]);
            }
        }
    }

    /// <summary>g ← g × factor over every set, in place: 512-bit vectors where the generated kernels use them.</summary>
    private sealed unsafe class ScalePass : OverEverySet
    {
        private readonly IntPtr[] _gradients;

        public ScalePass(ArraySegment<float>[] gradients, int[] lengths)
            : base(lengths) =>
            _gradients = gradients.Select(g => (IntPtr)Address(g)).ToArray();

        public float Factor { get; set; } = 1f;

        protected override void Update(int set, nuint from, nuint to)
        {
            ref float g = ref *(float*)_gradients[set];
            float factor = Factor;
            nuint i = from;
            if (KernelWidth.Uses512Bits)
            {
                Vector512<float> f = Vector512.Create(factor);
                for (; to - i >= (nuint)Vector512<float>.Count; i += (nuint)Vector512<float>.Count)
                {
                    (Vector512.LoadUnsafe(ref g, i) * f).StoreUnsafe(ref g, i);
                }
            }

            var fv = new Vector<float>(factor);
            for (; to - i >= (nuint)Vector<float>.Count; i += (nuint)Vector<float>.Count)
            {
                Vector.StoreUnsafe(Vector.LoadUnsafe(ref g, i) * fv, ref g, i);
            }

            for (; i < to; i++)
            {
                Unsafe.Add(ref g, i) *= factor;
            }
        }
    }
}

/// <summary>
/// (f) The bandwidth probe over the same bytes as the step: <see cref="ProbeKernel"/> (reads θ, g, m, v, writes θ,
/// m, v, no arithmetic: 28 bytes per element as float Adam) over every one of the layout's sets, on buffers of its
/// own of the same lengths (it stores bit patterns: θ gets v, m gets g, v gets p | m, often NaN or ∞, so never the
/// optimizer's). θ and g are placed as the fixture's (<see cref="PlacedStreams"/>), m and v at the same page offsets as
/// the optimizer's own m and v of the same set. One pass over every set through <see cref="OverEverySet"/>: one
/// hand-off, split into the same parts and blocks as <c>StepAll</c>'s update.
/// </summary>
internal sealed unsafe class ProbeOverSets : OverEverySet
{
    private readonly IntPtr[] _p, _g, _m, _v;

    public ProbeOverSets(IOptimizer optimizer, Random random)
        : base(optimizer.States.Select(s => s.Length).ToArray())
    {
        IReadOnlyList<ParameterState> states = optimizer.States;
        Parameters = new ArraySegment<float>[states.Count];
        Gradients = new ArraySegment<float>[states.Count];
        FirstMoments = new ArraySegment<float>[states.Count];
        SecondMoments = new ArraySegment<float>[states.Count];
        for (int k = 0; k < states.Count; k++)
        {
            ParameterState state = states[k];
            if (state.Buffers.Count != 2 || state.Buffer(0).Length != state.Length || state.Buffer(1).Length != state.Length)
            {
                throw new InvalidOperationException($"Set '{state.Name}' does not hold two state buffers of its length (float Adam's m and v).");
            }

            Parameters[k] = PlacedStreams.Filled(PlacedStreams.Parameter, random, state.Length);
            Gradients[k] = PlacedStreams.Filled(PlacedStreams.Gradient, random, state.Length);
            FirstMoments[k] = PlacedStreams.ZeroedAt(PlacedStreams.PageOffset(state.Buffer(0)), state.Length);
            SecondMoments[k] = PlacedStreams.ZeroedAt(PlacedStreams.PageOffset(state.Buffer(1)), state.Length);
        }

        _p = Parameters.Select(a => (IntPtr)Address(a)).ToArray();
        _g = Gradients.Select(a => (IntPtr)Address(a)).ToArray();
        _m = FirstMoments.Select(a => (IntPtr)Address(a)).ToArray();
        _v = SecondMoments.Select(a => (IntPtr)Address(a)).ToArray();
    }

    public ArraySegment<float>[] Parameters { get; }

    public ArraySegment<float>[] Gradients { get; }

    public ArraySegment<float>[] FirstMoments { get; }

    public ArraySegment<float>[] SecondMoments { get; }

    protected override void Update(int set, nuint from, nuint to) =>
        UpdateKernels.RunRange<ProbeKernel, NoScalars>(
            default,
            ref *(float*)_p[set],
            ref *(float*)_g[set],
            ref *(float*)_m[set],
            ref *(float*)_v[set],
            ref Unsafe.NullRef<float>(),
            from,
            to);
}

/// <summary>
/// (g)'s first pass: every element of the probe's gradients read once and added up in float, 512-bit vectors where the
/// generated kernels use them, nothing else (the cheapest full read of g). With (f) after it, it is what memory allows
/// for a step that reads g once more before it starts, as clipping's norm pass does.
/// </summary>
internal sealed unsafe class ReadProbe : OverEverySet
{
    private readonly IntPtr[] _g;
    private readonly long[] _read;
    private readonly float[] _sums;

    public ReadProbe(ArraySegment<float>[] gradients)
        : base(gradients.Select(g => g.Count).ToArray())
    {
        _g = gradients.Select(g => (IntPtr)Address(g)).ToArray();
        _read = new long[gradients.Length];
        _sums = new float[gradients.Length];
    }

    /// <summary>Elements read from each set since the last <see cref="ClearCounts"/>.</summary>
    public IReadOnlyList<long> Read => _read;

    public void ClearCounts() => Array.Clear(_read);

    protected override void Update(int set, nuint from, nuint to)
    {
        ref float g = ref *(float*)_g[set];
        nuint i = from;
        float sum = 0;
        if (KernelWidth.Uses512Bits)
        {
            Vector512<float> a0 = default, a1 = default;
            for (; to - i >= 32; i += 32)
            {
                a0 += Vector512.LoadUnsafe(ref g, i);
                a1 += Vector512.LoadUnsafe(ref g, i + 16);
            }

            sum = Vector512.Sum(a0 + a1);
        }

        Vector<float> a = default;
        for (; to - i >= (nuint)Vector<float>.Count; i += (nuint)Vector<float>.Count)
        {
            a += Vector.LoadUnsafe(ref g, i);
        }

        sum += Vector.Sum(a);
        for (; i < to; i++)
        {
            sum += Unsafe.Add(ref g, i);
        }

        // Kept, so the loads are not removed; a race between two chunks of one set only loses a sum nobody reads.
        _sums[set] = sum;
        System.Threading.Interlocked.Add(ref _read[set], (long)(to - from));
    }
}
