// Copyright (c) KeyOperator contributors. Licensed under the Apache License, Version 2.0.

using System.Diagnostics;
using System.Runtime.InteropServices;
using System.Security.Cryptography;
using System.Text;
using BenchmarkDotNet.Attributes;
using KeyOperator.Hsm;
using Microsoft.Extensions.Logging.Abstractions;

namespace KeyOperator.Benchmarks.Keys;

/// <summary>
/// Key-pair generation inside SoftHSM2 (token objects, as the operator makes them: C_FindObjects for the label, then
/// C_GenerateKeyPair and the public key read back) beside the same generation in software (.NET), per type. Each
/// HSM operation destroys its pair again, so the token does not grow during the run. Needs softhsm2 (`make deps`).
/// </summary>
[MemoryDiagnoser]
public partial class HsmKeyPairBenchmarks : IDisposable
{
    private const string Module = "/usr/lib/softhsm/libsofthsm2.so";
    private string _directory = string.Empty;
    private HsmRegistry? _registry;
    private int _counter;

    [Params(HsmKeyPairType.EcP256, HsmKeyPairType.EcP384, HsmKeyPairType.Rsa2048, HsmKeyPairType.Rsa3072, HsmKeyPairType.Rsa4096)]
    public HsmKeyPairType Type { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        if (!File.Exists(Module))
        {
            throw new InvalidOperationException("SoftHSM2 is not installed: run `make deps`");
        }

        _directory = Directory.CreateTempSubdirectory("keyop-bench-softhsm-pairs-").FullName;
        Directory.CreateDirectory(Path.Combine(_directory, "tokens"));
        string config = Path.Combine(_directory, "softhsm2.conf");
        File.WriteAllText(config, $"directories.tokendir = {Path.Combine(_directory, "tokens")}\nobjectstore.backend = file\nlog.level = ERROR\n");
        _ = SetEnv("SOFTHSM2_CONF", config, 1);
        using (Process init = Process.Start(new ProcessStartInfo("softhsm2-util", ["--init-token", "--free", "--label", "bench-pairs", "--pin", "1234", "--so-pin", "12345678"]) { Environment = { ["SOFTHSM2_CONF"] = config }, RedirectStandardOutput = true })!)
        {
            init.WaitForExit();
        }

        _registry = new HsmRegistry([new HsmModuleConfig("softhsm", Module, "bench-pairs", 2)], new Pin(), new HsmMetrics(Prometheus.Metrics.NewCustomRegistry()), TimeProvider.System, NullLogger<HsmRegistry>.Instance);
    }

    [Benchmark(Baseline = true)]
    public byte[] Software_Generate()
    {
        if (Type is HsmKeyPairType.EcP256 or HsmKeyPairType.EcP384)
        {
            using ECDsa ec = ECDsa.Create(Type == HsmKeyPairType.EcP256 ? ECCurve.NamedCurves.nistP256 : ECCurve.NamedCurves.nistP384);
            return ec.ExportSubjectPublicKeyInfo();
        }

        using RSA rsa = RSA.Create(Type switch { HsmKeyPairType.Rsa2048 => 2048, HsmKeyPairType.Rsa3072 => 3072, _ => 4096 });
        return rsa.ExportSubjectPublicKeyInfo();
    }

    [Benchmark]
    public async Task<int> SoftHsm_GenerateAndDestroy()
    {
        string label = "bench/pair/v" + Interlocked.Increment(ref _counter).ToString(System.Globalization.CultureInfo.InvariantCulture);
        HsmKeyPair pair = await _registry!.EnsureKeyPairAsync("softhsm", label, Type, CancellationToken.None).ConfigureAwait(false);
        await _registry.DestroyKeyPairAsync("softhsm", label, CancellationToken.None).ConfigureAwait(false);
        return pair.SubjectPublicKeyInfo.Length;
    }

    [GlobalCleanup]
    public void Dispose()
    {
        _registry?.Dispose();
        _registry = null;
        if (Directory.Exists(_directory))
        {
            Directory.Delete(_directory, recursive: true);
        }

        GC.SuppressFinalize(this);
    }

    [LibraryImport("libc", EntryPoint = "setenv", StringMarshalling = StringMarshalling.Utf8)]
    private static partial int SetEnv(string name, string value, int overwrite);

    private sealed class Pin : IHsmPinSource
    {
        public ValueTask<byte[]> GetPinAsync(string hsm, CancellationToken cancellationToken) => ValueTask.FromResult(Encoding.UTF8.GetBytes("1234"));
    }
}
