namespace Rlx.Optim;

/// <summary>How a <see cref="OneCycleSchedule"/> moves between two rates within a phase (PyTorch's <c>anneal_strategy</c>).</summary>
public enum OneCycleAnnealStrategy
{
    /// <summary>
    /// Half a cosine, PyTorch's <c>'cos'</c> (its default): <c>end + (start − end) / 2 · (cos(π · p) + 1)</c> at the
    /// fraction p of the phase.
    /// </summary>
    Cosine,

    /// <summary>A straight line, PyTorch's <c>'linear'</c>: <c>(end − start) · p + start</c> at the fraction p of the phase.</summary>
    Linear,
}
