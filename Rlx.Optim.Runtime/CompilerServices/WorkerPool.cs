using System;
using System.Runtime.ExceptionServices;
using System.Runtime.InteropServices;
using System.Threading;

namespace Rlx.Optim.CompilerServices;

/// <summary>An elementwise unit of work over <c>[0, Length)</c> that any thread may run any part of.</summary>
internal interface IWorkItem
{
    int Length { get; }

    /// <summary>Runs elements <c>[start, end)</c>; <paramref name="start"/> is a multiple of <see cref="ElementwiseDriver.ChunkGranularity"/>.</summary>
    void Execute(nuint start, nuint end);
}

/// <summary>
/// Persistent background threads, one per extra core, that run one <see cref="IWorkItem"/> at a time with the
/// calling thread. No thread starts and nothing is allocated per run.
/// </summary>
/// <remarks>
/// <para>
/// The item is cut into one contiguous home range per part (on 64-byte boundaries), and each range into blocks that
/// are claimed with an interlocked add on that range's own cursor: the caller works through range 0, each worker
/// that joins through the next free range, and whoever runs out takes blocks from the others' ranges. So a worker
/// that is slow to wake, or is descheduled by another process, delays nothing: the caller takes its blocks, and if
/// the caller finishes everything first, the run is closed and a late worker does not join it. The caller only ever
/// waits for workers that are inside the run, finishing a block.
/// </para>
/// <para>
/// Workers poll for a while before they block, because a training loop steps its sets back to back and a parked
/// thread takes microseconds to wake. A run that finds the pool busy (another optimizer on another thread) runs
/// inline rather than wait.
/// </para>
/// </remarks>
internal sealed class WorkerPool
{
    /// <summary>Elements per claimed block: a few microseconds of work, so the claims cost nothing measurable.</summary>
    internal const int BlockElements = 16 * 1024;

    private const int SpinMicroseconds = 100;

    // _state: workers inside the run (low 16 bits), workers that have joined it (next 16), closed (bit 62).
    private const long InsideOne = 1;
    private const long InsideMask = 0xFFFF;
    private const long JoinedOne = 1 << 16;
    private const int JoinedShift = 16;
    private const long Closed = 1L << 62;

    public static readonly WorkerPool Shared = new(Environment.ProcessorCount - 1);

    private readonly Worker[] _workers;
    private readonly Cursor[] _cursors;
    private readonly object _busy = new();
    private readonly Signal _done = new(SpinMicroseconds);
    private IWorkItem? _item;
    private int _parts;
    private long _state = Closed;
    private Exception? _failure;

    private WorkerPool(int workerCount)
    {
        _workers = new Worker[Math.Max(0, workerCount)];
        _cursors = new Cursor[_workers.Length + 1];
        for (int i = 0; i < _workers.Length; i++)
        {
            _workers[i] = new Worker(this, i + 1);
        }
    }

    /// <summary>Threads besides the caller's.</summary>
    public int WorkerCount => _workers.Length;

    /// <summary>
    /// Runs all of <paramref name="item"/> on the calling thread and up to <paramref name="parts"/> − 1 workers,
    /// and returns when every element is done and no worker is still using the item.
    /// </summary>
    public void Run(IWorkItem item, int parts)
    {
        parts = Math.Min(parts, _workers.Length + 1);
        if (parts <= 1 || !Monitor.TryEnter(_busy))
        {
            item.Execute(0, (nuint)item.Length);
            return;
        }

        try
        {
            _item = item;
            _parts = parts;
            _failure = null;
            for (int i = 0; i < parts; i++)
            {
                (nuint start, nuint end) = ElementwiseDriver.ChunkOf(item.Length, i, parts);
                _cursors[i].Next = (long)start;
                _cursors[i].End = (long)end;
            }

            _done.Reset();
            Volatile.Write(ref _state, 0); // open: nobody inside, nobody joined
            for (int i = 0; i < parts - 1; i++)
            {
                _workers[i].Wake();
            }

            try
            {
                RunBlocks(item, 0, parts);
            }
            finally
            {
                // Close the run to late workers, then wait for those inside to finish their blocks.
                if ((Interlocked.Or(ref _state, Closed) & InsideMask) != 0)
                {
                    _done.Wait();
                }

                _item = null;
            }

            if (_failure is { } failure)
            {
                ExceptionDispatchInfo.Capture(failure).Throw();
            }
        }
        finally
        {
            Monitor.Exit(_busy);
        }
    }

    /// <summary>Claims and runs blocks of the home range, then of every other range, until none is left.</summary>
    private void RunBlocks(IWorkItem item, int home, int parts)
    {
        for (int k = 0; k < parts; k++)
        {
            ref Cursor cursor = ref _cursors[(home + k) % parts];
            long end = cursor.End;
            while (Volatile.Read(ref cursor.Next) < end)
            {
                long start = Interlocked.Add(ref cursor.Next, BlockElements) - BlockElements;
                if (start >= end)
                {
                    break;
                }

                item.Execute((nuint)start, (nuint)Math.Min(start + BlockElements, end));
            }
        }
    }

    /// <summary>Joins the open run, if it still admits a worker, runs blocks and leaves.</summary>
    private void Participate()
    {
        long state = Volatile.Read(ref _state);
        while (true)
        {
            if ((state & Closed) != 0 || (int)(state >> JoinedShift) + 1 >= Volatile.Read(ref _parts))
            {
                return;
            }

            long seen = Interlocked.CompareExchange(ref _state, state + JoinedOne + InsideOne, state);
            if (seen == state)
            {
                break;
            }

            state = seen;
        }

        try
        {
            // A worker that read the previous run's part count may have joined one part too many: it leaves.
            int home = (int)(state >> JoinedShift) + 1;
            if (home < _parts)
            {
                RunBlocks(_item!, home, _parts);
            }
        }
        catch (Exception exception)
        {
            Interlocked.CompareExchange(ref _failure, exception, null);
        }

        if ((Interlocked.Add(ref _state, -InsideOne) & (Closed | InsideMask)) == Closed)
        {
            _done.Set();
        }
    }

    /// <summary>A home range's next unclaimed element and its end, alone on its cache lines.</summary>
    [StructLayout(LayoutKind.Explicit, Size = 128)]
    private struct Cursor
    {
        [FieldOffset(64)]
        public long Next;

        [FieldOffset(72)]
        public long End;
    }

    private sealed class Worker
    {
        private readonly WorkerPool _pool;
        private readonly Signal _wake = new(SpinMicroseconds);

        public Worker(WorkerPool pool, int index)
        {
            _pool = pool;
            Thread thread = new(Loop) { IsBackground = true, Name = $"Rlx.Optim worker {index}" };
            thread.Start();
        }

        public void Wake() => _wake.Set();

        private void Loop()
        {
            while (true)
            {
                _wake.Wait();
                _wake.Reset();
                _pool.Participate();
            }
        }
    }
}
