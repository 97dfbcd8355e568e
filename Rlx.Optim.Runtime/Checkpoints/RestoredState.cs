using System;
using System.Linq;
using System.Runtime.InteropServices;

namespace Rlx.Optim;

/// <summary>
/// The new state a checkpoint describes, built completely apart from the optimizer's: declared sets' values in
/// plain arrays (copied in afterwards, so references to the live states stay valid), and the sets created on first
/// use as new states.
/// </summary>
internal sealed class RestoredState
{
    private RestoredState(byte[][][] declaredValues, ParameterState[] created)
    {
        DeclaredValues = declaredValues;
        Created = created;
    }

    /// <summary>Per declared set, per buffer, its elements' bytes (in memory order).</summary>
    public byte[][][] DeclaredValues { get; }

    /// <summary>The sets created on first use, in the order of their data.</summary>
    public ParameterState[] Created { get; }

    /// <summary>Allocates the state the plan describes and reads every tensor into it, in the order of the data.</summary>
    public static RestoredState Read(RestorePlan plan, OptimizerDescription description, TensorBytes bytes)
    {
        int elementSize = StateBuffer.ElementSize(description.StatePrecision);
        var declaredValues = new byte[description.Sets.Count][][];
        var created = new ParameterState[plan.Sets.Count(set => set.DeclaredIndex < 0)];
        var valuesBySet = new byte[]?[plan.Sets.Count][];
        var stateBySet = new ParameterState?[plan.Sets.Count];
        var buffersBySet = new int[plan.Sets.Count];
        int next = 0;
        for (int s = 0; s < plan.Sets.Count; s++)
        {
            PlannedSet set = plan.Sets[s];
            CompilerServices.StateBufferShape[] buffers = description.BuffersOf(set.Shape);
            buffersBySet[s] = buffers.Length;
            if (set.DeclaredIndex >= 0)
            {
                bool master = description.Sets[set.DeclaredIndex].MasterWeights;
                byte[][] values = new byte[buffers.Length + (master ? 1 : 0)][];
                for (int b = 0; b < values.Length; b++)
                {
                    values[b] = b < buffers.Length
                        ? new byte[(long)ParameterState.LengthOf(buffers[b].Shape) * elementSize]
                        : new byte[(long)set.Length * sizeof(float)];
                }

                declaredValues[set.DeclaredIndex] = values;
                valuesBySet[s] = values;
            }
            else
            {
                stateBySet[s] = created[next++] = CompilerServices.ParameterStateTable.Create(description, set.Name, set.Shape, masterWeights: false);
            }
        }

        foreach (PlannedTensor tensor in plan.Tensors)
        {
            Span<byte> destination = valuesBySet[tensor.Set] is { } values
                ? values[tensor.Buffer]
                : stateBySet[tensor.Set]!.Buffers[tensor.Buffer].Bytes;
            if (elementSize == sizeof(float) || tensor.Buffer == buffersBySet[tensor.Set])
            {
                LittleEndianFloats.Read(bytes, MemoryMarshal.Cast<byte, float>(destination));
            }
            else
            {
                LittleEndianHalves.Read(bytes, MemoryMarshal.Cast<byte, ushort>(destination));
            }
        }

        // A stateless optimizer's checkpoint holds no tensors: its declared sets have no buffers to fill.
        for (int d = 0; d < declaredValues.Length; d++)
        {
            declaredValues[d] ??= [];
        }

        return new RestoredState(declaredValues, created);
    }
}
