using System;
using System.IO;

namespace Rlx.Optim;

/// <summary>
/// Replaces a file all at once: the content goes to a temporary file beside it, is flushed to disk, and is then
/// renamed over the target (an atomic replace on the same volume). A crash or an error mid-write leaves the
/// previous file as it was, and the temporary file is deleted on error.
/// </summary>
internal static class AtomicFile
{
    public static void Write(string path, Action<Stream> write)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        string target = Path.GetFullPath(path);
        string directory = Path.GetDirectoryName(target) ?? throw new ArgumentException($"'{path}' names no file.", nameof(path));
        string name = Path.GetFileName(target);
        if (name.Length == 0)
        {
            throw new ArgumentException($"'{path}' names a directory, not a file.", nameof(path));
        }

        // Beside the target, so the rename stays on one volume; hidden and unique, so concurrent saves do not collide.
        string temporary = Path.Combine(directory, $".{name}.{Guid.NewGuid():N}.tmp");
        try
        {
            using (var stream = new FileStream(temporary, FileMode.CreateNew, FileAccess.Write, FileShare.None, bufferSize: 1 << 16))
            {
                write(stream);
                stream.Flush(flushToDisk: true);
            }

            File.Move(temporary, target, overwrite: true);
        }
        catch
        {
            TryDelete(temporary);
            throw;
        }
    }

    private static void TryDelete(string path)
    {
        try
        {
            File.Delete(path);
        }
        catch (IOException)
        {
            // The original error matters more; a leftover temporary file is harmless.
        }
        catch (UnauthorizedAccessException)
        {
        }
    }
}
