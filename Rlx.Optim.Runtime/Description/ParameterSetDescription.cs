using System;
using System.Collections.Generic;
using System.Collections.ObjectModel;
using System.ComponentModel;

namespace Rlx.Optim;

/// <summary>One declared parameter set of a generated optimizer: its name, shape and effective hyperparameters.</summary>
public sealed class ParameterSetDescription
{
    /// <summary>Describes a declared set. Generated code calls it, once per declared set.</summary>
    /// <param name="name">The set's name.</param>
    /// <param name="shape">Its dimensions (copied).</param>
    /// <param name="hyperparameters">Its hyperparameters after the set's overrides (copied).</param>
    [EditorBrowsable(EditorBrowsableState.Never)]
    public ParameterSetDescription(string name, int[] shape, Hyperparameter[] hyperparameters)
        : this(name, shape, hyperparameters, masterWeights: false)
    {
    }

    /// <summary>Describes a declared set, with or without a float master copy of its (16-bit) parameter.</summary>
    /// <param name="name">The set's name.</param>
    /// <param name="shape">Its dimensions (copied).</param>
    /// <param name="hyperparameters">Its hyperparameters after the set's overrides (copied).</param>
    /// <param name="masterWeights">Whether its state keeps a float copy of the parameter (<c>master_weight</c>).</param>
    [EditorBrowsable(EditorBrowsableState.Never)]
    public ParameterSetDescription(string name, int[] shape, Hyperparameter[] hyperparameters, bool masterWeights)
    {
        ArgumentNullException.ThrowIfNull(name);
        ArgumentNullException.ThrowIfNull(shape);
        ArgumentNullException.ThrowIfNull(hyperparameters);
        Name = name;
        Shape = new ReadOnlyCollection<int>((int[])shape.Clone());
        Hyperparameters = new ReadOnlyCollection<Hyperparameter>((Hyperparameter[])hyperparameters.Clone());
        MasterWeights = masterWeights;
    }

    /// <summary>Whether the set's state keeps a float copy of its 16-bit parameter (the state buffer <c>master_weight</c>, last).</summary>
    public bool MasterWeights { get; }

    /// <summary>The set's name.</summary>
    public string Name { get; }

    /// <summary>The set's dimensions.</summary>
    public IReadOnlyList<int> Shape { get; }

    /// <summary>The set's hyperparameters after its overrides.</summary>
    public IReadOnlyList<Hyperparameter> Hyperparameters { get; }
}
