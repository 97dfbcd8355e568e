using System;
using System.IO;
using System.Runtime.InteropServices;

namespace Rlx.Optim;

/// <summary>
/// Replaces a file all at once: the content goes to a temporary file beside it, is flushed to disk, and is then
/// renamed over the target (an atomic replace on the same volume). A crash or an error mid-write leaves the
/// previous file as it was, and the temporary file is deleted on error. On Linux and macOS the directory is then
/// flushed too, so the rename itself survives a power loss once the save returns.
/// </summary>
internal static partial class AtomicFile
{
    /// <summary>O_RDONLY, 0 on every Unix.</summary>
    private const int ReadOnly = 0;

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

            MoveIntoPlace(temporary, target);
        }
        catch
        {
            TryDelete(temporary);
            throw;
        }
    }

    /// <summary>
    /// Renames a complete, flushed file over <paramref name="target"/>, then flushes the directory (the file is in place
    /// whatever happens there: a directory that cannot be flushed only loses durability).
    /// </summary>
    public static void MoveIntoPlace(string temporary, string target)
    {
        File.Move(temporary, target, overwrite: true);
        TryFlushDirectory(Path.GetDirectoryName(Path.GetFullPath(target))!);
    }

    /// <summary>
    /// fsync(2) on the directory, which a rename changes: without it a power loss can bring back the directory entry of
    /// the previous file even after the save returned. .NET opens no directory as a file, hence libc. Returns whether
    /// the directory was flushed (false on Windows, whose renames need no such step, and on any error).
    /// </summary>
    internal static bool TryFlushDirectory(string directory)
    {
        if (!OperatingSystem.IsLinux() && !OperatingSystem.IsMacOS() && !OperatingSystem.IsFreeBSD())
        {
            return false;
        }

        try
        {
            int descriptor = Open(directory, ReadOnly);
            if (descriptor < 0)
            {
                return false;
            }

            bool flushed = Fsync(descriptor) == 0;
            _ = Close(descriptor);
            return flushed;
        }
        catch (Exception e) when (e is DllNotFoundException or EntryPointNotFoundException)
        {
            return false;
        }
    }

    [LibraryImport("libc", EntryPoint = "open", StringMarshalling = StringMarshalling.Utf8)]
    private static partial int Open(string path, int flags);

    [LibraryImport("libc", EntryPoint = "fsync")]
    private static partial int Fsync(int descriptor);

    [LibraryImport("libc", EntryPoint = "close")]
    private static partial int Close(int descriptor);

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
