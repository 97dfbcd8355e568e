using System;
using System.Collections.Generic;
using System.Collections.ObjectModel;
using System.ComponentModel;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace Rlx.Optim;

/// <summary>The optimizer state of one parameter set: its name, shape and per-element state buffers.</summary>
public sealed class ParameterState
{
    /// <summary>Page offsets of up to this many buffers are worked out on the stack (generated optimizers keep at most three).</summary>
    private const int MaxStackBuffers = 8;

    private readonly StateBuffer[] _buffers;
    private readonly bool _movable;
    private int _lastParameterOffset = -1;
    private int _lastGradientOffset = -1;
    private bool _placedForLast;

    /// <summary>Creates the state of a set, with one zeroed buffer per name (its optimizer's state table creates it).</summary>
    /// <param name="name">The set's name.</param>
    /// <param name="shape">Its dimensions; the length is their product.</param>
    /// <param name="bufferNames">The state tensors it keeps, in kernel order (Adam: <c>exp_avg</c>, <c>exp_avg_sq</c>).</param>
    internal ParameterState(string name, int[] shape, params string[] bufferNames)
        : this(name, shape, StatePrecision.Single, bufferNames)
    {
    }

    /// <summary>Creates the state of a set, with one zeroed buffer per name, stored at <paramref name="precision"/>.</summary>
    /// <param name="name">The set's name.</param>
    /// <param name="shape">Its dimensions; the length is their product.</param>
    /// <param name="precision">How the buffers store their elements.</param>
    /// <param name="bufferNames">The state tensors it keeps, in kernel order.</param>
    internal ParameterState(string name, int[] shape, StatePrecision precision, params string[] bufferNames)
        : this(name, shape, precision, masterWeights: false, bufferNames)
    {
    }

    /// <summary>
    /// Creates the state of a set whose 16-bit parameter is updated through a float copy: the buffers, then the copy
    /// (<c>master_weight</c>, always float).
    /// </summary>
    /// <param name="name">The set's name.</param>
    /// <param name="shape">Its dimensions; the length is their product.</param>
    /// <param name="precision">How the moment buffers store their elements.</param>
    /// <param name="masterWeights">Whether to keep the float copy.</param>
    /// <param name="bufferNames">The moment buffers, in kernel order.</param>
    internal ParameterState(string name, int[] shape, StatePrecision precision, bool masterWeights, params string[] bufferNames)
        : this(name, shape, precision, masterWeights, bufferNames, initialValues: null)
    {
    }

    /// <summary>
    /// Creates the state of a set whose buffers start at <paramref name="initialValues"/> (Adagrad's <c>sum</c> at its
    /// initial accumulator value), with or without a float master copy of its 16-bit parameter.
    /// </summary>
    /// <param name="name">The set's name.</param>
    /// <param name="shape">Its dimensions; the length is their product.</param>
    /// <param name="precision">How the moment buffers store their elements.</param>
    /// <param name="masterWeights">Whether to keep the float copy.</param>
    /// <param name="bufferNames">The moment buffers, in kernel order.</param>
    /// <param name="initialValues">Each moment buffer's value at creation and after <see cref="Clear"/>; null: all 0.</param>
    internal ParameterState(string name, int[] shape, StatePrecision precision, bool masterWeights, string[] bufferNames, IReadOnlyList<double>? initialValues)
        : this(name, shape, precision, masterWeights, Array.ConvertAll(bufferNames, b => new CompilerServices.StateBufferShape(b, shape)), initialValues)
    {
    }

