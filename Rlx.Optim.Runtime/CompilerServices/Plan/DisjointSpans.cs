using System;

namespace Rlx.Optim.CompilerServices;

/// <summary>
/// Finds, in one whole step, a set's parameter that shares memory with another set's parameter or gradient.
/// </summary>
/// <remarks>
/// <para>
/// Such a step means nothing that holds on every core count: two cores would update the same elements at once (lost
/// updates, other bits on every run), and one set's update would change another set's gradient before or after it is
/// read, depending on the order the blocks run. PyTorch refuses a tensor in two parameter groups for the same reason;
/// tied weights are one set. Gradients may share memory with each other, since they are only read.
/// </para>
/// <para>
/// The spans are recorded as addresses, which a garbage collection may change between two records; a caller records
/// every span again when <see cref="GC.CollectionCount"/> of generation 0 (every collection counts there) moved while it
/// recorded, so the addresses compared are of one moment. Moving an object moves all of it, so the answer holds after
/// it moves. A step whose spans are those of the last step checked is not checked again: no sort per step.
/// </para>
/// </remarks>
internal sealed class DisjointSpans
{
    private nuint[] _starts = [];
    private nuint[] _lengths = [];
    private nuint[] _checkedStarts = [];
    private nuint[] _checkedLengths = [];
    private int _checkedCount = -1;
    private nuint[] _order = [];
    private int[] _entries = [];
    private int _count;

    /// <summary>Starts a record of <paramref name="sets"/> sets: entry 2·set is a set's parameter, 2·set + 1 its gradient.</summary>
    public void Reset(int sets)
    {
        _count = 2 * sets;
        if (_starts.Length < _count)
        {
            _starts = new nuint[_count];
            _lengths = new nuint[_count];
            _order = new nuint[_count];
            _entries = new int[_count];
        }
    }

    /// <summary>Each entry's first byte's address, to record directly.</summary>
    public Span<nuint> Starts => _starts.AsSpan(0, _count);

    /// <summary>Each entry's size in bytes, to record directly.</summary>
    public Span<nuint> Lengths => _lengths.AsSpan(0, _count);

    /// <summary>Records entry <paramref name="entry"/> by its address (<see cref="StepPlan.Address{T}(Span{T})"/>) and its size in bytes.</summary>
    public void Record(int entry, nuint start, long bytes)
    {
        _starts[entry] = start;
        _lengths[entry] = (nuint)bytes;
    }

    /// <summary>
    /// Whether a recorded parameter shares a byte with another entry (but its own gradient, which the caller checks
    /// with the set's arguments); if so, the parameter's entry and the other's.
    /// </summary>
    public bool TryFindConflict(out int parameter, out int other)
    {
        parameter = other = -1;
        if (_count == _checkedCount && Starts.SequenceEqual(_checkedStarts.AsSpan(0, _count)) && Lengths.SequenceEqual(_checkedLengths.AsSpan(0, _count)))
        {
            return false;
        }

        Span<nuint> order = _order.AsSpan(0, _count);
        Span<int> entries = _entries.AsSpan(0, _count);
        Starts.CopyTo(order);
        for (int i = 0; i < entries.Length; i++)
        {
            entries[i] = i;
        }

        order.Sort(entries);

        // In order of start: an entry that starts before the furthest end of the parameters so far shares bytes with
        // one of them; a parameter that starts before the furthest end of any entry so far shares bytes with it.
        nuint parameterEnd = 0, anyEnd = 0;
        int parameterOwner = -1, anyOwner = -1;
        foreach (int entry in entries)
        {
            nuint start = _starts[entry], end = start + _lengths[entry];
            if (start == end)
            {
                continue;
            }

            bool isParameter = entry % 2 == 0;
            if (start < parameterEnd)
            {
                (parameter, other) = (parameterOwner, entry);
                return true;
            }

            if (isParameter && start < anyEnd)
            {
                (parameter, other) = (entry, anyOwner);
                return true;
            }

            if (isParameter && end > parameterEnd)
            {
                (parameterEnd, parameterOwner) = (end, entry);
            }

            if (end > anyEnd)
            {
                (anyEnd, anyOwner) = (end, entry);
            }
        }

        Remember();
        return false;
    }

    /// <summary>The exception for two entries <see cref="TryFindConflict"/> found, named by their sets.</summary>
    public static ArgumentException Refusal(string parameterSet, string otherSet, bool otherIsGradient, string? argumentName) =>
        new(
            $"Parameter set '{parameterSet}': its parameter span shares memory with the {(otherIsGradient ? "gradient" : "parameter")} "
            + $"span of set '{otherSet}'. In one step a set's parameter may share no element with another set's parameter or "
            + "gradient (tied weights are one set). Nothing was updated.",
            argumentName);

    private void Remember()
    {
        if (_checkedStarts.Length < _count)
        {
            _checkedStarts = new nuint[_starts.Length];
            _checkedLengths = new nuint[_starts.Length];
        }

        Starts.CopyTo(_checkedStarts);
        Lengths.CopyTo(_checkedLengths);
        _checkedCount = _count;
    }
}
