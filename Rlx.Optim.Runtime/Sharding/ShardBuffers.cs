using System;
using System.Runtime.InteropServices;
using Rlx.Optim.CompilerServices;

namespace Rlx.Optim;

/// <summary>
/// The flat buffers of a <see cref="ShardedOptimizer{TOptimizer}"/>, each set in its declared element type: the
/// parameters (every process holds all of them), the gradients the model writes, the reduced gradient shard, and the
/// addresses of each set's element 0 in them that the plan's shard calls take.
/// </summary>
/// <remarks>
/// <para>
/// The parameters are one buffer of 32-bit words: the index space (<see cref="ShardLayout"/>) mapped set by set, each
/// set's elements (and its padding up to the next set, or to the index space's end for the last set) at its own
/// element size, so sets of one element type give every shard the same words. Sets and shards start on multiples of <see cref="ShardLayout.Alignment"/> elements, so on whole words; the
/// mapping only grows, so each shard's parameters are one contiguous range of words (<see cref="BlockOffsets"/>),
/// which the all-gather moves as they are: two 16-bit values per word for a 16-bit set.
/// </para>
/// <para>
/// The gradients are floats over the whole index space, the reduce-scatter's input. A set declared with 16-bit
/// gradients is written as 16-bit values into the first half of its float range and widened in place (exactly)
/// before the reduce-scatter, so the sum is formed in float as for a float set; this process's averaged shard of such
/// a set is then rounded to nearest (ties to even) into a 16-bit shard, which its kernel reads.
/// </para>
/// <para>
/// A run whose state every process holds whole (Adafactor's) steps every set from the whole averaged gradient: each
/// process reduces into its own block of the float gradients (the reduce-scatter's receive block is its block of the
/// send buffer, so no shard buffer and no copy), the blocks are all-gathered in place, and a 16-bit set's average is
/// rounded to nearest into a whole 16-bit buffer, as its shard would be (<see cref="GatherAveragedGradients"/>).
/// </para>
/// </remarks>
internal sealed unsafe class ShardBuffers
{
    private readonly ShardLayout _layout;
    private readonly Type[] _parameterTypes;
    private readonly Type[] _gradientTypes;
    private readonly int[] _parameterOffsets;
    private readonly int[] _blockOffsets;
    private readonly uint[] _parameters;
    private readonly float[] _gradients;
    private readonly float[] _gradientShard;
    private readonly int _shardStart;
    private readonly bool _replicated;
    private readonly ushort[] _sixteenBitGradients;
    private readonly nint[] _parameterOrigins;
    private readonly nint[] _gradientOrigins;

    public ShardBuffers(ShardLayout layout, int rank, StepPlan plan, bool replicated)
    {
        _layout = layout;
        int sets = layout.SetCount;
        _parameterTypes = new Type[sets];
        _gradientTypes = new Type[sets];
        _parameterOffsets = new int[sets + 1];
        bool sixteenBitGradients = false;
        for (int set = 0; set < sets; set++)
        {
            _parameterTypes[set] = plan.ParameterTypeOf(set);
            _gradientTypes[set] = plan.GradientTypeOf(set);
            sixteenBitGradients |= _gradientTypes[set] != typeof(float);
            long bytes = (long)(PaddedEnd(set) - layout.OffsetOf(set)) * SizeOf(_parameterTypes[set]);
            _parameterOffsets[set + 1] = checked(_parameterOffsets[set] + (int)(bytes / sizeof(uint)));
        }

        _blockOffsets = new int[layout.Size + 1];
        for (int r = 0; r <= layout.Size; r++)
        {
            _blockOffsets[r] = ParameterWordOf(r * (long)layout.ShardLength);
        }

        _parameters = GC.AllocateArray<uint>(_parameterOffsets[sets], pinned: true);
        _gradients = GC.AllocateArray<float>(layout.Length, pinned: true);
        _shardStart = layout.ShardStart(rank);
        _replicated = replicated;

        // The kernels read the reduced gradients from buffers of the shard's length, starting at the shard; a
        // replicated run instead reduces into its own block of the whole gradients, which the all-gather completes,
        // and rounds its 16-bit averages within a 16-bit buffer of the whole index space.
        _gradientShard = replicated ? [] : GC.AllocateArray<float>(layout.ShardLength, pinned: true);
        _sixteenBitGradients = sixteenBitGradients ? GC.AllocateArray<ushort>(replicated ? layout.Length : layout.ShardLength, pinned: true) : [];
        float* floats = (float*)AddressOf(replicated ? _gradients : _gradientShard);
        ushort* words = (ushort*)AddressOf(_sixteenBitGradients);
        int first = replicated ? 0 : _shardStart;
        _parameterOrigins = new nint[sets];
        _gradientOrigins = new nint[sets];
        for (int set = 0; set < sets; set++)
        {
            _parameterOrigins[set] = (nint)((uint*)AddressOf(_parameters) + _parameterOffsets[set]);

            // Where the set's element 0 is, or would be, in the buffer: only the shard's own elements are read.
            long at = (long)layout.OffsetOf(set) - first;
            _gradientOrigins[set] = _gradientTypes[set] == typeof(float) ? (nint)(floats + at) : (nint)(words + at);
        }
    }

