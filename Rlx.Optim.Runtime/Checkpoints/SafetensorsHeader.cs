using System.Collections.Generic;

namespace Rlx.Optim;

/// <summary>One tensor of a safetensors header, checked: F32, a shape of at most <see cref="int.MaxValue"/> elements, and offsets that span exactly its bytes.</summary>
/// <param name="Name">The tensor's name.</param>
/// <param name="Shape">Its dimensions.</param>
/// <param name="Begin">Its first byte, relative to the data after the header.</param>
/// <param name="End">One past its last byte.</param>
/// <param name="Dtype">Its element type: F32 or BF16.</param>
internal sealed record SafetensorsTensor(string Name, int[] Shape, long Begin, long End, string Dtype)
{
    /// <summary>Its elements: the product of the dimensions.</summary>
    public int Length => (int)((End - Begin) / CheckpointFormat.ElementSize(Dtype));
}

/// <summary>
/// A parsed and structurally valid safetensors header: every tensor well formed, and together covering the data
/// buffer exactly, without gap or overlap.
/// </summary>
/// <param name="Tensors">The tensors, in the order of their data.</param>
/// <param name="Metadata">The <c>__metadata__</c> entries, or <see langword="null"/> when there are none.</param>
/// <param name="HeaderBytes">The size of the whole header: the 8-byte length and the JSON.</param>
/// <param name="DataBytes">The size of the data buffer after the header.</param>
internal sealed record SafetensorsHeader(
    IReadOnlyList<SafetensorsTensor> Tensors,
    IReadOnlyDictionary<string, string>? Metadata,
    long HeaderBytes,
    long DataBytes);
