using System;
using Rlx.Optim.CompilerServices;

namespace Rlx.Optim.Benchmarks.RawKernels;

/// <summary>
/// What the generator wrote for a declared set of <see cref="SingleAdam"/> before the runtime's driver, around
/// <see cref="PreviousGeneratedAdam"/>: check the arguments, take the step's scalars (prepared once per step and
/// learning rate), place the state beside θ and g and split the set across cores if it has at least
/// <see cref="OptimizerDefaults.ParallelThreshold"/> elements, else run it on the calling thread; then end the
/// iteration. It steps the state of a set of a generated <see cref="SingleAdam"/>, so the two kernels can be timed
/// over the same memory (each keeps its own step count; both are Adam steps, so the values stay ordinary).
/// </summary>
public sealed class PreviousSingleAdam
{
    private readonly string _name;
    private readonly ParameterState _state;
    private readonly float _learningRate = 0.001f;
    private long _stepCount;
    private PreviousAdamScalars _scalars;
    private long _scalarsStep;
    private float _scalarsRate;

    public PreviousSingleAdam(SingleAdam optimizer, string set)
    {
        _name = set;
        _state = optimizer.TryGetState(set, out ParameterState? state) ? state : throw new ArgumentException($"No set '{set}'.", nameof(set));
    }

    public int MaxDegreeOfParallelism { get; set; } = -1;

    /// <summary>
    /// One step of the set by its name, and the end of the iteration: as the generated optimizer's name-keyed
    /// <c>Step</c>, whose string switch this comparison stands in for.
    /// </summary>
    public void Step(string name, Span<float> parameter, ReadOnlySpan<float> gradient)
    {
        if (name != _name)
        {
            throw new ArgumentException($"Only set '{_name}' is stepped here.", nameof(name));
        }

        Step(parameter, gradient);
    }

    /// <summary>One step of the set, and the end of the iteration: as a generated declared-set method.</summary>
    public void Step(Span<float> parameter, ReadOnlySpan<float> gradient)
    {
        StepArguments.Validate(_name, _state.Length, parameter, gradient);
        PreviousAdamScalars scalars = Scalars();
        if (_state.Length >= OptimizerDefaults.ParallelThreshold)
        {
            _state.PlaceBeside(parameter, gradient);
            PreviousGeneratedAdam.RunParallel(in scalars, parameter, gradient, _state, MaxDegreeOfParallelism);
        }
        else
        {
            PreviousGeneratedAdam.Run(in scalars, parameter, gradient, _state);
        }

        _stepCount++;
    }

    private PreviousAdamScalars Scalars()
    {
        long t = _stepCount + 1;
        if (t != _scalarsStep || _learningRate != _scalarsRate)
        {
            _scalars = PreviousGeneratedAdam.Prepare(_learningRate, t);
            _scalarsStep = t;
            _scalarsRate = _learningRate;
        }

        return _scalars;
    }
}
