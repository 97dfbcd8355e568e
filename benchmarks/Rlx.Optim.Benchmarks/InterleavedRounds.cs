using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Linq;

namespace Rlx.Optim.Benchmarks;

/// <summary>
/// The Stopwatch studies' way of timing: the cases run in turn, a batch each, round after round, in an order that
/// rotates so no case always follows the same one. On a shared host whose speed drifts, only ratios within a round
/// compare like with like; the studies report medians over rounds.
/// </summary>
internal static class InterleavedRounds
{
    /// <summary>Nanoseconds per call of each case in each round (<c>[case, round]</c>), after <paramref name="warmUpCalls"/> calls of each.</summary>
    public static double[,] Time(IReadOnlyList<Action> cases, int rounds, int callsPerBatch, int warmUpCalls)
    {
        foreach (Action run in cases)
        {
            for (int i = 0; i < warmUpCalls; i++)
            {
                run();
            }
        }

        double[,] times = new double[cases.Count, rounds];
        for (int round = 0; round < rounds; round++)
        {
            for (int k = 0; k < cases.Count; k++)
            {
                int c = (k + round) % cases.Count;
                long start = Stopwatch.GetTimestamp();
                for (int i = 0; i < callsPerBatch; i++)
                {
                    cases[c]();
                }

                times[c, round] = Stopwatch.GetElapsedTime(start).TotalNanoseconds / callsPerBatch;
            }
        }

        return times;
    }

    /// <summary>The median over rounds of <paramref name="value"/>(round).</summary>
    public static double MedianOverRounds(int rounds, Func<int, double> value) => Median(Enumerable.Range(0, rounds).Select(value));

    public static double Median(IEnumerable<double> values)
    {
        double[] sorted = values.Order().ToArray();
        return sorted[sorted.Length / 2];
    }
}
