using System.Diagnostics;
using System.Threading;

namespace Rlx.Optim.CompilerServices;

/// <summary>
/// A manual-reset flag that spins, then blocks on a monitor. Setting it is one interlocked write while the waiter
/// spins; the monitor is taken only when the waiter has blocked. Unlike <see cref="ManualResetEventSlim"/>, it
/// allocates nothing after construction (that one creates its lock object on the first blocking wait), so stepping
/// across cores stays allocation-free from the first step on.
/// </summary>
internal sealed class Signal
{
    private readonly object _gate = new();
    private readonly long _spinTicks;
    private int _set;
    private int _blocked;

    /// <param name="spinMicroseconds">How long to poll before blocking: a parked thread takes microseconds to wake.</param>
    public Signal(int spinMicroseconds)
    {
        _spinTicks = spinMicroseconds * Stopwatch.Frequency / 1_000_000;
    }

    public void Set()
    {
        // Both sides use full fences (here the exchange, in Block the increment), so either the waiter sees the
        // flag before it sleeps or this sees the waiter and wakes it.
        Interlocked.Exchange(ref _set, 1);
        if (Volatile.Read(ref _blocked) != 0)
        {
            lock (_gate)
            {
                Monitor.PulseAll(_gate);
            }
        }
    }

    /// <summary>Clears the flag. Only the thread that waits on it may call this.</summary>
    public void Reset() => Volatile.Write(ref _set, 0);

    public void Wait()
    {
        long deadline = Stopwatch.GetTimestamp() + _spinTicks;
        do
        {
            for (int i = 0; i < 32; i++)
            {
                if (Volatile.Read(ref _set) != 0)
                {
                    return;
                }

                Thread.SpinWait(1);
            }
        }
        while (Stopwatch.GetTimestamp() < deadline);

        Block();
    }

    private void Block()
    {
        lock (_gate)
        {
            Interlocked.Increment(ref _blocked);
            while (Volatile.Read(ref _set) == 0)
            {
                Monitor.Wait(_gate);
            }

            Interlocked.Decrement(ref _blocked);
        }
    }
}
