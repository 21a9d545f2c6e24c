using System.Runtime.InteropServices;
using System.Text;

namespace ScoringGrid.Grains.Log;

/// <summary>
/// Flushes a directory's entries (files created, truncated or deleted) to stable storage. On
/// Linux and macOS this is an fsync of the directory, through the C library the process already
/// has loaded; elsewhere the file system journals its metadata and nothing is needed.
/// </summary>
internal static class DirectorySync
{
    private static readonly Functions? Libc = Load();

    /// <summary>Whether directories are flushed on this platform.</summary>
    public static bool IsSupported => Libc is not null;

    /// <summary>Flushes <paramref name="directory"/>; throws <see cref="IOException"/> when the flush fails.</summary>
    public static void Flush(string directory)
    {
        if (Libc is not { } libc)
        {
            return;
        }

        var fd = libc.Open(Encoding.UTF8.GetBytes(directory + "\0"), 0 /* O_RDONLY */);
        if (fd < 0)
        {
            throw new IOException($"Cannot open directory {directory} to flush it (errno {Marshal.GetLastPInvokeError()}).");
        }

        try
        {
            if (libc.Fsync(fd) != 0)
            {
                throw new IOException($"Flushing directory {directory} failed (errno {Marshal.GetLastPInvokeError()}).");
            }
        }
        finally
        {
            _ = libc.Close(fd);
        }
    }

    private static Functions? Load()
    {
        if (!OperatingSystem.IsLinux() && !OperatingSystem.IsMacOS())
        {
            return null;
        }

        // The C library is loaded in every .NET process on these systems; resolving through the
        // process avoids guessing its file name (glibc, musl, libSystem).
        var process = NativeLibrary.GetMainProgramHandle();
        if (NativeLibrary.TryGetExport(process, "open", out var open)
            && NativeLibrary.TryGetExport(process, "fsync", out var fsync)
            && NativeLibrary.TryGetExport(process, "close", out var close))
        {
            return new Functions(
                Marshal.GetDelegateForFunctionPointer<OpenFunction>(open),
                Marshal.GetDelegateForFunctionPointer<FileDescriptorFunction>(fsync),
                Marshal.GetDelegateForFunctionPointer<FileDescriptorFunction>(close));
        }

        return null;
    }

    [UnmanagedFunctionPointer(CallingConvention.Cdecl, SetLastError = true)]
    private delegate int OpenFunction(byte[] nullTerminatedUtf8Path, int flags);

    [UnmanagedFunctionPointer(CallingConvention.Cdecl, SetLastError = true)]
    private delegate int FileDescriptorFunction(int fd);

    private sealed record Functions(OpenFunction Open, FileDescriptorFunction Fsync, FileDescriptorFunction Close);
}
