using System;
using System.Collections.Generic;
using System.ComponentModel;

namespace Rlx.Optim.CompilerServices;

/// <summary>
/// The plan parts of the sets a trust-ratio optimizer (LAMB) creates by name, kept per name so that a step allocates
/// nothing once a name is known. A part belongs to one state: after a checkpoint's load replaced a name's state, the
/// name gets a new part.
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public sealed class NamedSetPlans
{
    private readonly Dictionary<string, StepPlanSet> _byName = new(StringComparer.Ordinal);

    /// <summary>The part kept for <paramref name="name"/> if it is <paramref name="state"/>'s; null otherwise.</summary>
    public StepPlanSet? Get(string name, ParameterState state) =>
        _byName.TryGetValue(name, out StepPlanSet? set) && ReferenceEquals(set.State, state) ? set : null;

    /// <summary>Keeps <paramref name="set"/> as <paramref name="name"/>'s part, and returns it.</summary>
    public StepPlanSet Add(string name, StepPlanSet set)
    {
        ArgumentNullException.ThrowIfNull(set);
        _byName[name] = set;
        return set;
    }
}