    /// <summary>Every process's parameters as words, each shard's at <see cref="BlockOffsets"/>.</summary>
    public Span<uint> ParameterWords => _parameters;

    /// <summary>Shard r's parameters are words <c>[BlockOffsets[r], BlockOffsets[r + 1])</c> of <see cref="ParameterWords"/>.</summary>
    public ReadOnlySpan<int> BlockOffsets => _blockOffsets;

    /// <summary>Every process's gradients as floats: the reduce-scatter's input.</summary>
    public ReadOnlySpan<float> Gradients => _gradients;

    /// <summary>
    /// This process's block of the averaged gradients: a buffer of its own, or, in a replicated run, its own block of
    /// <see cref="Gradients"/> (the reduce-scatter then receives into its own block of what it sends).
    /// </summary>
    public Span<float> GradientShard => _replicated ? _gradients.AsSpan(_shardStart, _layout.ShardLength) : _gradientShard;

    /// <summary>Per set, its parameter's element 0.</summary>
    public ReadOnlySpan<nint> ParameterOrigins => _parameterOrigins;

    /// <summary>
    /// Per set, where its reduced gradient's element 0 is, or would be: in this process's shard, which is all a
    /// sharded step reads, or, in a replicated run, in the whole averaged gradient (<see cref="GatherAveragedGradients"/>).
    /// </summary>
    public ReadOnlySpan<nint> GradientOrigins => _gradientOrigins;

    /// <summary>Bytes of every buffer.</summary>
    public long Bytes =>
        (sizeof(uint) * _parameters.LongLength) + (sizeof(float) * ((long)_gradients.Length + _gradientShard.Length))
        + (sizeof(ushort) * (long)_sixteenBitGradients.Length);

    /// <summary>Whether set <paramref name="set"/>'s parameters are float.</summary>
    public bool HoldsFloatParameters(int set) => _parameterTypes[set] == typeof(float);

    /// <summary>Set <paramref name="set"/>'s parameter.</summary>
    /// <exception cref="ArgumentException"><typeparamref name="T"/> is not the set's parameter element type.</exception>
    public Span<T> Parameter<T>(int set)
        where T : unmanaged
    {
        Require<T>(set, _parameterTypes, "parameters", "Parameter");
        return MemoryMarshal.Cast<uint, T>(_parameters.AsSpan(_parameterOffsets[set], _parameterOffsets[set + 1] - _parameterOffsets[set]))[.._layout.LengthOf(set)];
    }

    /// <summary>Set <paramref name="set"/>'s gradient, as the model writes it.</summary>
    /// <exception cref="ArgumentException"><typeparamref name="T"/> is not the set's gradient element type.</exception>
    public Span<T> Gradient<T>(int set)
        where T : unmanaged
    {
        Require<T>(set, _gradientTypes, "gradients", "Gradient");
        return MemoryMarshal.Cast<float, T>(_gradients.AsSpan(_layout.OffsetOf(set), _layout.LengthOf(set)))[.._layout.LengthOf(set)];
    }

    /// <inheritdoc cref="Parameter{T}(int)"/>
    public Memory<T> ParameterMemory<T>(int set)
        where T : unmanaged
    {
        Span<T> span = Parameter<T>(set);
        return new PinnedMemory<T>(_parameters, (T*)((uint*)AddressOf(_parameters) + _parameterOffsets[set]), span.Length).Memory;
    }

    /// <inheritdoc cref="Gradient{T}(int)"/>
    public Memory<T> GradientMemory<T>(int set)
        where T : unmanaged
    {
        Span<T> span = Gradient<T>(set);
        return new PinnedMemory<T>(_gradients, (T*)((float*)AddressOf(_gradients) + _layout.OffsetOf(set)), span.Length).Memory;
    }

    /// <summary>
    /// Widens every 16-bit gradient to float in place (<see cref="Widening.InPlace{T}"/>: element i's float covers
    /// 16-bit elements 2i and 2i + 1, so the values are widened from the last), so the reduce-scatter sums floats.
    /// </summary>
    public void WidenSixteenBitGradients()
    {
        for (int set = 0; set < _gradientTypes.Length; set++)
        {
            Span<float> floats = _gradients.AsSpan(_layout.OffsetOf(set), _layout.LengthOf(set));
            if (_gradientTypes[set] == typeof(BFloat16))
            {
                Widening.InPlace<BFloat16>(floats, floats.Length);
            }
            else if (_gradientTypes[set] == typeof(Half))
            {
                Widening.InPlace<Half>(floats, floats.Length);
            }
        }
    }

