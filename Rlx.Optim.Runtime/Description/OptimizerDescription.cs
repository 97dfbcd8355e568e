using System;
using System.Collections.Generic;
using System.Collections.ObjectModel;
using System.ComponentModel;

namespace Rlx.Optim;

/// <summary>
/// What a generated optimizer was generated with: its kind, arithmetic, state buffers, hyperparameters and declared
/// sets. The generator emits one per optimizer class; the state table is built from it and checkpoints are checked
/// against it.
/// </summary>
public sealed class OptimizerDescription
{
    private ReadOnlyCollection<double>? _bufferInitialValues;
    private ReadOnlyCollection<string>? _scalarStateNames;

    /// <summary>Describes a generated optimizer. Generated code calls it, once per optimizer class.</summary>
    /// <param name="kind">The algorithm, for example <c>adam</c> or <c>sgd</c>.</param>
    /// <param name="precision">The kernels' arithmetic.</param>
    /// <param name="bufferNames">The state buffers every set keeps, in kernel order (Adam: <c>exp_avg</c>, <c>exp_avg_sq</c>; plain SGD: none).</param>
    /// <param name="hyperparameters">The optimizer's own hyperparameters (copied), used by sets without overrides and by undeclared names.</param>
    /// <param name="sets">The declared sets, in declaration order.</param>
    [EditorBrowsable(EditorBrowsableState.Never)]
    public OptimizerDescription(
        string kind,
        OptimizerPrecision precision,
        string[] bufferNames,
        Hyperparameter[] hyperparameters,
        params ParameterSetDescription[] sets)
        : this(kind, precision, StatePrecision.Single, 0, bufferNames, hyperparameters, sets)
    {
        RoundsStochastically = false;
    }

    /// <summary>
    /// Describes a generated optimizer that rounds stochastically: with 16-bit state, 16-bit parameters or both.
    /// Generated code calls it, once per optimizer class.
    /// </summary>
    /// <param name="kind">The algorithm, for example <c>adam</c> or <c>sgd</c>.</param>
    /// <param name="precision">The kernels' arithmetic.</param>
    /// <param name="bufferNames">The state buffers every set keeps, in kernel order.</param>
    /// <param name="hyperparameters">The optimizer's own hyperparameters (copied), used by sets without overrides and by undeclared names.</param>
    /// <param name="sets">The declared sets, in declaration order.</param>
    /// <param name="statePrecision">How the state buffers store their elements.</param>
    /// <param name="roundingSeed">The default seed of the stochastic rounding.</param>
    [EditorBrowsable(EditorBrowsableState.Never)]
    public OptimizerDescription(
        string kind,
        OptimizerPrecision precision,
        StatePrecision statePrecision,
        ulong roundingSeed,
        string[] bufferNames,
        Hyperparameter[] hyperparameters,
        params ParameterSetDescription[] sets)
    {
        ArgumentNullException.ThrowIfNull(kind);
        ArgumentNullException.ThrowIfNull(bufferNames);
        ArgumentNullException.ThrowIfNull(hyperparameters);
        ArgumentNullException.ThrowIfNull(sets);
        Kind = kind;
        Precision = precision;
        StatePrecision = statePrecision;
        RoundingSeed = roundingSeed;
        RoundsStochastically = true;
        BufferNames = new ReadOnlyCollection<string>((string[])bufferNames.Clone());
        Hyperparameters = new ReadOnlyCollection<Hyperparameter>((Hyperparameter[])hyperparameters.Clone());
        Sets = new ReadOnlyCollection<ParameterSetDescription>((ParameterSetDescription[])sets.Clone());
    }

    /// <summary>The algorithm, for example <c>adam</c>.</summary>
    public string Kind { get; }

    /// <summary>The kernels' arithmetic.</summary>
    public OptimizerPrecision Precision { get; }

    /// <summary>How the state buffers store their elements.</summary>
    public StatePrecision StatePrecision { get; }

    /// <summary>The default seed of the stochastic rounding (the attribute's <c>RoundingSeed</c>).</summary>
    public ulong RoundingSeed { get; }

    /// <summary>
    /// Whether the optimizer rounds stochastically (16-bit state or parameters), so that its checkpoints record the
    /// seed.
    /// </summary>
    public bool RoundsStochastically { get; }

