// Copyright (c) KeyOperator contributors. Licensed under the Apache License, Version 2.0.

using System.Diagnostics;
using System.Runtime.InteropServices;
using System.Text;
using KeyOperator.Hsm;
using Microsoft.Extensions.Logging.Abstractions;

namespace KeyOperator.Benchmarks.Keys;

/// <summary>
/// A SoftHSM2 token initialised for one benchmark class in a private <c>SOFTHSM2_CONF</c> (set in the process
/// environment too, because SoftHSM2 reads it natively), with an <see cref="HsmRegistry"/> named <c>softhsm</c> over it.
/// Needs softhsm2 (<c>make deps</c>). Disposing removes the registry and the token directory.
/// </summary>
internal sealed partial class SoftHsmBenchToken : IDisposable
{
    private const string Module = "/usr/lib/softhsm/libsofthsm2.so";
    private readonly string _directory;

    public SoftHsmBenchToken(string label, int maxSessions)
    {
        if (!File.Exists(Module))
        {
            throw new InvalidOperationException("SoftHSM2 is not installed: run `make deps`");
        }

        _directory = Directory.CreateTempSubdirectory("keyop-bench-softhsm-").FullName;
        Directory.CreateDirectory(Path.Combine(_directory, "tokens"));
        string config = Path.Combine(_directory, "softhsm2.conf");
        File.WriteAllText(config, $"directories.tokendir = {Path.Combine(_directory, "tokens")}\nobjectstore.backend = file\nlog.level = ERROR\n");
        _ = SetEnv("SOFTHSM2_CONF", config, 1);
        using (Process init = Process.Start(new ProcessStartInfo("softhsm2-util", ["--init-token", "--free", "--label", label, "--pin", "1234", "--so-pin", "12345678"]) { Environment = { ["SOFTHSM2_CONF"] = config }, RedirectStandardOutput = true })!)
        {
            init.WaitForExit();
        }

        Registry = new HsmRegistry([new HsmModuleConfig("softhsm", Module, label, maxSessions)], new Pin(), new HsmMetrics(Prometheus.Metrics.NewCustomRegistry()), TimeProvider.System, NullLogger<HsmRegistry>.Instance);
    }

    public HsmRegistry Registry { get; }

    public void Dispose()
    {
        Registry.Dispose();
        if (Directory.Exists(_directory))
        {
            Directory.Delete(_directory, recursive: true);
        }
    }

    [LibraryImport("libc", EntryPoint = "setenv", StringMarshalling = StringMarshalling.Utf8)]
    private static partial int SetEnv(string name, string value, int overwrite);

    private sealed class Pin : IHsmPinSource
    {
        public ValueTask<byte[]> GetPinAsync(string hsm, CancellationToken cancellationToken) => ValueTask.FromResult(Encoding.UTF8.GetBytes("1234"));
    }
}
