using System;
using System.Collections.Generic;
using System.Diagnostics.CodeAnalysis;

namespace Rlx.Optim;

/// <summary>
/// The states of a generated optimizer: its declared sets, and those created on first use of an undeclared name
/// in <see cref="IOptimizer.Step"/> (the seed's lazily allocated state).
/// </summary>
public sealed class ParameterStateTable
{
    private readonly string[] _bufferNames;
    private readonly List<ParameterState> _all;
    private readonly Dictionary<string, ParameterState> _byName;

    private readonly ParameterState[] _declared;

    /// <summary>Creates the table and the (zeroed) state of every declared set.</summary>
    /// <param name="bufferNames">The buffers every set keeps, in kernel order.</param>
    /// <param name="declared">The declared sets' names and shapes, in declaration order.</param>
    public ParameterStateTable(string[] bufferNames, params (string Name, int[] Shape)[] declared)
    {
        ArgumentNullException.ThrowIfNull(bufferNames);
        ArgumentNullException.ThrowIfNull(declared);
        _bufferNames = bufferNames;
        _declared = Array.ConvertAll(declared, set => new ParameterState(set.Name, set.Shape, bufferNames));
        _all = new List<ParameterState>(_declared);
        _byName = new Dictionary<string, ParameterState>(StringComparer.Ordinal);
        foreach (ParameterState state in _declared)
        {
            _byName.Add(state.Name, state);
        }
    }

    /// <summary>The state of declared set <paramref name="index"/> (declaration order).</summary>
    public ParameterState this[int index] => _declared[index];

    /// <summary>Every state, declared sets first, then the others in order of first use.</summary>
    public IReadOnlyList<ParameterState> All => _all;

    /// <summary>Finds a state by name.</summary>
    public bool TryGet(string name, [NotNullWhen(true)] out ParameterState? state) => _byName.TryGetValue(name, out state);

    /// <summary>
    /// The state of an undeclared set, allocated (zeroed) the first time its name is seen. Validates the spans
    /// first, so a bad call changes nothing.
    /// </summary>
    /// <exception cref="ArgumentException">The set was first seen with another length, the spans' lengths differ, or they overlap.</exception>
    public ParameterState GetOrAdd(string name, ReadOnlySpan<float> parameter, ReadOnlySpan<float> gradient)
    {
        ArgumentNullException.ThrowIfNull(name);
        if (_byName.TryGetValue(name, out ParameterState? existing))
        {
            StepArguments.Validate(name, existing.Length, parameter, gradient);
            return existing;
        }

        StepArguments.Validate(name, parameter.Length, parameter, gradient);
        ParameterState created = new(name, [parameter.Length], _bufferNames);
        _byName.Add(name, created);
        _all.Add(created);
        return created;
    }

    /// <summary>Zeroes every state buffer, declared or not.</summary>
    public void Clear()
    {
        foreach (ParameterState state in _all)
        {
            state.Clear();
        }
    }
}
