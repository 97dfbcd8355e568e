using System;
using System.Buffers.Binary;
using System.Text;
using System.Text.Json.Nodes;

namespace Rlx.Optim.Tests.Checkpoints;

/// <summary>Takes a checkpoint's bytes apart and puts edited ones back together, to make malformed files on purpose.</summary>
internal static class CheckpointFile
{
    public static byte[] Save(ICheckpointable optimizer)
    {
        using var stream = new System.IO.MemoryStream();
        optimizer.SaveCheckpoint(stream);
        return stream.ToArray();
    }

    /// <summary>The header as editable JSON, and the bytes after it.</summary>
    public static (JsonObject Header, byte[] Data) Split(byte[] file)
    {
        int n = checked((int)BinaryPrimitives.ReadUInt64LittleEndian(file));
        var header = (JsonObject)JsonNode.Parse(Encoding.UTF8.GetString(file, 8, n))!;
        return (header, file[(8 + n)..]);
    }

    public static byte[] Join(JsonNode header, byte[] data) => Join(header.ToJsonString(), data);

    /// <summary>The length prefix, <paramref name="json"/> as it is, and <paramref name="data"/>.</summary>
    public static byte[] Join(string json, byte[] data) => Join(Encoding.UTF8.GetBytes(json), data);

    public static byte[] Join(byte[] json, byte[] data)
    {
        byte[] file = new byte[8 + json.Length + data.Length];
        BinaryPrimitives.WriteUInt64LittleEndian(file, (ulong)json.Length);
        json.CopyTo(file, 8);
        data.CopyTo(file, 8 + json.Length);
        return file;
    }

    /// <summary>Edits the header and keeps the data.</summary>
    public static byte[] Edit(byte[] file, Action<JsonObject> edit)
    {
        (JsonObject header, byte[] data) = Split(file);
        edit(header);
        return Join(header, data);
    }

    public static JsonObject Metadata(JsonObject header) => (JsonObject)header["__metadata__"]!;
}