    /// <summary>The state buffers every set keeps, in kernel order.</summary>
    public IReadOnlyList<string> BufferNames { get; }

    /// <summary>
    /// What each state buffer (in <see cref="BufferNames"/>' order) holds at creation and after <c>Reset</c>, as
    /// declared: 0 for every buffer but Adagrad's <c>sum</c>, which starts at its initial accumulator value, and
    /// Schedule-Free's <c>z</c>, which is NaN until the set's first step copies the parameters into it. Each buffer
    /// stores it rounded to nearest at its precision (<see cref="StateBuffer.InitialValue"/>).
    /// </summary>
    /// <exception cref="ArgumentException">Set to a list that does not hold one finite or NaN value per buffer.</exception>
    public IReadOnlyList<double> BufferInitialValues
    {
        get => _bufferInitialValues ??= new ReadOnlyCollection<double>(new double[BufferNames.Count]);
        init
        {
            ArgumentNullException.ThrowIfNull(value);
            double[] values = [.. value];
            if (values.Length != BufferNames.Count || !Array.TrueForAll(values, v => double.IsFinite(v) || double.IsNaN(v)))
            {
                throw new ArgumentException(
                    $"Expected one finite (or NaN: not yet started) initial value for each of the {BufferNames.Count} state buffers, got [{string.Join(", ", values)}].",
                    nameof(value));
            }

            _bufferInitialValues = new ReadOnlyCollection<double>(values);
        }
    }

    /// <summary>
    /// The names of the optimizer's scalar state beyond the step count, which checkpoints record under
    /// <c>state.{name}</c> (Schedule-Free: each kernel's <c>max_lr</c> and <c>weight_sum</c>); empty for most optimizers.
    /// Their values are <see cref="ICheckpointable.ScalarState"/>, in this order.
    /// </summary>
    public IReadOnlyList<string> ScalarStateNames
    {
        get => _scalarStateNames ??= new ReadOnlyCollection<string>([]);
        init
        {
            ArgumentNullException.ThrowIfNull(value);
            _scalarStateNames = new ReadOnlyCollection<string>([.. value]);
        }
    }

    /// <summary>The optimizer's own hyperparameters, used by sets without overrides and by undeclared names.</summary>
    public IReadOnlyList<Hyperparameter> Hyperparameters { get; }

    /// <summary>
    /// Which of <see cref="BufferNames"/> each set keeps, and of which shapes, when they are not all of the set's own
    /// shape (Adafactor's <see cref="CompilerServices.FactoredStateLayout"/>); null: every set keeps every buffer, of
    /// its own shape.
    /// </summary>
    [EditorBrowsable(EditorBrowsableState.Never)]
    public CompilerServices.StateLayout? Layout { get; init; }

    /// <summary>The buffers a set of shape <paramref name="setShape"/> keeps, without a master copy, in kernel order.</summary>
    internal CompilerServices.StateBufferShape[] BuffersOf(IReadOnlyList<int> setShape)
    {
        if (Layout is { } layout)
        {
            return layout.BuffersOf(setShape);
        }

        int[] shape = [.. setShape];
        var buffers = new CompilerServices.StateBufferShape[BufferNames.Count];
        for (int b = 0; b < buffers.Length; b++)
        {
            buffers[b] = new CompilerServices.StateBufferShape(BufferNames[b], shape);
        }

        return buffers;
    }

    /// <summary>
    /// Each of <paramref name="buffers"/>' initial values (<see cref="BufferInitialValues"/>, by name), or null when
    /// all are 0.
    /// </summary>
    internal double[]? InitialValuesOf(CompilerServices.StateBufferShape[] buffers)
    {
        if (_bufferInitialValues is null)
        {
            return null;
        }

        return Array.ConvertAll(buffers, b => BufferInitialValues[IndexOfBuffer(b.Name)]);
    }

    private int IndexOfBuffer(string name)
    {
        for (int b = 0; b < BufferNames.Count; b++)
        {
            if (BufferNames[b] == name)
            {
                return b;
            }
        }

        throw new InvalidOperationException($"The state layout names a buffer '{name}' that is not one of [{string.Join(", ", BufferNames)}].");
    }

    /// <summary>The declared sets, in declaration order.</summary>
    public IReadOnlyList<ParameterSetDescription> Sets { get; }
}
