using System;
using System.Collections.Generic;
using System.ComponentModel;

namespace Rlx.Optim.CompilerServices;

/// <summary>
/// Schedule-Free's evaluation parameters: the average x = (y − (1 − β₁)z)/β₁ recovered from the parameters y the user
/// holds and the state z, out of place or by swapping a set's parameters to x and back. Generated Schedule-Free
/// optimizers hold one and call it; users call the optimizer's <c>SwapToEvaluation</c>, <c>SwapToTraining</c> and
/// <c>EvaluationParameters</c>.
/// </summary>
/// <remarks>
/// A swap keeps y and the swap back restores it bit for bit: recomputing y = (1 − β₁)z + β₁x in float would not give
/// y back exactly, and each round trip would move the run. While any set is swapped the optimizer refuses to step.
/// </remarks>
[EditorBrowsable(EditorBrowsableState.Never)]
public sealed class ScheduleFreeEvaluation
{
    /// <summary>The optimizer kind whose sets have evaluation parameters (<see cref="OptimizerDescription.Kind"/>).</summary>
    internal const string Kind = "schedule_free_adamw";

    /// <summary>The state buffer holding z.</summary>
    internal const string ZBuffer = "z";

    private readonly Dictionary<string, float[]> _training = new(StringComparer.Ordinal);

    /// <summary>Whether any set holds its evaluation parameters x.</summary>
    public bool IsEvaluating => _training.Count != 0;

    /// <summary>Refuses a step while any set holds its evaluation parameters.</summary>
    /// <exception cref="InvalidOperationException">A set is swapped to evaluation.</exception>
    public void ThrowIfEvaluating()
    {
        if (_training.Count != 0)
        {
            throw new InvalidOperationException(
                $"Parameter set(s) {string.Join(", ", Quoted(_training.Keys))} hold their evaluation parameters x (SwapToEvaluation): " +
                "call SwapToTraining before stepping. Nothing was changed.");
        }
    }

    /// <summary>Writes x into <paramref name="destination"/> from y, for a set whose state is <paramref name="state"/> (null: never stepped, so x = y).</summary>
    public void Evaluate(string name, ReadOnlySpan<float> parameter, Span<float> destination, ParameterState? state, double beta1)
    {
        ArgumentNullException.ThrowIfNull(name);
        if (_training.ContainsKey(name))
        {
            throw new InvalidOperationException($"Parameter set '{name}' already holds its evaluation parameters x (SwapToEvaluation): its training parameters are not at hand. Nothing was changed.");
        }

        ThrowIfShard(state);
        CheckLength(name, parameter.Length, state);
        if (destination.Length != parameter.Length)
        {
            throw new ArgumentException($"The destination for parameter set '{name}' has {destination.Length} elements; the parameter has {parameter.Length}. Nothing was changed.", nameof(destination));
        }

        Average(parameter, state, beta1, destination);
    }

    /// <summary>Swaps one set's parameters from y to x, keeping y for <see cref="ToTraining(string, Span{float})"/>.</summary>
    public void ToEvaluation(string name, Span<float> parameter, ParameterState? state, double beta1)
    {
        ArgumentNullException.ThrowIfNull(name);
        CheckSwappable(name, parameter.Length, state);
        Swap(name, parameter, state, beta1);
    }

    /// <summary>Swaps every set of a whole step from y to x; every set is checked before any is swapped.</summary>
    public void ToEvaluation(ReadOnlySpan<NamedParameter> parameters, ParameterStateTable states, Func<string, double> beta1)
    {
        ArgumentNullException.ThrowIfNull(states);
        ArgumentNullException.ThrowIfNull(beta1);
        if (states.Shard is not null)
        {
            throw ShardRefused();
        }

        var names = new HashSet<string>(StringComparer.Ordinal);
        foreach (NamedParameter set in parameters)
        {
            ArgumentNullException.ThrowIfNull(set.Name, nameof(parameters));
            if (!names.Add(set.Name))
            {
                throw new ArgumentException($"Parameter set '{set.Name}' appears twice. Nothing was changed.", nameof(parameters));
            }

            CheckSwappable(set.Name, set.Parameter.Length, states.TryGet(set.Name, out ParameterState? state) ? state : null);
        }

        foreach (NamedParameter set in parameters)
        {
            Swap(set.Name, set.Parameter.Span, states.TryGet(set.Name, out ParameterState? state) ? state : null, beta1(set.Name));
        }
    }

