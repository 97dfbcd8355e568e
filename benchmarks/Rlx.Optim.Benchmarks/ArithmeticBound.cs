using System;
using System.Diagnostics;
using System.Globalization;
using System.Linq;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace Rlx.Optim.Benchmarks;

/// <summary>
/// The in-cache ceiling of an Adam step on one core: every element needs one square root and one division, which
/// share one unit on many cores. Four independent chains of 512-bit square roots, of divisions, and of a division
/// of a square root (as the step does), each timed over many iterations; the last gives the bound in elements per
/// second. No memory is touched.
/// </summary>
public static class ArithmeticBound
{
    private const long Iterations = 20_000_000;
    private const int Rounds = 5;

    public static string Measure()
    {
        double[] sqrt = new double[Rounds], divide = new double[Rounds], both = new double[Rounds];
        Vector512<float> x = Vector512.Create(1.5f), k = Vector512.Create(2.25f);
        for (int round = 0; round < Rounds; round++)
        {
            sqrt[round] = NanosecondsPerVector(() => SquareRoots(x, Iterations));
            divide[round] = NanosecondsPerVector(() => Divisions(x, k, Iterations));
            both[round] = NanosecondsPerVector(() => DivisionsOfSquareRoots(x, k, Iterations));
        }

        double bound = Vector512<float>.Count / both.Min();
        return string.Create(CultureInfo.InvariantCulture,
            $"""
            | per 512-bit vector (best of {Rounds}) | ns |
            |---|---:|
            | square root | {sqrt.Min():F2} |
            | division | {divide.Min():F2} |
            | division of a square root | {both.Min():F2} |

            Bound for one Adam step per core in cache: {bound:F2} billion elements per second.
            """);
    }

    private static double NanosecondsPerVector(Action run)
    {
        long start = Stopwatch.GetTimestamp();
        run();
        return Stopwatch.GetElapsedTime(start).TotalNanoseconds / (4.0 * Iterations);
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static Vector512<float> SquareRoots(Vector512<float> a, long n)
    {
        Vector512<float> b = a, c = a, d = a;
        for (long i = 0; i < n; i++)
        {
            a = Vector512.Sqrt(a);
            b = Vector512.Sqrt(b);
            c = Vector512.Sqrt(c);
            d = Vector512.Sqrt(d);
        }

        return a + b + c + d;
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static Vector512<float> Divisions(Vector512<float> a, Vector512<float> k, long n)
    {
        Vector512<float> b = a, c = a, d = a;
        for (long i = 0; i < n; i++)
        {
            a = k / a;
            b = k / b;
            c = k / c;
            d = k / d;
        }

        return a + b + c + d;
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static Vector512<float> DivisionsOfSquareRoots(Vector512<float> a, Vector512<float> k, long n)
    {
        Vector512<float> b = a, c = a, d = a;
        for (long i = 0; i < n; i++)
        {
            a = k / Vector512.Sqrt(a);
            b = k / Vector512.Sqrt(b);
            c = k / Vector512.Sqrt(c);
            d = k / Vector512.Sqrt(d);
        }

        return a + b + c + d;
    }
}
