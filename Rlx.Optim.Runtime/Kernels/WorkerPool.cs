using System;
using System.Runtime.ExceptionServices;
using System.Threading;

namespace Rlx.Optim;

/// <summary>A unit of work split into parts: part <c>index</c> of <c>parts</c> runs on one thread.</summary>
internal interface IWorkItem
{
    void Execute(int index, int parts);
}

/// <summary>
/// Persistent background threads, one per extra core, that run the parts of one <see cref="IWorkItem"/> at a time.
/// No thread starts and nothing is allocated per run: the caller signals idle workers and runs part 0 itself.
/// </summary>
/// <remarks>
/// Workers spin briefly before they block, because a training loop steps its sets back to back and a parked thread
/// takes microseconds to wake. A run that finds the pool busy (another optimizer on another thread) runs its parts
/// inline rather than wait.
/// </remarks>
internal sealed class WorkerPool
{
    private const int SpinIterationsBeforeBlocking = 2000;

    public static readonly WorkerPool Shared = new(Environment.ProcessorCount - 1);

    private readonly Worker[] _workers;
    private readonly object _gate = new();
    private readonly Signal _done = new(SpinIterationsBeforeBlocking);
    private IWorkItem? _item;
    private int _parts;
    private int _pending;
    private Exception? _failure;

    private WorkerPool(int workerCount)
    {
        _workers = new Worker[Math.Max(0, workerCount)];
        for (int i = 0; i < _workers.Length; i++)
        {
            _workers[i] = new Worker(this, i + 1);
        }
    }

    /// <summary>Threads besides the caller's.</summary>
    public int WorkerCount => _workers.Length;

    /// <summary>Runs parts 0..<paramref name="parts"/>-1 of <paramref name="item"/>, part 0 on the calling thread, and returns when all are done.</summary>
    public void Run(IWorkItem item, int parts)
    {
        parts = Math.Min(parts, _workers.Length + 1);
        if (parts <= 1 || !Monitor.TryEnter(_gate))
        {
            RunInline(item, parts);
            return;
        }

        try
        {
            _item = item;
            _parts = parts;
            _failure = null;
            _done.Reset();
            Volatile.Write(ref _pending, parts - 1);
            for (int i = 0; i < parts - 1; i++)
            {
                _workers[i].Signal();
            }

            item.Execute(0, parts);
            _done.Wait();
            _item = null;
            if (_failure is { } failure)
            {
                ExceptionDispatchInfo.Capture(failure).Throw();
            }
        }
        finally
        {
            Monitor.Exit(_gate);
        }
    }

    private static void RunInline(IWorkItem item, int parts)
    {
        parts = Math.Max(parts, 1);
        for (int i = 0; i < parts; i++)
        {
            item.Execute(i, parts);
        }
    }

    private void ExecutePart(int index)
    {
        try
        {
            _item!.Execute(index, _parts);
        }
        catch (Exception exception)
        {
            _failure = exception;
        }

        if (Interlocked.Decrement(ref _pending) == 0)
        {
            _done.Set();
        }
    }

    private sealed class Worker
    {
        private readonly WorkerPool _pool;
        private readonly int _index;
        private readonly Signal _start = new(SpinIterationsBeforeBlocking);

        public Worker(WorkerPool pool, int index)
        {
            _pool = pool;
            _index = index;
            Thread thread = new(Loop) { IsBackground = true, Name = $"Rlx.Optim worker {index}" };
            thread.Start();
        }

        public void Signal() => _start.Set();

        private void Loop()
        {
            while (true)
            {
                _start.Wait();
                _start.Reset();
                _pool.ExecutePart(_index);
            }
        }
    }
}
