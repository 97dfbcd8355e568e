using System;
using System.Collections.Generic;
using System.ComponentModel;
using System.Diagnostics.CodeAnalysis;
using System.Linq;

namespace Rlx.Optim.CompilerServices;

/// <summary>
/// The states of a generated optimizer: its declared sets, and those created on first use of an undeclared name
/// in <see cref="IOptimizer.Step"/> (the seed's lazily allocated state). Generated optimizers keep one; users read the
/// state through <see cref="IOptimizer.States"/> and <see cref="IOptimizer.TryGetState"/>.
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public sealed class ParameterStateTable
{
    private readonly OptimizerDescription _description;
    private readonly StatePrecision _precision;
    private readonly List<ParameterState> _all;
    private readonly Dictionary<string, ParameterState> _byName;

    private readonly ParameterState[] _declared;
    private readonly DisjointSpans _disjoint = new();

    /// <summary>Creates the table and the state of every declared set, each buffer at its initial value (0 but for Adagrad's <c>sum</c>).</summary>
    /// <param name="description">The optimizer's buffers and declared sets, in declaration order.</param>
    public ParameterStateTable(OptimizerDescription description)
    {
        ArgumentNullException.ThrowIfNull(description);
        _description = description;
        _precision = description.StatePrecision;
        RoundingSeed = description.RoundingSeed;
        _declared = new ParameterState[description.Sets.Count];
        if (StateShards.Current is { } shard)
        {
            Shard = new TableShard(shard.Rank, shard.Size, new ShardLayout([.. description.Sets.Select(set => ParameterState.LengthOf([.. set.Shape]))], shard.Size))
            {
                Replicated = description.Layout is { Sliced: false },
            };
        }

        for (int i = 0; i < _declared.Length; i++)
        {
            ParameterSetDescription set = description.Sets[i];
            _declared[i] = Shard switch
            {
                { Replicated: true } => Create(_description, set.Name, [.. set.Shape], set.MasterWeights, i, replica: true),
                { } held => NewSlice(set, i, held),
                null => NewState(set.Name, [.. set.Shape], set.MasterWeights, i),
            };
        }

        _all = new List<ParameterState>(_declared);
        _byName = new Dictionary<string, ParameterState>(StringComparer.Ordinal);
        foreach (ParameterState state in _declared)
        {
            _byName.Add(state.Name, state);
        }
    }

    /// <summary>
    /// The shard of the declared sets' state this table holds, in a sharded run (<see cref="ShardedOptimizer{TOptimizer}"/>):
    /// each set's slice, or the whole state when <see cref="TableShard.Replicated"/>; null outside a sharded run.
    /// </summary>
    public TableShard? Shard { get; }

    /// <summary>A declared set's slice in shard <paramref name="shard"/>: its buffers hold only the slice's elements.</summary>
    private ParameterState NewSlice(ParameterSetDescription set, int index, TableShard shard)
    {
        int[] shape = [.. set.Shape];
        CompilerServices.StateBufferShape[] buffers = _description.BuffersOf(shape);
        if (Array.Exists(buffers, buffer => !buffer.Shape.AsSpan().SequenceEqual(shape)))
        {
            throw new NotSupportedException(
                $"Parameter set '{set.Name}' keeps state of other shapes than its own (factored): its state cannot be sharded.");
        }

        (int start, int length) = shard.Layout.SliceOf(index, shard.Rank);
        CompilerServices.StateBufferShape[] slices = Array.ConvertAll(buffers, buffer => buffer with { Shape = [length] });
        return new ParameterState(set.Name, shape, _precision, set.MasterWeights, slices, _description.InitialValuesOf(buffers), masterShape: [length])
        {
            Index = index,
            SliceStart = start,
            IsShard = true,
        };
    }

    /// <summary>
    /// The seed of the stochastic rounding of 16-bit state: each element's random bits come from it, the set, the
    /// element's index and the step (<see cref="StochasticRounding"/>). Checkpoints record it.
    /// </summary>
    public ulong RoundingSeed { get; set; }

    /// <summary>The state of declared set <paramref name="index"/> (declaration order).</summary>
    public ParameterState this[int index] => _declared[index];

    /// <summary>Every state, declared sets first, then the others in order of first use.</summary>
    public IReadOnlyList<ParameterState> All => _all;

    /// <summary>Finds a state by name.</summary>
    public bool TryGet(string name, [NotNullWhen(true)] out ParameterState? state) => _byName.TryGetValue(name, out state);

    /// <summary>
    /// The state of an undeclared set, allocated (each buffer at its initial value) the first time its name is seen. Validates the spans
    /// first, so a bad call changes nothing.
    /// </summary>
    /// <exception cref="ArgumentException">The set was first seen with another length, the spans' lengths differ, or they overlap.</exception>
    public ParameterState GetOrAdd(string name, ReadOnlySpan<float> parameter, ReadOnlySpan<float> gradient)
    {
        ArgumentNullException.ThrowIfNull(name);
        if (Shard is not null && !_byName.ContainsKey(name))
        {
            throw new InvalidOperationException($"A sharded optimizer steps its declared sets only; '{name}' is not one.");
        }

        if (_byName.TryGetValue(name, out ParameterState? existing))
        {
            StepArguments.Validate(name, existing.Length, parameter, gradient);
            return existing;
        }

        StepArguments.Validate(name, parameter.Length, parameter, gradient);
        // A set created by name has no declared shape: a vector (Adafactor keeps it unfactored).
        ParameterState created = NewState(name, [parameter.Length], masterWeights: false, _all.Count);
        _byName.Add(name, created);
        _all.Add(created);
        return created;
    }

    /// <summary>A set's state as the description lays it out, each buffer at its initial value.</summary>
    private ParameterState NewState(string name, int[] shape, bool masterWeights, int index) =>
        Create(_description, name, shape, masterWeights, index);

    /// <summary>
    /// A set's state as <paramref name="description"/> lays it out (its buffers, their shapes and initial values);
    /// <paramref name="replica"/>: held whole by a process of a sharded run (<see cref="ParameterState.IsReplica"/>).
    /// </summary>
    internal static ParameterState Create(OptimizerDescription description, string name, int[] shape, bool masterWeights, int index = 0, bool replica = false)
    {
        StateBufferShape[] buffers = description.BuffersOf(shape);
        return new ParameterState(name, shape, description.StatePrecision, masterWeights, buffers, description.InitialValuesOf(buffers))
        {
            Index = index,
            IsReplica = replica,
        };
    }

    /// <summary>
    /// Checks a name-keyed set that is not declared, without creating its state: the spans against the length the set
    /// was first seen with, or against each other for a name not seen yet.
    /// </summary>
    /// <exception cref="ArgumentException">The lengths differ, or the spans overlap.</exception>
    public void CheckUndeclared(string name, ReadOnlySpan<float> parameter, ReadOnlySpan<float> gradient)
    {
        ArgumentNullException.ThrowIfNull(name);
        int length = _byName.TryGetValue(name, out ParameterState? existing) ? existing.Length : parameter.Length;
        StepArguments.Validate(name, length, parameter, gradient);
    }

    /// <summary>
    /// Refuses a whole step by name in which a set's parameter shares memory with another set's parameter or gradient
    /// (<see cref="DisjointSpans"/>). The entries' own spans are checked before (<see cref="CheckUndeclared"/>).
    /// </summary>
    /// <exception cref="ArgumentException">A parameter shares memory with another entry's span. Nothing was updated.</exception>
    public void CheckDisjoint(ReadOnlySpan<NamedParameter> parameters)
    {
        int collections;
        do
        {
            collections = GC.CollectionCount(0);
            _disjoint.Reset(parameters.Length);
            for (int i = 0; i < parameters.Length; i++)
            {
                ReadOnlySpan<float> parameter = parameters[i].Parameter.Span, gradient = parameters[i].Gradient.Span;
                _disjoint.Record(2 * i, StepPlan.Address(parameter), (long)parameter.Length * sizeof(float));
                _disjoint.Record(2 * i + 1, StepPlan.Address(gradient), (long)gradient.Length * sizeof(float));
            }
        }
        while (collections != GC.CollectionCount(0));

        if (_disjoint.TryFindConflict(out int parameterEntry, out int other))
        {
            throw DisjointSpans.Refusal(parameters[parameterEntry / 2].Name, parameters[other / 2].Name, other % 2 == 1, nameof(parameters));
        }
    }

    /// <summary>
    /// Replaces the whole state with a complete, already validated one: each declared set's buffers receive
    /// <paramref name="declaredValues"/> (copied, so references to the states stay valid), and the sets created on
    /// first use become exactly <paramref name="created"/>, in that order.
    /// </summary>
    /// <param name="declaredValues">Per declared set (declaration order), per buffer (kernel order), its elements' bytes.</param>
    /// <param name="created">The undeclared sets, with names that are neither declared nor repeated.</param>
    /// <exception cref="ArgumentException">The values do not fit the declared sets, or a name is taken. Nothing is changed.</exception>
    internal void Restore(byte[][][] declaredValues, ParameterState[] created)
    {
        CheckRestorable(declaredValues, created);

        // Reserve first: once the copying starts, nothing below may fail or allocate.
        _all.Capacity = Math.Max(_all.Capacity, _declared.Length + created.Length);
        _byName.EnsureCapacity(_declared.Length + created.Length);

        for (int i = 0; i < _declared.Length; i++)
        {
            for (int b = 0; b < _declared[i].Buffers.Count; b++)
            {
                declaredValues[i][b].CopyTo(_declared[i].Buffers[b].Bytes);
            }

            // A restored master copy is the parameter's value from then on.
            _declared[i].MasterWeightTaken = _declared[i].MasterWeight is not null;
        }

        for (int i = _declared.Length; i < _all.Count; i++)
        {
            _byName.Remove(_all[i].Name);
        }

        _all.RemoveRange(_declared.Length, _all.Count - _declared.Length);
        foreach (ParameterState state in created)
        {
            state.Index = _all.Count;
            _all.Add(state);
            _byName.Add(state.Name, state);
        }
    }

    /// <summary>The bytes allocated for every state buffer, declared or not (<see cref="IOptimizer.StateBytes"/>).</summary>
    public long StateBytes
    {
        get
        {
            long bytes = 0;
            foreach (ParameterState state in _all)
            {
                foreach (StateBuffer buffer in state.Buffers)
                {
                    bytes += buffer.AllocatedBytes;
                }
            }

            return bytes;
        }
    }

    /// <summary>Returns every state buffer, declared or not, to its initial value (zero, but for Adagrad's <c>sum</c>).</summary>
    public void Clear()
    {
        foreach (ParameterState state in _all)
        {
            state.Clear();
        }
    }

    /// <summary>Whether a set created on first use keeps the buffers the description lays out for its shape.</summary>
    private bool SameBuffers(ParameterState state)
    {
        StateBufferShape[] expected = _description.BuffersOf(state.Shape);
        return state.Buffers.Count == expected.Length
            && Enumerable.Range(0, expected.Length).All(b => state.Buffers[b].Name == expected[b].Name
                && state.Buffers[b].Shape.SequenceEqual(expected[b].Shape));
    }

    private void CheckRestorable(byte[][][] declaredValues, ParameterState[] created)
    {
        ArgumentNullException.ThrowIfNull(declaredValues);
        ArgumentNullException.ThrowIfNull(created);
        if (declaredValues.Length != _declared.Length)
        {
            throw new ArgumentException($"Expected values for {_declared.Length} declared sets, got {declaredValues.Length}.", nameof(declaredValues));
        }

        for (int i = 0; i < _declared.Length; i++)
        {
            ParameterState declared = _declared[i];
            if (declaredValues[i] is not { } buffers
                || buffers.Length != declared.Buffers.Count
                || !Enumerable.Range(0, buffers.Length).All(b => buffers[b] is { } values && values.LongLength == declared.Buffers[b].Bytes.Length))
            {
                throw new ArgumentException($"The values for set '{declared.Name}' are not its {declared.Buffers.Count} buffers.", nameof(declaredValues));
            }
        }

        var names = new HashSet<string>(StringComparer.Ordinal);
        foreach (ParameterState? state in created)
        {
            if (state is null
                || Array.Exists(_declared, d => d.Name == state.Name)
                || !names.Add(state.Name)
                || !SameBuffers(state)
                || state.Precision != _precision)
            {
                throw new ArgumentException($"Set '{state?.Name}' cannot be restored as created on first use: it is missing, declared, repeated, or keeps other buffers.", nameof(created));
            }
        }
    }
}
