using Rlx.Optim.Tests.Golden;

namespace Rlx.Optim.Tests.Numerics;

/// <summary>
/// An ill-conditioned least-squares problem: minimise L(θ) = ‖A(θ − θ*)‖²/(2·rows), A of 256 × 128 entries drawn
/// uniform in [−1, 1) by <see cref="SplitMix64"/> and column j scaled by 0.9ʲ (the Hessian's eigenvalues span
/// about twelve orders of magnitude), θ* uniform in [−1, 1), θ₀ = 0. The gradient is H(θ − θ*), H = AᵀA/rows
/// formed in double and rounded to float once, computed in float in a fixed order; the loss is evaluated in
/// double from A. The optimum's loss is 0, and the gradient falls by orders of magnitude on the way: the second
/// moment must decay for Adam to keep its pace.
/// </summary>
/// <remarks>
/// The problem of the scalar bfloat16-moment study (<see cref="BFloat16StateTests"/>) and of the generated optimizers'
/// long run (<c>SixteenBit/BFloat16StateLongRunTests</c>); scalar code in a fixed order, so the same numbers on every
/// machine.
/// </remarks>
internal sealed class IllConditionedLeastSquares
{
    public const int Parameters = 128;
    private const int Rows = 256;
    private const double ColumnDecay = 0.9;

    private readonly double[] _a = new double[Rows * Parameters];
    private readonly float[] _hessian = new float[Parameters * Parameters];
    private readonly float[] _optimum = new float[Parameters];
    private readonly float[] _offset = new float[Parameters];

    public IllConditionedLeastSquares()
    {
        var random = new SplitMix64(0x1EA5_7500);
        for (int j = 0; j < Parameters; j++)
        {
            double scale = 1;
            for (int k = 0; k < j; k++)
            {
                scale *= ColumnDecay;
            }

            for (int i = 0; i < Rows; i++)
            {
                _a[(i * Parameters) + j] = random.Draw(1f) * scale;
            }
        }

        for (int p = 0; p < Parameters; p++)
        {
            for (int q = 0; q < Parameters; q++)
            {
                double sum = 0;
                for (int i = 0; i < Rows; i++)
                {
                    sum += _a[(i * Parameters) + p] * _a[(i * Parameters) + q];
                }

                _hessian[(p * Parameters) + q] = (float)(sum / Rows);
            }
        }

        random.Fill(_optimum, 1f);
    }

    /// <summary>Writes H(θ − θ*) into <paramref name="gradient"/>, in float.</summary>
    public void Gradient(float[] theta, float[] gradient)
    {
        for (int q = 0; q < Parameters; q++)
        {
            _offset[q] = theta[q] - _optimum[q];
        }

        for (int p = 0; p < Parameters; p++)
        {
            float sum = 0;
            int row = p * Parameters;
            for (int q = 0; q < Parameters; q++)
            {
                sum += _hessian[row + q] * _offset[q];
            }

            gradient[p] = sum;
        }
    }

    /// <summary>‖A(θ − θ*)‖²/(2·rows), in double.</summary>
    public double Loss(float[] theta)
    {
        double sum = 0;
        for (int i = 0; i < Rows; i++)
        {
            double residual = 0;
            for (int j = 0; j < Parameters; j++)
            {
                residual += _a[(i * Parameters) + j] * ((double)theta[j] - _optimum[j]);
            }

            sum += residual * residual;
        }

        return sum / (2 * Rows);
    }
}
