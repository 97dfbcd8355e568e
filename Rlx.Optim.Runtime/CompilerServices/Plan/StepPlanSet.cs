using System;
using System.ComponentModel;
using System.Runtime.CompilerServices;

namespace Rlx.Optim.CompilerServices;

/// <summary>
/// One declared set's part of a <see cref="StepPlan"/>: its kernel over the storages of its element types. A
/// generated kernel creates it (<see cref="StepPlan.Set{TWide, TPreferred, TScalars, TParameter, TGradient}"/>).
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public abstract unsafe class StepPlanSet
{
    private protected StepPlanSet(ParameterState state)
    {
        State = state;
    }

    internal ParameterState State { get; }

    internal int Length => State.Length;

    /// <summary>θ's and g's first bytes, while <see cref="StepPlan"/> has them pinned; null otherwise.</summary>
    internal byte* Parameter { get; set; }

    internal byte* Gradient { get; set; }

    /// <summary>
    /// Readies the set for this step's update: its state's addresses (after any placement), its rounding keys, the
    /// factor its gradient is scaled by, and its master copy taken if this is the set's first step.
    /// </summary>
    internal abstract void Bind(ulong seed, long step, float gradientScale);

    /// <summary>Updates elements <c>[start, end)</c> of the set.</summary>
    internal abstract void Execute(nuint start, nuint end);

    /// <summary>The sum of the squares of the gradient's block <paramref name="block"/> (<see cref="SumOfSquares"/>).</summary>
    internal abstract double SumOfSquaresOfBlock(int block);

    /// <summary>
    /// Passes that read the set before its update, for rules that need per-set reductions first (a norm of θ, of the
    /// update, row and column sums); 0 for an elementwise rule.
    /// </summary>
    internal virtual int MeasurePasses => 0;

    /// <summary>The independent units of work of pass <paramref name="pass"/>; the same on every step.</summary>
    internal virtual int MeasureUnits(int pass) => 0;

    /// <summary>About how many elements a unit of pass <paramref name="pass"/> reads: its weight when cores share the pass.</summary>
    internal virtual int MeasureUnitElements(int pass) => SumOfSquares.BlockElements;

    /// <summary>
    /// Runs unit <paramref name="unit"/> of pass <paramref name="pass"/>, with θ and g pinned and the set bound. Cores
    /// run units in any order, so a unit writes only its own result, never a shared sum.
    /// </summary>
    internal virtual void Measure(int pass, int unit)
    {
    }

    /// <summary>
    /// On the calling thread, after every unit of pass <paramref name="pass"/>: reduces the units' results in a fixed
    /// order (the same bits on any core count) and readies the next pass or the update.
    /// </summary>
    internal virtual void EndMeasure(int pass)
    {
    }

    /// <summary>
    /// Doubles each unit of a measure pass leaves for <see cref="EndMeasure"/>, when the units are the norm's blocks
    /// (<see cref="SumOfSquares.BlockElements"/> elements each, counted from the set's start): a process of a sharded
    /// run then measures the units of its shard and the processes exchange these results
    /// (<see cref="StepPlan.MeasureShards"/>). 0 when the units are not such blocks.
    /// </summary>
    internal virtual int ResultsPerBlock => 0;

    /// <summary>Copies unit <paramref name="unit"/>'s results of pass <paramref name="pass"/> out (<see cref="ResultsPerBlock"/> of them).</summary>
    internal virtual void ReadResults(int pass, int unit, Span<double> results)
    {
    }

    /// <summary>Sets unit <paramref name="unit"/>'s results of pass <paramref name="pass"/>, as another process measured them.</summary>
    internal virtual void WriteResults(int pass, int unit, ReadOnlySpan<double> results)
    {
    }

    /// <summary>θ's element type: float, Half or BFloat16 (a sharded run's flat buffers hold each set in its own).</summary>
    internal virtual System.Type ParameterType => typeof(float);

    /// <summary>g's element type: float, Half or BFloat16.</summary>
    internal virtual System.Type GradientType => typeof(float);

    /// <summary>θ's size in bytes.</summary>
    internal long ParameterBytes => (long)Length * ElementBytes(ParameterType);

    /// <summary>g's size in bytes.</summary>
    internal long GradientBytes => (long)Length * ElementBytes(GradientType);

    private static int ElementBytes(System.Type type) => type == typeof(float) ? sizeof(float) : 2;

    /// <summary>A plan of this set alone, for one-set calls (<see cref="StepPlan.RunSet"/>); created on first use.</summary>
    internal StepPlan? Alone { get; set; }

    /// <summary>
    /// The sum of the squares of the gradient's block <paramref name="block"/>, read from the block's own first
    /// element: a shard's gradient holds only its part of the set, so nothing is addressed before it.
    /// </summary>
    private protected double SumOfSquaresOfGradientBlock<TGradient>(int block)
        where TGradient : unmanaged
    {
        int start = block * SumOfSquares.BlockElements;
        return SumOfSquares.OfElements(ref ((TGradient*)Gradient)[start], Math.Min(SumOfSquares.BlockElements, Length - start));
    }

    /// <summary>
    /// Where the set's element 0 of state buffer <paramref name="buffer"/> is, or would be: a shard's buffer starts at
    /// its slice, so this address is outside it and only its slice's elements are ever read (<see cref="StateAt"/>).
    /// </summary>
    private protected byte* StateOrigin(int buffer) =>
        (byte*)Unsafe.AsPointer(ref State.SliceOrigin(buffer)) - ((long)State.SliceStart * StateBuffer.ElementSize(State.Precision));

    /// <summary>
    /// Element <paramref name="index"/> of a state buffer whose element 0 is at <paramref name="origin"/>, or a null
    /// reference for a buffer the rule lacks. Streams start at the range's first element, never before it: a buffer
    /// that holds only a slice of the set (a shard's) has no element 0.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private protected static ref T StateAt<T>(byte* origin, nuint index)
        where T : unmanaged =>
        ref origin == null ? ref Unsafe.NullRef<T>() : ref ((T*)origin)[index];
}

/// <summary>A <see cref="StepPlanSet"/> whose kernel takes scalars of <typeparamref name="TScalars"/>, set per step.</summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public abstract class StepPlanSet<TScalars> : StepPlanSet
    where TScalars : unmanaged
{
    private protected StepPlanSet(ParameterState state)
        : base(state)
    {
    }

    internal TScalars Scalars;
}