    /// <summary>Swaps one set's parameters back from x to the y they held.</summary>
    public void ToTraining(string name, Span<float> parameter)
    {
        ArgumentNullException.ThrowIfNull(name);
        float[] training = Kept(name, parameter.Length);
        training.CopyTo(parameter);
        _training.Remove(name);
    }

    /// <summary>Swaps every set of a whole step back to y; every set is checked before any is swapped.</summary>
    public void ToTraining(ReadOnlySpan<NamedParameter> parameters)
    {
        var names = new HashSet<string>(StringComparer.Ordinal);
        foreach (NamedParameter set in parameters)
        {
            ArgumentNullException.ThrowIfNull(set.Name, nameof(parameters));
            if (!names.Add(set.Name))
            {
                throw new ArgumentException($"Parameter set '{set.Name}' appears twice. Nothing was changed.", nameof(parameters));
            }

            Kept(set.Name, set.Parameter.Length);
        }

        foreach (NamedParameter set in parameters)
        {
            ToTraining(set.Name, set.Parameter.Span);
        }
    }

    private void Swap(string name, Span<float> parameter, ParameterState? state, double beta1)
    {
        float[] training = parameter.ToArray();
        Average(training, state, beta1, parameter);
        _training.Add(name, training);
    }

    private void CheckSwappable(string name, int length, ParameterState? state)
    {
        ThrowIfShard(state);
        if (_training.ContainsKey(name))
        {
            throw new InvalidOperationException($"Parameter set '{name}' already holds its evaluation parameters x. Nothing was changed.");
        }

        CheckLength(name, length, state);
    }

    private float[] Kept(string name, int length)
    {
        if (!_training.TryGetValue(name, out float[]? training))
        {
            throw new InvalidOperationException($"Parameter set '{name}' was not swapped to evaluation (SwapToEvaluation): it already holds its training parameters. Nothing was changed.");
        }

        if (training.Length != length)
        {
            throw new ArgumentException($"Parameter set '{name}' was swapped with {training.Length} elements; this parameter has {length}. Nothing was changed.");
        }

        return training;
    }

    /// <summary>
    /// A shard holds z for its slice of each set only (data-parallel training), so x cannot be recovered for the whole
    /// parameter here: the ShardedOptimizer swaps every process's slices and gathers them.
    /// </summary>
    private static void ThrowIfShard(ParameterState? state)
    {
        if (state is { IsShard: true })
        {
            throw ShardRefused();
        }
    }

    private static InvalidOperationException ShardRefused() => new(
        "The optimizer holds one shard of its state (ShardedOptimizer): its z covers only this process's slice of each set, " +
        "so the evaluation parameters x cannot be recovered here. Swap through the ShardedOptimizer (SwapToEvaluation, " +
        "SwapToTraining), which swaps every process's slices and gathers them. Nothing was changed.");

    private static void CheckLength(string name, int length, ParameterState? state)
    {
        if (state is not null && state.Length != length)
        {
            throw new ArgumentException($"Parameter set '{name}' has {state.Length} elements; this parameter has {length}. Nothing was changed.");
        }
    }

    /// <summary>
    /// x = (y − (1 − β₁)z)/β₁ in double, rounded once. Where z is NaN (the set, or the element, has not started) x is y,
    /// as in Optax, whose z starts as a copy of the parameters.
    /// </summary>
    private static void Average(ReadOnlySpan<float> y, ParameterState? state, double beta1, Span<float> x)
    {
        if (state is null)
        {
            y.CopyTo(x);
            return;
        }

        float[] z = new float[state.Length];
        state[ZBuffer].CopyTo(z);
        Average(y, z, beta1, x);
    }

    /// <summary>
    /// x = (y − (1 − β₁)z)/β₁ element by element, in double, rounded once (x is y where z is NaN); x may be y itself.
    /// </summary>
    internal static void Average(ReadOnlySpan<float> y, ReadOnlySpan<float> z, double beta1, Span<float> x)
    {
        double oneMinusBeta1 = 1.0 - beta1;
        for (int i = 0; i < z.Length; i++)
        {
            x[i] = float.IsNaN(z[i]) ? y[i] : (float)((y[i] - oneMinusBeta1 * z[i]) / beta1);
        }
    }

    private static IEnumerable<string> Quoted(IEnumerable<string> names)
    {
        foreach (string name in names)
        {
            yield return "'" + name + "'";
        }
    }
}