    /// <summary>
    /// Rounds this process's averaged shard of every 16-bit gradient to nearest (ties to even) into the 16-bit shard
    /// its kernel reads: the gradient one process steps is the averaged float sum, so rounded once.
    /// </summary>
    public void RoundSixteenBitGradientShard(int rank)
    {
        int shardStart = _layout.ShardStart(rank);
        for (int set = 0; set < _gradientTypes.Length; set++)
        {
            (int start, int length) = _layout.SliceOf(set, rank);
            if (_gradientTypes[set] == typeof(float) || length == 0)
            {
                continue;
            }

            int at = _layout.OffsetOf(set) + start - shardStart;
            RoundToNearest(_gradientTypes[set], GradientShard.Slice(at, length), SixteenBitGradientShard.Slice(at, length));
        }
    }

    /// <summary>
    /// Gives every process the whole averaged gradient (a replicated run's step): each process's averaged shard, already
    /// in its place in the float gradients (<see cref="GradientShard"/>), is all-gathered; every 16-bit set's average
    /// outside this process's shard, which <see cref="RoundSixteenBitGradientShard"/> has rounded, is then rounded to
    /// nearest in the same way, so <see cref="GradientOrigins"/> hold the whole averaged gradient.
    /// </summary>
    public void GatherAveragedGradients(ICollectives collectives)
    {
        collectives.AllGatherInPlace(_gradients, _layout.ShardLength);
        int shardEnd = _shardStart + _layout.ShardLength;
        for (int set = 0; set < _gradientTypes.Length; set++)
        {
            if (_gradientTypes[set] == typeof(float))
            {
                continue;
            }

            int from = _layout.OffsetOf(set), to = from + _layout.LengthOf(set);
            RoundRange(set, from, Math.Min(to, _shardStart));
            RoundRange(set, Math.Max(from, shardEnd), to);
        }
    }

    /// <summary>This process's shard of the 16-bit gradients: a buffer of its own, or its block of the whole one.</summary>
    private Span<ushort> SixteenBitGradientShard =>
        _replicated ? _sixteenBitGradients.AsSpan(_shardStart, _layout.ShardLength) : _sixteenBitGradients;

    /// <summary>Indices <c>[from, to)</c> of 16-bit set <paramref name="set"/>'s whole average, rounded to nearest (a replicated run's).</summary>
    private void RoundRange(int set, int from, int to)
    {
        if (from < to)
        {
            RoundToNearest(_gradientTypes[set], _gradients.AsSpan(from, to - from), _sixteenBitGradients.AsSpan(from, to - from));
        }
    }

    /// <summary>Floats rounded to nearest, ties to even, into 16-bit values of <paramref name="type"/> (BFloat16 or Half).</summary>
    private static void RoundToNearest(Type type, ReadOnlySpan<float> values, Span<ushort> words)
    {
        if (type == typeof(BFloat16))
        {
            ElementwiseDriver.RoundToNearest(values, MemoryMarshal.Cast<ushort, BFloat16>(words));
        }
        else
        {
            ElementwiseDriver.RoundToNearest(values, MemoryMarshal.Cast<ushort, Half>(words));
        }
    }

    /// <summary>Where index <paramref name="index"/> (a multiple of <see cref="ShardLayout.Alignment"/>) falls in the parameter words.</summary>
    private int ParameterWordOf(long index)
    {
        for (int set = 0; set < _layout.SetCount; set++)
        {
            if (index < PaddedEnd(set))
            {
                return _parameterOffsets[set] + (int)((index - _layout.OffsetOf(set)) * SizeOf(_parameterTypes[set]) / sizeof(uint));
            }
        }

        return _parameterOffsets[^1];
    }

    /// <summary>Where the next set starts, or the index space ends (the padded end of set <paramref name="set"/>).</summary>
    private int PaddedEnd(int set) => set + 1 < _layout.SetCount ? _layout.OffsetOf(set + 1) : _layout.Length;

    private void Require<T>(int set, Type[] types, string what, string method)
        where T : unmanaged
    {
        ArgumentOutOfRangeException.ThrowIfNegative(set);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(set, types.Length);
        if (types[set] != typeof(T))
        {
            throw new ArgumentException(
                $"Parameter set {set} holds {types[set].Name} {what}, not {typeof(T).Name}: use {method}<{types[set].Name}>({set}).", nameof(set));
        }
    }

    private static int SizeOf(Type type) => type == typeof(float) ? sizeof(float) : sizeof(ushort);

    /// <summary>The first element of an array allocated pinned.</summary>
    private static void* AddressOf<T>(T[] array)
        where T : unmanaged =>
        array.Length == 0 ? null : System.Runtime.CompilerServices.Unsafe.AsPointer(ref MemoryMarshal.GetArrayDataReference(array));
}
