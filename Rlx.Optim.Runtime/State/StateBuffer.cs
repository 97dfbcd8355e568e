using System;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace Rlx.Optim;

/// <summary>One per-element state tensor of a parameter set (for Adam: <c>exp_avg</c> or <c>exp_avg_sq</c>), zeroed at creation.</summary>
/// <remarks>
/// The storage is pinned and its first element is 64-byte aligned, so full-width vector loads never split a cache
/// line and the address handed to worker threads never moves.
/// </remarks>
public sealed class StateBuffer
{
    private const int AlignmentBytes = 64;
    private const int AlignmentFloats = AlignmentBytes / sizeof(float);

    private readonly float[] _storage;
    private readonly int _offset;

    /// <summary>Allocates a zeroed, aligned buffer.</summary>
    /// <param name="name">The state's name, PyTorch's where it has one.</param>
    /// <param name="length">Elements, ≥ 0.</param>
    public StateBuffer(string name, int length)
    {
        ArgumentNullException.ThrowIfNull(name);
        ArgumentOutOfRangeException.ThrowIfNegative(length);
        Name = name;
        Length = length;
        _storage = GC.AllocateArray<float>(checked(length + AlignmentFloats - 1), pinned: true);
        _offset = OffsetToAlignment(_storage);
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

    /// <summary>Sets every element to zero.</summary>
    public void Clear() => Span.Clear();

    private static unsafe int OffsetToAlignment(float[] pinned)
    {
        nuint address = (nuint)Unsafe.AsPointer(ref MemoryMarshal.GetArrayDataReference(pinned));
        nuint misalignment = address % AlignmentBytes;
        return misalignment == 0 ? 0 : (int)((AlignmentBytes - misalignment) / sizeof(float));
    }
}
