using System;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace Rlx.Optim;

/// <summary>
/// One per-element state tensor of a parameter set (for Adam: <c>exp_avg</c> or <c>exp_avg_sq</c>), set to its
/// <see cref="InitialValue"/> at creation (zero, but for Adagrad's <c>sum</c>), stored as floats or as bfloat16s
/// (<see cref="Precision"/>).
/// </summary>
/// <remarks>
/// The storage is pinned and the first element is 64-byte aligned, so full-width vector loads never split a cache
/// line and the address handed to worker threads never moves. A buffer of at least 1,024 elements also keeps a page
/// of slack, so its owner can start it at any line of a page (<see cref="ParameterState.PlaceBeside"/>): take
/// <see cref="Span"/> afresh after a step rather than keeping it. Its pages are committed when it is created, so the
/// operating system maps them then rather than in the first step.
/// </remarks>
public sealed class StateBuffer
{
    /// <summary>Buffers this long or longer can be moved within their page (for shorter ones the page of slack would outweigh the buffer).</summary>
    internal const int MovableLength = 1024;

    private const int AlignmentBytes = 64;

    private readonly byte[] _storage;
    private readonly nuint _address;
    private readonly int _elementSize;
    private readonly BFloat16 _initialBFloat16;
    private int _offset; // in bytes

    /// <summary>Allocates a 64-byte-aligned buffer holding <paramref name="initialValue"/> (a set's state creates its own).</summary>
    /// <param name="name">The state's name, PyTorch's where it has one.</param>
    /// <param name="length">Elements, ≥ 0.</param>
    /// <param name="pageOffset">Where a movable buffer starts in its page, a multiple of 64.</param>
    /// <param name="precision">How the elements are stored.</param>
    /// <param name="initialValue">
    /// Every element's value at creation and after <see cref="Clear"/>, rounded to nearest at <paramref name="precision"/>;
    /// 0 for every buffer but Adagrad's <c>sum</c>.
    /// </param>
    internal StateBuffer(string name, int length, int pageOffset, StatePrecision precision = StatePrecision.Single, double initialValue = 0)
        : this(name, [length], pageOffset, precision, initialValue)
    {
    }

    /// <summary>Allocates a 64-byte-aligned buffer of its own <paramref name="shape"/> (Adafactor's <c>row_var</c>, <c>col_var</c>).</summary>
    /// <param name="name">The state's name, PyTorch's where it has one.</param>
    /// <param name="shape">Its dimensions (non-negative); the length is their product.</param>
    /// <param name="pageOffset">Where a movable buffer starts in its page, a multiple of 64.</param>
    /// <param name="precision">How the elements are stored.</param>
    /// <param name="initialValue">Every element's value at creation and after <see cref="Clear"/>.</param>
    internal StateBuffer(string name, int[] shape, int pageOffset, StatePrecision precision, double initialValue)
    {
        ArgumentNullException.ThrowIfNull(name);
        ArgumentNullException.ThrowIfNull(shape);
        int length = ParameterState.LengthOf(shape);
        Name = name;
        Shape = new System.Collections.ObjectModel.ReadOnlyCollection<int>((int[])shape.Clone());
        Length = length;
        Precision = precision;
        _elementSize = ElementSize(precision);
        IsMovable = length >= MovableLength;
        int slack = IsMovable ? StatePlacement.PageBytes : AlignmentBytes;
        _storage = GC.AllocateArray<byte>(checked(length * _elementSize + slack - _elementSize), pinned: true);
        StatePages.Commit(_storage); // mapped now, by the constructor, rather than by the first step
        _address = AddressOf(_storage);
        _offset = IsMovable ? BytesUntil(pageOffset, StatePlacement.PageBytes) : BytesUntil(0, AlignmentBytes);
        _initialBFloat16 = (BFloat16)initialValue;
        InitialValue = precision == StatePrecision.BFloat16 ? (float)_initialBFloat16 : (float)initialValue;
        if (BitConverter.SingleToUInt32Bits(InitialValue) != 0)
        {
            Clear(); // fresh pages are zero: only a non-zero start is written
        }
    }

    /// <summary>The state's name, for example <c>exp_avg</c>.</summary>
    public string Name { get; }

    /// <summary>Elements in the buffer.</summary>
    public int Length { get; }

    /// <summary>
    /// The buffer's dimensions, as checkpoints record them: its set's shape, but for Adafactor's factors (<c>row_var</c>
    /// […, R, 1], <c>col_var</c> […, 1, C]). A buffer made with a length alone is one-dimensional.
    /// </summary>
    public System.Collections.Generic.IReadOnlyList<int> Shape { get; }

    /// <summary>How the elements are stored: floats, or bfloat16s.</summary>
    public StatePrecision Precision { get; }

    /// <summary>
    /// What every element holds at creation and after <see cref="Clear"/> (the optimizer's <c>Reset</c>), as stored:
    /// 0 for every buffer but Adagrad's <c>sum</c>, which starts at its <c>InitialAccumulatorValue</c> rounded to
    /// nearest at the buffer's precision (a float, as PyTorch's <c>torch.full_like</c> fills a float tensor, or a
    /// bfloat16).
    /// </summary>
    public float InitialValue { get; }