    /// <summary>
    /// Creates the state of a set whose buffers have their own shapes (a <see cref="CompilerServices.StateLayout"/>'s:
    /// Adafactor's <c>row_var</c> and <c>col_var</c>), each starting at its initial value.
    /// </summary>
    /// <param name="name">The set's name.</param>
    /// <param name="shape">Its dimensions; the length is their product.</param>
    /// <param name="precision">How the moment buffers store their elements.</param>
    /// <param name="masterWeights">Whether to keep a float copy of the parameter.</param>
    /// <param name="buffers">The moment buffers' names and shapes, in kernel order.</param>
    /// <param name="initialValues">Each moment buffer's value at creation and after <see cref="Clear"/>; null: all 0.</param>
    /// <param name="masterShape">The master copy's shape: a shard's slice of the set; null: the set's own.</param>
    internal ParameterState(
        string name, int[] shape, StatePrecision precision, bool masterWeights, CompilerServices.StateBufferShape[] buffers, IReadOnlyList<double>? initialValues,
        int[]? masterShape = null)
    {
        ArgumentNullException.ThrowIfNull(name);
        ArgumentNullException.ThrowIfNull(shape);
        ArgumentNullException.ThrowIfNull(buffers);
        Name = name;
        Shape = new ReadOnlyCollection<int>((int[])shape.Clone());
        Length = LengthOf(shape);
        int count = buffers.Length + (masterWeights ? 1 : 0);
        _buffers = new StateBuffer[count];
        Span<int> offsets = count <= MaxStackBuffers ? stackalloc int[count] : new int[count];
        StatePlacement.Choose(0, 0, offsets); // apart from each other; PlaceBeside moves them once θ and g are known
        for (int i = 0; i < buffers.Length; i++)
        {
            _buffers[i] = new StateBuffer(buffers[i].Name, buffers[i].Shape, offsets[i], precision, initialValues?[i] ?? 0);
        }

        if (masterWeights)
        {
            _buffers[count - 1] = new StateBuffer(MasterWeightName, masterShape ?? shape, offsets[count - 1], StatePrecision.Single, 0);
        }

        Precision = precision;
        Buffers = new ReadOnlyCollection<StateBuffer>(_buffers);
        _movable = _buffers.Length > 0 && Array.TrueForAll(_buffers, b => b.IsMovable);
    }

    /// <summary>The set's name.</summary>
    public string Name { get; }

    /// <summary>The set's dimensions.</summary>
    public IReadOnlyList<int> Shape { get; }

    /// <summary>Elements in the set (and in each buffer of the set's own shape).</summary>
    public int Length { get; }

    /// <summary>How the moment buffers store their elements (a master copy is float).</summary>
    public StatePrecision Precision { get; }

    /// <summary>The name of the float copy of a 16-bit parameter, the last buffer of a set that keeps one.</summary>
    public const string MasterWeightName = "master_weight";

    /// <summary>The float copy of the set's 16-bit parameter, or <see langword="null"/> when it keeps none.</summary>
    public StateBuffer? MasterWeight => _buffers.Length > 0 && _buffers[^1].Name == MasterWeightName ? _buffers[^1] : null;

    /// <summary>
    /// Whether the master copy holds the parameter: taken from the 16-bit parameter on the set's first step (or
    /// restored from a checkpoint); <see cref="Clear"/> forgets it.
    /// </summary>
    internal bool MasterWeightTaken { get; set; }

    /// <summary>
    /// The set's place in its optimizer's state table (declared sets first, then the others in order of first use):
    /// its stochastic rounding streams are numbered from it.
    /// </summary>
    internal int Index { get; set; }

    /// <summary>The state buffers, in kernel order.</summary>
    public IReadOnlyList<StateBuffer> Buffers { get; }

    /// <summary>
    /// The set's step-plan part for its one-set calls, when they run through a plan (Adafactor, whose rule measures
    /// the set before updating it; a 16-bit set through its master copy): kept with the state, so they allocate it once.
    /// </summary>
    internal CompilerServices.StepPlanSet? OwnPlanSet { get; set; }

    /// <summary>The buffer called <paramref name="bufferName"/>, for example <c>exp_avg</c>.</summary>
    /// <exception cref="KeyNotFoundException">The set keeps no buffer of that name.</exception>
    public StateBuffer this[string bufferName]
    {
        get
        {
            foreach (StateBuffer buffer in _buffers)
            {
                if (buffer.Name == bufferName)
                {
                    return buffer;
                }
            }

            throw new KeyNotFoundException($"Parameter set '{Name}' keeps no state buffer '{bufferName}'; it keeps: {string.Join(", ", Array.ConvertAll(_buffers, b => b.Name))}.");
        }
    }

    /// <summary>The elements of buffer <paramref name="index"/> (kernel order). Generated code calls it; read <see cref="Buffers"/> instead.</summary>
    [EditorBrowsable(EditorBrowsableState.Never)]
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public Span<float> Buffer(int index) => _buffers[index].Span;

    /// <summary>The first element of buffer <paramref name="index"/>, whatever its precision, for a step of the whole set.</summary>
    /// <exception cref="InvalidOperationException">The state holds one shard of the set.</exception>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal ref byte Origin(int index)
    {
        if (IsShard)
        {
            ThrowShard();
        }

        return ref _buffers[index].Origin;
    }

    /// <summary>The first element buffer <paramref name="index"/> holds: the set's element <see cref="SliceStart"/>.</summary>
    internal ref byte SliceOrigin(int index) => ref _buffers[index].Origin;

