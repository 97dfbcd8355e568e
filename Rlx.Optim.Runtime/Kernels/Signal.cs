using System.Threading;

namespace Rlx.Optim;

/// <summary>
/// A manual-reset flag that spins briefly, then blocks on a monitor. Unlike <see cref="ManualResetEventSlim"/>, it
/// allocates nothing after construction (that one creates its lock object on the first blocking wait), so stepping
/// across cores stays allocation-free from the first step on.
/// </summary>
internal sealed class Signal
{
    private readonly object _gate = new();
    private readonly int _spins;
    private int _set;

    /// <param name="spins">Polls before blocking: a parked thread takes microseconds to wake.</param>
    public Signal(int spins)
    {
        _spins = spins;
    }

    public void Set()
    {
        lock (_gate)
        {
            Volatile.Write(ref _set, 1);
            Monitor.PulseAll(_gate);
        }
    }

    /// <summary>Clears the flag. Only the thread that waits on it may call this.</summary>
    public void Reset() => Volatile.Write(ref _set, 0);

    public void Wait()
    {
        for (int i = 0; i < _spins; i++)
        {
            if (Volatile.Read(ref _set) != 0)
            {
                return;
            }

            Thread.SpinWait(8);
        }

        lock (_gate)
        {
            while (Volatile.Read(ref _set) == 0)
            {
                Monitor.Wait(_gate);
            }
        }
    }
}
