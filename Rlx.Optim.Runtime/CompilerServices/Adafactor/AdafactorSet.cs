using System;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace Rlx.Optim.CompilerServices;

/// <summary>
/// One Adafactor set's step as passes over the set (PyTorch's <c>torch.optim.Adafactor</c>), with the kernel's
/// settings folded in from <typeparamref name="TRule"/>. A set of two or more dimensions is a batch of B matrices of
/// R rows and C columns (its last two dimensions), its second moment factored into <c>row_var</c> (B·R) and
/// <c>col_var</c> (B·C); a vector or a scalar keeps <c>variance</c>. θ and g are read through their storages
/// (<typeparamref name="TParameterStorage"/>, <typeparamref name="TGradientStorage"/>): a 16-bit one is widened
/// exactly, and a 16-bit θ is stored rounded stochastically under its key (<see cref="RoundingKeys"/>).
/// </summary>
/// <remarks>
/// <para>
/// Factored: pass 0 reads each block of a matrix's rows once, summing g² along each row, down each column (the block's
/// own partial sums, added in block order at the pass's end) and θ²; its end updates the factors, their row mean per
/// matrix and the step size α from RMS(θ). Pass 1 sums U² by rows; its end gives the clipping denominator. The update
/// then recomputes U from the factors and writes θ.
/// Unfactored: pass 0 updates <c>variance</c> block by block and sums θ² and U²; the update recomputes U from it.
/// </para>
/// <para>
/// Each unit writes only its own slots, and the slots are added in a fixed order on one thread: the sums, so the
/// step, are the same bits on any number of cores.
/// </para>
/// <para>
/// bfloat16 state: the step computes in float from the widened state exactly as a float set does, and stores each
/// buffer rounded stochastically under its own stream (<c>row_var</c> and <c>variance</c> State0, <c>col_var</c>
/// State1, by element index). The factors are computed into float scratch at pass 0's end, which this step reads,
/// and stored rounded there; <c>variance</c> is computed again, from the same widened values, by the update, which
/// stores it (its pass reads it only), so that nothing of this step reads a rounded value back.
/// </para>
/// </remarks>
internal sealed unsafe class AdafactorSet<TRule, TParameter, TParameterStorage, TGradient, TGradientStorage> : StepPlanSet<AdafactorScalars>
    where TRule : IAdafactorRule
    where TParameter : unmanaged
    where TParameterStorage : struct, IStorage<TParameter>
    where TGradient : unmanaged
    where TGradientStorage : struct, IStorage<TGradient>
{
    /// <summary>Elements a unit covers (rows are grouped up to this many), so that a unit amortizes its call.</summary>
    private const int UnitElements = 16 * 1024;

    /// <summary>
    /// Pass 0 splits a set into about this many blocks of rows (more for a batch), each with its own partial column sums
    /// (C doubles), which the pass's end adds in block order: g is read once, row by row, for both factors. The partials
    /// are scratch held beside the state (not in StateBytes): 16 blocks keep them at 128·C bytes a matrix, enough units
    /// to share a large set's pass among 16 cores.
    /// </summary>
    private const int BlocksPerPass = 16;

    private readonly bool _factored;
    private readonly int _batch;
    private readonly int _rows;
    private readonly int _columns;
    private readonly int _rowsPerUnit;
    private readonly int _rowUnits;
    private readonly int _blockRows;
    private readonly int _blocksPerMatrix;
    private readonly double[] _columnPartials;
    private readonly double[] _blockThetaSums;
    private readonly int _blockUnits;
    private readonly double[] _rowSums;
    private readonly double[] _columnSums;
    private readonly double[] _thetaSums;
    private readonly double[] _updateSums;
    private readonly double[] _rowMeans;
    private readonly float[] _rowInverses;
    private readonly float[] _columnInverses;
    private readonly bool _stateRounds;
    private readonly float[] _rowVarValues;
    private readonly float[] _colVarValues;
    private RoundingKeys _keys;
    private float _gradientScale = 1f;
    private double _alpha;
    private double _step;
    private float* _rowVar;
    private float* _colVar;
    private float* _variance;
    private BFloat16* _storedRowVar;
    private BFloat16* _storedColVar;
    private BFloat16* _storedVariance;

    public AdafactorSet(ParameterState state)
        : base(state)
    {
        _stateRounds = state.Precision == StatePrecision.BFloat16;
        _rowVarValues = _colVarValues = [];
        _factored = FactoredStateLayout.IsFactored(state.Shape);
        if (_factored)
        {
            int dimensions = state.Shape.Count;
            _rows = state.Shape[dimensions - 2];
            _columns = state.Shape[dimensions - 1];
            _batch = _rows == 0 || _columns == 0 ? 0 : state.Length / (_rows * _columns);
            _rowsPerUnit = Math.Max(1, UnitElements / Math.Max(1, _columns));
            _rowUnits = (_batch * _rows + _rowsPerUnit - 1) / _rowsPerUnit;
            _blockRows = Math.Max(_rowsPerUnit, (_batch * _rows + BlocksPerPass - 1) / BlocksPerPass);
            _blocksPerMatrix = (_rows + _blockRows - 1) / _blockRows;
            _columnPartials = new double[_batch * _blocksPerMatrix * _columns];
            _blockThetaSums = new double[_batch * _blocksPerMatrix];
            _rowSums = new double[_batch * _rows];
            _columnSums = new double[_batch * _columns];
            _rowMeans = new double[_batch];
            _rowInverses = new float[_batch * _rows];
            _columnInverses = new float[_batch * _columns];
            if (_stateRounds)
            {
                // This step's factors in float, read by its passes and update (pinned: read through pointers).
                _rowVarValues = GC.AllocateArray<float>(_batch * _rows, pinned: true);
                _colVarValues = GC.AllocateArray<float>(_batch * _columns, pinned: true);
            }

            _thetaSums = [];
            _updateSums = new double[_rowUnits];
        }
        else
        {
            _blockUnits = (state.Length + UnitElements - 1) / UnitElements;
            _rowSums = _columnSums = _rowMeans = _columnPartials = _blockThetaSums = [];
            _rowInverses = _columnInverses = [];
            _thetaSums = new double[_blockUnits];
            _updateSums = new double[_blockUnits];
        }
    }

    internal override int MeasurePasses => _factored ? 2 : 1;

    internal override Type ParameterType => typeof(TParameter);

    internal override Type GradientType => typeof(TGradient);

    internal override int MeasureUnits(int pass) =>
        !_factored ? _blockUnits : pass == 0 ? _batch * _blocksPerMatrix : _rowUnits;

    internal override int MeasureUnitElements(int pass) =>
        !_factored ? UnitElements : Math.Min(pass == 0 ? _blockRows : _rowsPerUnit, Math.Max(1, _rows)) * _columns;

    internal override void Bind(ulong seed, long step, float gradientScale)
    {
        _gradientScale = gradientScale;
        // Only a 16-bit θ or bfloat16 state draws random bits.
        _keys = TParameterStorage.RoundsStochastically || _stateRounds ? RoundingKeys.For(seed, State.Index, step) : default;
        if (_factored && _stateRounds)
        {
            _storedRowVar = (BFloat16*)Unsafe.AsPointer(ref State.Origin(0));
            _storedColVar = (BFloat16*)Unsafe.AsPointer(ref State.Origin(1));
            _rowVar = (float*)Unsafe.AsPointer(ref MemoryMarshal.GetArrayDataReference(_rowVarValues));
            _colVar = (float*)Unsafe.AsPointer(ref MemoryMarshal.GetArrayDataReference(_colVarValues));
        }
        else if (_factored)
        {
            _rowVar = (float*)Unsafe.AsPointer(ref State.Origin(0));
            _colVar = (float*)Unsafe.AsPointer(ref State.Origin(1));
        }
        else if (_stateRounds)
        {
            _storedVariance = (BFloat16*)Unsafe.AsPointer(ref State.Origin(0));
        }
        else
        {
            _variance = (float*)Unsafe.AsPointer(ref State.Origin(0));
        }
    }

    internal override void Measure(int pass, int unit)
    {
        if (!_factored)
        {
            MeasureBlock(unit);
        }
        else if (pass == 1)
        {
            _updateSums[unit] = SumOfUpdateSquares(unit);
        }
        else
        {
            SumBlock(unit);
        }
    }

    internal override void EndMeasure(int pass)
    {
        if (_factored && pass == 0)
        {
            AddColumnPartials();
            UpdateFactors();
            _alpha = Alpha(Sum(_blockThetaSums));
            return;
        }

        if (!_factored)
        {
            _alpha = Alpha(Sum(_thetaSums));
        }

        double norm = Norm(Sum(_updateSums));
        double denominator = PythonMax(1.0, norm / (Math.Sqrt(Length) * TRule.ClippingThreshold));
        _step = -_alpha / denominator;
    }

    internal override void Execute(nuint start, nuint end)
    {
        TParameter* parameter = (TParameter*)Parameter;
        TGradient* gradient = (TGradient*)Gradient;
        if (!TRule.Precise)
        {
            ExecuteFloat(parameter, gradient, start, end);
            return;
        }

        if (!_factored)
        {
            for (nuint i = start; i < end; i++)
            {
                float g = ScalarStorage.ToFloat(gradient[i]);
                float v;
                if (_stateRounds)
                {
                    v = Lerp((float)_storedVariance[i], G(g) * G(g), Scalars.OneMinusBeta2);
                    _storedVariance[i] = StochasticRounding.ToBFloat16(v, _keys.State0, (int)i);
                }
                else
                {
                    v = _variance[i];
                }

                Write(parameter, i, Update(g, v));
            }

            return;
        }

        nuint columns = (nuint)_columns;
        nuint i0 = start;
        while (i0 < end)
        {
            nuint row = i0 / columns;
            nuint rowStart = row * columns;
            nuint rowEnd = Math.Min(end, rowStart + columns);
            nuint matrix = row / (nuint)_rows;
            float rowVar = _rowVar[row];
            double rowMean = _rowMeans[(int)matrix];
            float* colVar = _colVar + matrix * columns;
            for (nuint i = i0; i < rowEnd; i++)
            {
                Write(parameter, i, Update(ScalarStorage.ToFloat(gradient[i]), Estimate(rowVar, colVar[i - rowStart], rowMean)));
            }

            i0 = rowEnd;
        }
    }

    /// <summary>The update in float arithmetic, over vectors: row by row for a factored set.</summary>
    private void ExecuteFloat(TParameter* parameter, TGradient* gradient, nuint start, nuint end)
    {
        float step = (float)_step;
        float decay = (float)Scalars.DecayFactor;
        if (!_factored && _stateRounds)
        {
            AdafactorLoops.UpdateBlock<TParameter, TParameterStorage, TGradient, TGradientStorage, BFloat16, BFloat16Storage>(
                parameter + start, gradient + start, _storedVariance + start, (int)(end - start), SignedScale, (float)Scalars.OneMinusBeta2,
                EpsilonSquared, TRule.Decays, decay, step, in _keys, (int)start);
            return;
        }

        if (!_factored)
        {
            AdafactorLoops.UpdateBlock<TParameter, TParameterStorage, TGradient, TGradientStorage, float, FloatStorage>(
                parameter + start, gradient + start, _variance + start, (int)(end - start), SignedScale, (float)Scalars.OneMinusBeta2,
                EpsilonSquared, TRule.Decays, decay, step, in _keys, (int)start);
            return;
        }

        nuint columns = (nuint)_columns;
        for (nuint i0 = start; i0 < end;)
        {
            nuint row = i0 / columns;
            nuint rowStart = row * columns;
            nuint rowEnd = Math.Min(end, rowStart + columns);
            nuint matrix = row / (nuint)_rows;
            RowFactors factors = FactorsOf(row, (int)matrix);
            nuint column = (matrix * columns) + (i0 - rowStart);
            fixed (float* columnInverses = _columnInverses)
            {
                AdafactorLoops.UpdateRow<TParameter, TParameterStorage, TGradient, TGradientStorage>(
                    parameter + i0, gradient + i0, _colVar + column, columnInverses + column, (int)(rowEnd - i0), in factors, TRule.Decays, decay,
                    step, _keys.Parameter, (int)i0);
            }

            i0 = rowEnd;
        }
    }

    /// <summary>Clipping's factor, negated when maximizing: (−g)·s and −(g·s) are the same float.</summary>
    private float SignedScale => TRule.Maximize ? -_gradientScale : _gradientScale;

    /// <summary>ε₁² as PyTorch's float <c>clamp_</c> takes it (the Python double product, rounded to float).</summary>
    private static float EpsilonSquared => (float)(TRule.Epsilon1 * TRule.Epsilon1);

    internal override double SumOfSquaresOfBlock(int block) =>
        SumOfSquares.OfBlock(ref *(TGradient*)Gradient, Length, block);

    /// <summary>The gradient as the double path reads it: scaled by clipping's factor (in float), negated when maximizing.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private double G(float g) => g * SignedScale;

    /// <summary>
    /// Pass 0 of a factored set, one block of one matrix's rows: Σg² of each row, the block's own Σg² down each
    /// column, and Σθ².
    /// </summary>
    private void SumBlock(int block)
    {
        TParameter* parameter = (TParameter*)Parameter;
        TGradient* gradient = (TGradient*)Gradient;
        int matrix = block / _blocksPerMatrix;
        int first = (matrix * _rows) + (block % _blocksPerMatrix * _blockRows);
        int last = Math.Min(first + _blockRows, (matrix + 1) * _rows);
        fixed (double* partials = &_columnPartials[(long)block * _columns])
        {
            new Span<double>(partials, _columns).Clear();
            double theta = 0;
            for (int row = first; row < last; row++)
            {
                long offset = (long)row * _columns;
                if (!TRule.Precise)
                {
                    _rowSums[row] = AdafactorLoops.AddRowSquares<TGradient, TGradientStorage>(partials, gradient + offset, _columns, _gradientScale);
                    theta += AdafactorLoops.SumOfScaledSquares<TParameter, TParameterStorage>(parameter + offset, _columns, 1f);
                    continue;
                }

                double squares = 0;
                for (int c = 0; c < _columns; c++)
                {
                    double g = G(ScalarStorage.ToFloat(gradient[offset + c]));
                    squares += g * g;
                    partials[c] += g * g;
                    double p = ScalarStorage.ToFloat(parameter[offset + c]);
                    theta += p * p;
                }

                _rowSums[row] = squares;
            }

            _blockThetaSums[block] = theta;
        }
    }

    /// <summary>Each matrix's column sums: its blocks' partial sums, added in block order.</summary>
    private void AddColumnPartials()
    {
        Array.Clear(_columnSums);
        for (int block = 0; block < _blockThetaSums.Length; block++)
        {
            int matrix = block / _blocksPerMatrix;
            for (int c = 0; c < _columns; c++)
            {
                _columnSums[(matrix * _columns) + c] += _columnPartials[((long)block * _columns) + c];
            }
        }
    }

    /// <summary>The end of pass 0: the factors follow the new means, and each matrix's row mean of <c>row_var</c>.</summary>
    private void UpdateFactors()
    {
        double weight = Scalars.OneMinusBeta2;
        for (int row = 0; row < _rowSums.Length; row++)
        {
            _rowVar[row] = Lerp(_stateRounds ? (float)_storedRowVar[row] : _rowVar[row], Mean(_rowSums[row], _columns), weight);
            if (_stateRounds)
            {
                _storedRowVar[row] = StochasticRounding.ToBFloat16(_rowVar[row], _keys.State0, row);
            }
        }

        for (int column = 0; column < _columnSums.Length; column++)
        {
            _colVar[column] = Lerp(_stateRounds ? (float)_storedColVar[column] : _colVar[column], Mean(_columnSums[column], _rows), weight);
            if (_stateRounds)
            {
                _storedColVar[column] = StochasticRounding.ToBFloat16(_colVar[column], _keys.State1, column);
            }
        }

        for (int matrix = 0; matrix < _batch; matrix++)
        {
            double sum = 0;
            for (int r = 0; r < _rows; r++)
            {
                sum += _rowVar[matrix * _rows + r];
            }

            double mean = sum / _rows;
            _rowMeans[matrix] = TRule.Precise ? Math.Max(mean, TRule.Epsilon1) : Math.Max((float)mean, (float)TRule.Epsilon1);
        }

        if (!TRule.Precise)
        {
            // The float path's per-row and per-column factors of U (RowFactors).
            for (int row = 0; row < _rowInverses.Length; row++)
            {
                _rowInverses[row] = (float)(1 / Math.Sqrt(_rowVar[row]));
            }

            for (int column = 0; column < _columnInverses.Length; column++)
            {
                _columnInverses[column] = (float)Math.Sqrt(_rowMeans[column / _columns] / _colVar[column]);
            }
        }
    }

    /// <summary>Row <paramref name="row"/>'s factors for the float path.</summary>
    private RowFactors FactorsOf(nuint row, int matrix) =>
        new((float)(_rowVar[row] / _rowMeans[matrix]), _rowInverses[row], EpsilonSquared, 1f / MathF.Sqrt(EpsilonSquared), SignedScale);

    /// <summary>Pass 1 of a factored set: ΣU² over the unit's rows.</summary>
    private double SumOfUpdateSquares(int unit)
    {
        TGradient* gradient = (TGradient*)Gradient;
        int first = unit * _rowsPerUnit;
        int last = Math.Min(first + _rowsPerUnit, _batch * _rows);
        double sum = 0;
        for (int row = first; row < last; row++)
        {
            int matrix = row / _rows;
            float rowVar = _rowVar[row];
            double rowMean = _rowMeans[matrix];
            float* colVar = _colVar + (long)matrix * _columns;
            long offset = (long)row * _columns;
            if (!TRule.Precise)
            {
                RowFactors factors = FactorsOf((nuint)row, matrix);
                fixed (float* columnInverses = &_columnInverses[matrix * _columns])
                {
                    sum += AdafactorLoops.SumOfUpdateSquares<TGradient, TGradientStorage>(gradient + offset, colVar, columnInverses, _columns, in factors);
                }

                continue;
            }

            for (int c = 0; c < _columns; c++)
            {
                double u = Update(ScalarStorage.ToFloat(gradient[offset + c]), Estimate(rowVar, colVar[c], rowMean));
                sum += u * u;
            }
        }

        return sum;
    }

    /// <summary>Pass 0 of an unfactored set: <c>variance</c> follows g², and Σθ², ΣU² of the block.</summary>
    private void MeasureBlock(int unit)
    {
        TParameter* parameter = (TParameter*)Parameter;
        TGradient* gradient = (TGradient*)Gradient;
        int first = unit * UnitElements;
        int last = Math.Min(first + UnitElements, Length);
        double weight = Scalars.OneMinusBeta2;
        if (!TRule.Precise && _stateRounds)
        {
            (_thetaSums[unit], _updateSums[unit]) = AdafactorLoops.VarianceBlock<TParameter, TParameterStorage, TGradient, TGradientStorage, BFloat16, BFloat16Storage>(
                parameter + first, gradient + first, _storedVariance + first, last - first, SignedScale, (float)weight, EpsilonSquared);
            return;
        }

        if (!TRule.Precise)
        {
            (_thetaSums[unit], _updateSums[unit]) = AdafactorLoops.VarianceBlock<TParameter, TParameterStorage, TGradient, TGradientStorage, float, FloatStorage>(
                parameter + first, gradient + first, _variance + first, last - first, SignedScale, (float)weight, EpsilonSquared);
            return;
        }

        double theta = 0;
        double updates = 0;
        for (int i = first; i < last; i++)
        {
            double p = ScalarStorage.ToFloat(parameter[i]);
            theta += p * p;
            float gradientValue = ScalarStorage.ToFloat(gradient[i]);
            double g = G(gradientValue);
            // A bfloat16 variance is stored by the update, which computes it again (the class's remarks).
            float v = Lerp(_stateRounds ? (float)_storedVariance[i] : _variance[i], g * g, weight);
            if (!_stateRounds)
            {
                _variance[i] = v;
            }

            double u = Update(gradientValue, v);
            updates += u * u;
        }

        _thetaSums[unit] = theta;
        _updateSums[unit] = updates;
    }

    // Double arithmetic (the float path is AdafactorLoops'): the estimate, U and θ's update of one element.

    /// <summary>The factored estimate row_var·col_var / max(mean(row_var), ε₁).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static double Estimate(float rowVar, float colVar, double rowMean) => (double)rowVar * colVar / rowMean;

    /// <summary>U = g / √max(V, ε₁²).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private double Update(float gradient, double estimate) =>
        G(gradient) / Math.Sqrt(Math.Max(estimate, TRule.Epsilon1 * TRule.Epsilon1));

    /// <summary>
    /// θ ← θ·(1 − lr·λ) − (α/denominator)·U, rounded to float once (and a 16-bit θ from that float, stochastically).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private void Write(TParameter* parameter, nuint i, double update)
    {
        double theta = ScalarStorage.ToFloat(parameter[i]);
        if (TRule.Decays)
        {
            theta *= Scalars.DecayFactor;
        }

        parameter[i] = ScalarStorage.Round<TParameter>((float)(theta + _step * update), _keys.Parameter, (int)i);
    }

    /// <summary>The mean of a sum over <paramref name="count"/> elements, as the float state holds it.</summary>
    private static double Mean(double sum, int count) => TRule.Precise ? sum / count : (float)(sum / count);

    /// <summary>PyTorch's <c>lerp_</c>: from the end when the weight is at least ½, so a weight of 1 gives the end exactly.</summary>
    private static float Lerp(float self, double end, double weight) =>
        TRule.Precise
            ? (float)(weight < 0.5 ? self + weight * (end - self) : end - (end - self) * (1 - weight))
            : AdafactorLoops.Lerp(self, (float)end, (float)weight);

    /// <summary>α = max(ε₂, RMS(θ))·ρₜ, RMS(θ) = ‖θ‖/√n with ‖θ‖ as PyTorch's float <c>norm</c> returns it.</summary>
    private double Alpha(double thetaSquares) =>
        PythonMax(TRule.Epsilon2, Norm(thetaSquares) / Math.Sqrt(Length)) * Scalars.RelativeStep;

    /// <summary>
    /// Python's <c>max(a, b)</c>, as PyTorch takes it on these scalars: b only when b &gt; a, so a NaN RMS leaves
    /// the floor (a NaN gradient element then spoils only the elements whose estimate it reaches).
    /// </summary>
    private static double PythonMax(double first, double second) => second > first ? second : first;

    private static double Norm(double squares) => TRule.Precise ? Math.Sqrt(squares) : (float)Math.Sqrt(squares);

    private static double Sum(double[] slots)
    {
        double sum = 0;
        foreach (double slot in slots)
        {
            sum += slot;
        }

        return sum;
    }
}