    /// <summary>
    /// The set's first element this state holds: 0, or where the shard's slice starts when the state belongs to one
    /// process of a sharded run (<see cref="ShardedOptimizer{TOptimizer}"/>).
    /// </summary>
    internal int SliceStart { get; init; }

    /// <summary>Whether the state holds only one shard's slice of the set (its buffers are shorter than the set).</summary>
    internal bool IsShard { get; init; }

    /// <summary>
    /// Whether the state is the whole set's, held alike by every process of a sharded run whose rule reduces over
    /// whole rows and columns (Adafactor): stepped only through its <see cref="ShardedOptimizer{TOptimizer}"/>.
    /// </summary>
    internal bool IsReplica { get; init; }

    private void ThrowShard() =>
        throw new InvalidOperationException(
            $"Parameter set '{Name}' holds one shard of its state ({_buffers[0].Length} of {Length} elements): step it through its ShardedOptimizer.");

    /// <summary>
    /// Called by generated code before each update: keeps the buffers where the kernel's streams do not slow each
    /// other (<see cref="StatePlacement"/>). When <paramref name="parameter"/> and <paramref name="gradient"/> sit at
    /// the same page offsets as on the last call and a buffer comes too close to them or to another buffer, every
    /// buffer is moved, values unchanged, to offsets clear of θ, g and each other. A layout seen once (a gradient
    /// allocated afresh each step) moves nothing, so the copy is paid only for a layout that lasts.
    /// </summary>
    [EditorBrowsable(EditorBrowsableState.Never)]
    public void PlaceBeside(ReadOnlySpan<float> parameter, ReadOnlySpan<float> gradient) =>
        Place(PageOffsetOf(parameter), PageOffsetOf(gradient));

    /// <inheritdoc cref="PlaceBeside(ReadOnlySpan{float}, ReadOnlySpan{float})"/>
    [EditorBrowsable(EditorBrowsableState.Never)]
    public void PlaceBeside<TParameter, TGradient>(Span<TParameter> parameter, ReadOnlySpan<TGradient> gradient)
        where TParameter : unmanaged
        where TGradient : unmanaged =>
        Place(PageOffsetOf((ReadOnlySpan<TParameter>)parameter), PageOffsetOf(gradient));

    private void Place(int parameterOffset, int gradientOffset)
    {
        if (!_movable)
        {
            return;
        }

        if (parameterOffset != _lastParameterOffset || gradientOffset != _lastGradientOffset)
        {
            _lastParameterOffset = parameterOffset;
            _lastGradientOffset = gradientOffset;
            _placedForLast = false;
            return;
        }

        if (_placedForLast)
        {
            return; // checked (and moved if need be) for this layout already: the buffers move only here
        }

        _placedForLast = true;

        Span<int> offsets = _buffers.Length <= MaxStackBuffers ? stackalloc int[_buffers.Length] : new int[_buffers.Length];
        for (int b = 0; b < _buffers.Length; b++)
        {
            offsets[b] = _buffers[b].PageOffset;
        }

        if (StatePlacement.Conflicts(offsets, parameterOffset, gradientOffset))
        {
            StatePlacement.Choose(parameterOffset, gradientOffset, offsets);
            for (int b = 0; b < _buffers.Length; b++)
            {
                _buffers[b].MoveTo(offsets[b]);
            }
        }
    }

    /// <summary>Returns every buffer to its <see cref="StateBuffer.InitialValue"/> (zero, but for Adagrad's <c>sum</c>) and forgets the master copy.</summary>
    public void Clear()
    {
        foreach (StateBuffer buffer in _buffers)
        {
            buffer.Clear();
        }

        MasterWeightTaken = false;
    }

    private static unsafe int PageOffsetOf<T>(ReadOnlySpan<T> span)
        where T : unmanaged =>
        (int)((nuint)Unsafe.AsPointer(ref MemoryMarshal.GetReference(span)) % StatePlacement.PageBytes);

    internal static int LengthOf(int[] shape)
    {
        long length = 1;
        foreach (int dimension in shape)
        {
            ArgumentOutOfRangeException.ThrowIfNegative(dimension, nameof(shape));
            length *= dimension;
            if (length > int.MaxValue)
            {
                throw new ArgumentException($"A shape of [{string.Join(", ", shape)}] holds more than int.MaxValue elements.", nameof(shape));
            }
        }

        return (int)length;
    }
}
