using System;

namespace Rlx.Optim.Tests.Sharding;

/// <summary>
/// The sharded tests' data: initial parameters and each rank's gradients, fixed functions of (rank, step, set,
/// element), shared by the tests and the ranks that <c>mpirun</c> starts (<c>MpiRanks</c>).
/// </summary>
internal static class TrainingData
{
    public static float Initial(int set, int i) => MathF.Sin(set * 1000 + i * 0.37f);

    public static float Gradient(int rank, int step, int set, int i) =>
        MathF.Cos((rank + 1) * 0.731f + step * 1.37f + set * 0.113f + i * 0.0071f) * (1 + rank) * 0.01f;
}
