// Copyright (c) KeyOperator contributors. Licensed under the Apache License, Version 2.0.

using System.Runtime.InteropServices;
using Net.Pkcs11Interop.Common;
using Net.Pkcs11Interop.HighLevelAPI;

namespace KeyOperator.Hsm;

/// <summary>
/// One loaded and initialised module per path in the process. C_Initialize may be called once per process (a second
/// call answers CKR_CRYPTOKI_ALREADY_INITIALIZED), and several configured HSMs, or several hosts in one test process,
/// may share a module; the last release calls C_Finalize.
/// </summary>
internal static class Pkcs11ModuleCache
{
    private static readonly Lock s_gate = new();
    private static readonly Dictionary<string, (IPkcs11Library Library, int References)> s_modules = new(StringComparer.Ordinal);

    static Pkcs11ModuleCache()
    {
        // Pkcs11Interop 5.3.0 binds dlopen from "libdl", which resolves only through the libdl.so development symlink;
        // glibc 2.34+ systems without libc6-dev (Debian 12 images) have only libdl.so.2, and since 2.34 dlopen is in
        // libc itself. Resolve the name for that assembly alone.
        NativeLibrary.SetDllImportResolver(typeof(Pkcs11InteropFactories).Assembly, static (name, assembly, searchPath) =>
        {
            if (!string.Equals(name, "libdl", StringComparison.Ordinal))
            {
                return IntPtr.Zero;
            }

            return NativeLibrary.TryLoad("libdl.so.2", out IntPtr handle) || NativeLibrary.TryLoad("libc.so.6", out handle) ? handle : IntPtr.Zero;
        });
    }

    public static Pkcs11InteropFactories Factories { get; } = new();

    /// <summary>Loads (or shares) the module, initialised for multi-threaded use with OS locking.</summary>
    /// <exception cref="HsmException">The module cannot be loaded or initialised.</exception>
    public static IPkcs11Library Acquire(string hsm, string path)
    {
        lock (s_gate)
        {
            if (s_modules.TryGetValue(path, out var entry))
            {
                s_modules[path] = (entry.Library, entry.References + 1);
                return entry.Library;
            }

            if (!File.Exists(path))
            {
                throw new HsmException(HsmFailure.Unavailable, null, $"HSM \"{hsm}\": PKCS#11 module {path} does not exist");
            }

            IPkcs11Library library;
            try
            {
                // MultiThreaded passes CKF_OS_LOCKING_OK: the pool uses sessions from several threads at once.
                library = Factories.Pkcs11LibraryFactory.LoadPkcs11Library(Factories, path, AppType.MultiThreaded);
            }
            catch (Pkcs11Exception ex)
            {
                throw HsmException.FromPkcs11(hsm, "loading module " + path, ex);
            }
            catch (Exception ex) when (ex is UnmanagedException or DllNotFoundException or BadImageFormatException or EntryPointNotFoundException)
            {
                throw new HsmException(HsmFailure.Unavailable, null, $"HSM \"{hsm}\": PKCS#11 module {path} cannot be loaded: {ex.Message}", ex);
            }

            s_modules[path] = (library, 1);
            return library;
        }
    }

    /// <summary>Releases one reference; the last one finalises and unloads the module.</summary>
    public static void Release(string path)
    {
        lock (s_gate)
        {
            if (!s_modules.TryGetValue(path, out var entry))
            {
                return;
            }

            if (entry.References > 1)
            {
                s_modules[path] = (entry.Library, entry.References - 1);
                return;
            }

            s_modules.Remove(path);
            entry.Library.Dispose();
        }
    }
}
