using System;
using System.Collections.Generic;
using System.Collections.ObjectModel;
using System.Runtime.CompilerServices;

namespace Rlx.Optim;

/// <summary>The optimizer state of one parameter set: its name, shape and per-element state buffers.</summary>
public sealed class ParameterState
{
    private readonly StateBuffer[] _buffers;

    /// <summary>Creates the state of a set, with one zeroed buffer per name.</summary>
    /// <param name="name">The set's name.</param>
    /// <param name="shape">Its dimensions; the length is their product.</param>
    /// <param name="bufferNames">The state tensors it keeps, in kernel order (Adam: <c>exp_avg</c>, <c>exp_avg_sq</c>).</param>
    public ParameterState(string name, int[] shape, params string[] bufferNames)
    {
        ArgumentNullException.ThrowIfNull(name);
        ArgumentNullException.ThrowIfNull(shape);
        ArgumentNullException.ThrowIfNull(bufferNames);
        Name = name;
        Shape = new ReadOnlyCollection<int>((int[])shape.Clone());
        Length = LengthOf(shape);
        _buffers = new StateBuffer[bufferNames.Length];
        for (int i = 0; i < bufferNames.Length; i++)
        {
            _buffers[i] = new StateBuffer(bufferNames[i], Length);
        }

        Buffers = new ReadOnlyCollection<StateBuffer>(_buffers);
    }

    /// <summary>The set's name.</summary>
    public string Name { get; }

    /// <summary>The set's dimensions.</summary>
    public IReadOnlyList<int> Shape { get; }

    /// <summary>Elements in the set (and in each buffer).</summary>
    public int Length { get; }

    /// <summary>The state buffers, in kernel order.</summary>
    public IReadOnlyList<StateBuffer> Buffers { get; }

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

    /// <summary>The elements of buffer <paramref name="index"/> (kernel order), for generated code.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public Span<float> Buffer(int index) => _buffers[index].Span;

    /// <summary>Zeroes every buffer.</summary>
    public void Clear()
    {
        foreach (StateBuffer buffer in _buffers)
        {
            buffer.Clear();
        }
    }

    private static int LengthOf(int[] shape)
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
