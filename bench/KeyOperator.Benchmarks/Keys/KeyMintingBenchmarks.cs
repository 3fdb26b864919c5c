// Copyright (c) KeyOperator contributors. Licensed under the Apache License, Version 2.0.

using System.Security.Cryptography;
using BenchmarkDotNet.Attributes;
using KeyOperator.Operator.ApiKeys;
using KeyOperator.Operator.Keys;

namespace KeyOperator.Benchmarks.Keys;

/// <summary>
/// Cost of minting one key of each format through <see cref="KeyGenerator"/>, next to the raw primitive it wraps
/// (random bytes, key-pair generation with a forced export), so the table shows what the operator adds on top.
/// </summary>
[MemoryDiagnoser]
public class KeyMintingBenchmarks : IDisposable
{
    private static readonly ApiKeySpec TokenSpec = new() { Token = new TokenSpec() };
    private static readonly ApiKeySpec HmacSpec = new() { Hmac = new HmacSpec() };
    private static readonly ApiKeySpec BasicAuthSpec = new() { BasicAuth = new BasicAuthSpec { Username = "svc" } };
    private static readonly ApiKeySpec Rsa2048Spec = new() { Rsa = new RsaSpec(2048) };
    private static readonly ApiKeySpec Rsa3072Spec = new() { Rsa = new RsaSpec(3072) };
    private static readonly ApiKeySpec EcdsaP256Spec = new() { Ecdsa = new EcdsaSpec { Curve = EcdsaCurve.P256 } };
    private static readonly ApiKeySpec EcdsaP384Spec = new() { Ecdsa = new EcdsaSpec { Curve = EcdsaCurve.P384 } };

    private readonly byte[] _buffer = new byte[32];
    private readonly KeyGenerator _generator = new();

    [Benchmark(Baseline = true)]
    public byte[] Raw_RandomFill32()
    {
        RandomNumberGenerator.Fill(_buffer);
        return _buffer;
    }

    [Benchmark]
    public Task<string> Mint_Token() => MintAsync(TokenSpec);

    [Benchmark]
    public Task<string> Mint_Hmac32() => MintAsync(HmacSpec);

    [Benchmark]
    public Task<string> Mint_BasicAuth32() => MintAsync(BasicAuthSpec);

    [Benchmark]
    public byte[] Raw_EcdsaP256() => CreateEcdsa(ECCurve.NamedCurves.nistP256);

    [Benchmark]
    public Task<string> Mint_EcdsaP256() => MintAsync(EcdsaP256Spec);

    [Benchmark]
    public byte[] Raw_EcdsaP384() => CreateEcdsa(ECCurve.NamedCurves.nistP384);

    [Benchmark]
    public Task<string> Mint_EcdsaP384() => MintAsync(EcdsaP384Spec);

    [Benchmark]
    public byte[] Raw_Rsa2048() => CreateRsa(2048);

    [Benchmark]
    public Task<string> Mint_Rsa2048() => MintAsync(Rsa2048Spec);

    [Benchmark]
    public byte[] Raw_Rsa3072() => CreateRsa(3072);

    [Benchmark]
    public Task<string> Mint_Rsa3072() => MintAsync(Rsa3072Spec);

    /// <summary>Releases the generator's semaphore.</summary>
    [GlobalCleanup]
    public void Dispose()
    {
        _generator.Dispose();
        GC.SuppressFinalize(this);
    }

    // OpenSSL generates lazily; exporting the private key forces generation, as the operator's packaging does.
    private static byte[] CreateRsa(int bits)
    {
        using RSA rsa = RSA.Create(bits);
        return rsa.ExportPkcs8PrivateKey();
    }

    private static byte[] CreateEcdsa(ECCurve curve)
    {
        using ECDsa ecdsa = ECDsa.Create(curve);
        return ecdsa.ExportPkcs8PrivateKey();
    }

    // Disposing zeroes the key material, as the reconciler does after writing the Secret: part of the real cost.
    private async Task<string> MintAsync(ApiKeySpec spec)
    {
        using GeneratedKey key = await _generator.GenerateAsync(spec, 1, CancellationToken.None);
        return key.Fingerprint;
    }
}