    /// <summary>The buffer's float elements. Writing to them changes the optimizer's state.</summary>
    /// <exception cref="InvalidOperationException">The buffer holds bfloat16s: read <see cref="BFloat16Span"/> or <see cref="CopyTo"/>.</exception>
    public Span<float> Span
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        get
        {
            if (Precision != StatePrecision.Single)
            {
                ThrowWrongPrecision(StatePrecision.Single);
            }

            return MemoryMarshal.CreateSpan(ref Unsafe.As<byte, float>(ref Origin), Length);
        }
    }

    /// <summary>The buffer's bfloat16 elements. Writing to them changes the optimizer's state.</summary>
    /// <exception cref="InvalidOperationException">The buffer holds floats: read <see cref="Span"/>.</exception>
    public Span<BFloat16> BFloat16Span
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        get
        {
            if (Precision != StatePrecision.BFloat16)
            {
                ThrowWrongPrecision(StatePrecision.BFloat16);
            }

            return MemoryMarshal.CreateSpan(ref Unsafe.As<byte, BFloat16>(ref Origin), Length);
        }
    }

    /// <summary>The buffer's bytes, little-endian elements in order: what a checkpoint stores.</summary>
    internal Span<byte> Bytes => MemoryMarshal.CreateSpan(ref Origin, Length * _elementSize);

    /// <summary>The first element's first byte.</summary>
    internal ref byte Origin
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        get => ref Unsafe.Add(ref MemoryMarshal.GetArrayDataReference(_storage), _offset);
    }

    /// <summary>The bytes allocated for the buffer: its elements and its alignment or placement slack.</summary>
    internal long AllocatedBytes => _storage.LongLength;

    /// <summary>Whether the buffer keeps the slack to start at any line of a page.</summary>
    internal bool IsMovable { get; }

    /// <summary>Where in its 4 KB page the first element is.</summary>
    internal int PageOffset => (int)((_address + (nuint)_offset) % StatePlacement.PageBytes);

    /// <summary>Copies the elements, as floats (bfloat16s widen exactly), to <paramref name="destination"/>.</summary>
    /// <exception cref="ArgumentException"><paramref name="destination"/> is shorter than <see cref="Length"/>.</exception>
    public void CopyTo(Span<float> destination)
    {
        if (destination.Length < Length)
        {
            throw new ArgumentException($"State buffer '{Name}' has {Length} elements; the destination holds {destination.Length}.", nameof(destination));
        }

        if (Precision == StatePrecision.Single)
        {
            Span.CopyTo(destination);
            return;
        }

        Span<BFloat16> source = BFloat16Span;
        for (int i = 0; i < source.Length; i++)
        {
            destination[i] = (float)source[i];
        }
    }

    /// <summary>Sets every element to <see cref="InitialValue"/>: zero, but for Adagrad's <c>sum</c>.</summary>
    public void Clear()
    {
        if (BitConverter.SingleToUInt32Bits(InitialValue) == 0)
        {
            Bytes.Clear();
        }
        else if (Precision == StatePrecision.BFloat16)
        {
            MemoryMarshal.Cast<byte, BFloat16>(Bytes).Fill(_initialBFloat16);
        }
        else
        {
            MemoryMarshal.Cast<byte, float>(Bytes).Fill(InitialValue);
        }
    }

    /// <summary>Bytes per element of <paramref name="precision"/>.</summary>
    internal static int ElementSize(StatePrecision precision) => precision == StatePrecision.BFloat16 ? 2 : sizeof(float);

    /// <summary>Moves the elements, unchanged, to start at <paramref name="pageOffset"/> in a page (a multiple of 64).</summary>
    internal void MoveTo(int pageOffset)
    {
        if (!IsMovable)
        {
            throw new InvalidOperationException($"State buffer '{Name}' of {Length} elements keeps no slack to move in.");
        }

        int target = BytesUntil(pageOffset, StatePlacement.PageBytes);
        Bytes.CopyTo(_storage.AsSpan(target, Length * _elementSize)); // overlap-safe
        _offset = target;
    }

    private void ThrowWrongPrecision(StatePrecision asked) =>
        throw new InvalidOperationException(
            $"State buffer '{Name}' holds {Describe(Precision)} elements, not {Describe(asked)}: read " +
            $"{(Precision == StatePrecision.Single ? nameof(Span) : nameof(BFloat16Span))}, or {nameof(CopyTo)} for floats.");

    private static string Describe(StatePrecision precision) => precision == StatePrecision.BFloat16 ? "bfloat16" : "float";

    /// <summary>Bytes from the storage's start to the first address at <paramref name="offset"/> modulo <paramref name="modulus"/>.</summary>
    private int BytesUntil(int offset, int modulus) =>
        (int)(((nuint)offset + (nuint)modulus - _address % (nuint)modulus) % (nuint)modulus);

    private static unsafe nuint AddressOf(byte[] pinned) =>
        (nuint)Unsafe.AsPointer(ref MemoryMarshal.GetArrayDataReference(pinned));
}
