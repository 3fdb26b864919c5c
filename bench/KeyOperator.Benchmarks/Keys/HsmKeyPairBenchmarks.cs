// Copyright (c) KeyOperator contributors. Licensed under the Apache License, Version 2.0.

using System.Security.Cryptography;
using BenchmarkDotNet.Attributes;
using KeyOperator.Hsm;

namespace KeyOperator.Benchmarks.Keys;

/// <summary>
/// Key-pair generation inside SoftHSM2 (token objects, as the operator makes them: C_FindObjects for the label, then
/// C_GenerateKeyPair and the public key read back) beside the same generation in software (.NET), per type. Each
/// HSM operation destroys its pair again, so the token does not grow during the run. Needs softhsm2 (`make deps`).
/// </summary>
[MemoryDiagnoser]
public class HsmKeyPairBenchmarks : IDisposable
{
    private SoftHsmBenchToken? _token;
    private HsmRegistry? _registry;
    private int _counter;

    [Params(HsmKeyPairType.EcP256, HsmKeyPairType.EcP384, HsmKeyPairType.Rsa2048, HsmKeyPairType.Rsa3072, HsmKeyPairType.Rsa4096)]
    public HsmKeyPairType Type { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _token = new SoftHsmBenchToken("bench-pairs", 2);
        _registry = _token.Registry;
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
        _token?.Dispose();
        _token = null;
        _registry = null;

        GC.SuppressFinalize(this);
    }
}
