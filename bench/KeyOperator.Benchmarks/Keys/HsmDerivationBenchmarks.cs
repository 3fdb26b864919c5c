// Copyright (c) KeyOperator contributors. Licensed under the Apache License, Version 2.0.

using System.Security.Cryptography;
using BenchmarkDotNet.Attributes;
using k8s.Models;
using KeyOperator.Hsm;
using KeyOperator.Operator.ApiKeys;
using KeyOperator.Operator.Hsm;
using KeyOperator.Operator.Keys;

namespace KeyOperator.Benchmarks.Keys;

/// <summary>
/// Derivations through SoftHSM2 (a token initialised in a private SOFTHSM2_CONF) beside the same HKDF-Expand in
/// software over the same master, in one run: what the HSM round trips (C_SignInit + C_Sign per 32-byte block,
/// session pool, handle cache) cost per key. Needs softhsm2 installed (`make deps`).
/// </summary>
[MemoryDiagnoser]
public class HsmDerivationBenchmarks : IDisposable
{
    private readonly byte[] _master = RandomNumberGenerator.GetBytes(32);
    private readonly byte[] _info = HsmDerivationContext.Encode("payments", "api-token", "0b6f9d1e-8a43-4a2c-9d7e-3f1c2b5a6d70", "hmac", 1);
    private SoftHsmBenchToken? _token;
    private HsmRegistry? _registry;
    private HsmKeyDeriver? _deriver;
    private ApiKey? _tokenKey;

    [GlobalSetup]
    public void Setup()
    {
        _token = new SoftHsmBenchToken("bench", 4);
        _registry = _token.Registry;
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
        _token?.Dispose();
        _token = null;
        _registry = null;

        GC.SuppressFinalize(this);
    }
}
