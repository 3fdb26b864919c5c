// Copyright (c) KeyOperator contributors. Licensed under the Apache License, Version 2.0.

using System.Diagnostics;
using System.Runtime.InteropServices;
using System.Security.Cryptography;
using System.Text;
using BenchmarkDotNet.Attributes;
using k8s.Models;
using KeyOperator.Hsm;
using KeyOperator.Operator.ApiKeys;
using KeyOperator.Operator.Hsm;
using KeyOperator.Operator.Keys;
using Microsoft.Extensions.Logging.Abstractions;

namespace KeyOperator.Benchmarks.Keys;

/// <summary>
/// Derivations through SoftHSM2 (a token initialised in a private SOFTHSM2_CONF) beside the same HKDF-Expand in
/// software over the same master, in one run: what the HSM round trips (C_SignInit + C_Sign per 32-byte block,
/// session pool, handle cache) cost per key. Needs softhsm2 installed (`make deps`).
/// </summary>
[MemoryDiagnoser]
public partial class HsmDerivationBenchmarks : IDisposable
{
    private const string Module = "/usr/lib/softhsm/libsofthsm2.so";
    private readonly byte[] _master = RandomNumberGenerator.GetBytes(32);
    private readonly byte[] _info = HsmDerivationContext.Encode("payments", "api-token", "0b6f9d1e-8a43-4a2c-9d7e-3f1c2b5a6d70", "hmac", 1);
    private string _directory = string.Empty;
    private HsmRegistry? _registry;
    private HsmKeyDeriver? _deriver;
    private ApiKey? _tokenKey;

    [GlobalSetup]
    public void Setup()
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
        using (Process init = Process.Start(new ProcessStartInfo("softhsm2-util", ["--init-token", "--free", "--label", "bench", "--pin", "1234", "--so-pin", "12345678"]) { Environment = { ["SOFTHSM2_CONF"] = config }, RedirectStandardOutput = true })!)
        {
            init.WaitForExit();
        }

        _registry = new HsmRegistry([new HsmModuleConfig("softhsm", Module, "bench", 4)], new Pin(), new HsmMetrics(Prometheus.Metrics.NewCustomRegistry()), TimeProvider.System, NullLogger<HsmRegistry>.Instance);
        _registry.ImportSecretKeyAsync("softhsm", "master", _master, token: false, CancellationToken.None).GetAwaiter().GetResult();
        _deriver = new HsmKeyDeriver(new HsmRegistryKeySource(_registry));
        _tokenKey = new ApiKey(
            metadata: new V1ObjectMeta { Name = "api", NamespaceProperty = "payments", Uid = "0b6f9d1e" },
            spec: new ApiKeySpec { Source = new ApiKeySource { Hsm = new HsmSourceSpec("softhsm", "master") } });
    }

    [Benchmark(Baseline = true)]
    public byte[] Software_HkdfExpand32() => HKDF.Expand(HashAlgorithmName.SHA256, _master, 32, _info);

    [Benchmark]
    public Task<byte[]> SoftHsm_Derive32() => _registry!.DeriveAsync("softhsm", "master", _info, 32, CancellationToken.None);

    [Benchmark]
    public byte[] Software_HkdfExpand128() => HKDF.Expand(HashAlgorithmName.SHA256, _master, 128, _info);

    [Benchmark]
    public Task<byte[]> SoftHsm_Derive128() => _registry!.DeriveAsync("softhsm", "master", _info, 128, CancellationToken.None);

    [Benchmark]
    public async Task<string> SoftHsm_MintToken()
    {
        using KeyMaterial material = await _deriver!.DeriveAsync(_tokenKey!, ApiKeyFormat.Token, 1, CancellationToken.None);
        return material.Fingerprint;
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
