using System;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace Rlx.Optim;

/// <summary>One per-element state tensor of a parameter set (for Adam: <c>exp_avg</c> or <c>exp_avg_sq</c>), zeroed at creation.</summary>
/// <remarks>
/// The storage is pinned and the first element is 64-byte aligned, so full-width vector loads never split a cache
/// line and the address handed to worker threads never moves. A buffer of at least 1,024 elements also keeps a page
/// of slack, so its owner can start it at any line of a page (<see cref="ParameterState.PlaceBeside"/>): take
/// <see cref="Span"/> afresh after a step rather than keeping it.
/// </remarks>
public sealed class StateBuffer
{
    /// <summary>Buffers this long or longer can be moved within their page (for shorter ones the page of slack would outweigh the buffer).</summary>
    internal const int MovableLength = 1024;

    private const int AlignmentBytes = 64;
    private const int PageFloats = StatePlacement.PageBytes / sizeof(float);

    private readonly float[] _storage;
    private readonly nuint _address;
    private int _offset;

    /// <summary>Allocates a zeroed, 64-byte-aligned buffer (a set's state creates its own).</summary>
    /// <param name="name">The state's name, PyTorch's where it has one.</param>
    /// <param name="length">Elements, ≥ 0.</param>
    /// <param name="pageOffset">Where a movable buffer starts in its page, a multiple of 64.</param>
    internal StateBuffer(string name, int length, int pageOffset)
    {
        ArgumentNullException.ThrowIfNull(name);
        ArgumentOutOfRangeException.ThrowIfNegative(length);
        Name = name;
        Length = length;
        IsMovable = length >= MovableLength;
        int slack = IsMovable ? PageFloats : AlignmentBytes / sizeof(float);
        _storage = GC.AllocateArray<float>(checked(length + slack - 1), pinned: true);
        _address = AddressOf(_storage);
        _offset = IsMovable ? ElementsUntil(pageOffset, StatePlacement.PageBytes) : ElementsUntil(0, AlignmentBytes);
    }

    /// <summary>The state's name, for example <c>exp_avg</c>.</summary>
    public string Name { get; }

    /// <summary>Elements in the buffer.</summary>
    public int Length { get; }

    /// <summary>The buffer's elements. Writing to them changes the optimizer's state.</summary>
    public Span<float> Span
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        get => MemoryMarshal.CreateSpan(ref Unsafe.Add(ref MemoryMarshal.GetArrayDataReference(_storage), _offset), Length);
    }

    /// <summary>The bytes allocated for the buffer: its elements and its alignment or placement slack.</summary>
    internal long AllocatedBytes => (long)_storage.Length * sizeof(float);

    /// <summary>Whether the buffer keeps the slack to start at any line of a page.</summary>
    internal bool IsMovable { get; }

    /// <summary>Where in its 4 KB page the first element is.</summary>
    internal int PageOffset => (int)((_address + (nuint)_offset * sizeof(float)) % StatePlacement.PageBytes);

    /// <summary>Sets every element to zero.</summary>
    public void Clear() => Span.Clear();

    /// <summary>Moves the elements, unchanged, to start at <paramref name="pageOffset"/> in a page (a multiple of 64).</summary>
    internal void MoveTo(int pageOffset)
    {
        if (!IsMovable)
        {
            throw new InvalidOperationException($"State buffer '{Name}' of {Length} elements keeps no slack to move in.");
        }

        int target = ElementsUntil(pageOffset, StatePlacement.PageBytes);
        Span.CopyTo(_storage.AsSpan(target, Length)); // overlap-safe
        _offset = target;
    }

    /// <summary>Elements from the storage's start to the first address at <paramref name="offset"/> modulo <paramref name="modulus"/>.</summary>
    private int ElementsUntil(int offset, int modulus)
    {
        nuint bytes = ((nuint)offset + (nuint)modulus - _address % (nuint)modulus) % (nuint)modulus;
        return (int)(bytes / sizeof(float));
    }

    private static unsafe nuint AddressOf(float[] pinned) =>
        (nuint)Unsafe.AsPointer(ref MemoryMarshal.GetArrayDataReference(pinned));
}
