// Copyright (c) KeyOperator contributors. Licensed under the Apache License, Version 2.0.

using System.Security.Cryptography;
using System.Text;
using KeyOperator.Hsm;
using KeyOperator.Operator.ApiKeys;
using KeyOperator.Operator.Keys;

namespace KeyOperator.Operator.Hsm;

/// <summary>
/// Token, hmac and basicAuth material derived in an HSM: HKDF-Expand of the key's context (namespace, name, UID,
/// format, version) under the master key, then the same encodings as random keys (<see cref="TokenFormat"/>,
/// <see cref="PasswordGenerator"/> over <see cref="SymbolSource.FromBytes"/>). The same inputs always give the same
/// value, which is what lets a deleted Secret come back unchanged.
/// </summary>
internal sealed class HsmKeyDeriver(IHsmKeySource hsm)
{
    /// <summary>The source label in status.keys[].source.</summary>
    public static string SourceLabel(HsmSourceSpec source)
    {
        ArgumentNullException.ThrowIfNull(source);
        return "hsm/" + source.Name;
    }

    /// <summary>The material of <paramref name="version"/>.</summary>
    /// <exception cref="HsmException">The HSM failed or lacks the master key.</exception>
    /// <exception cref="ArgumentException">The spec has no master key label or asks for a key pair.</exception>
    public async Task<KeyMaterial> DeriveAsync(ApiKey apiKey, ApiKeyFormat format, int version, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(apiKey);
        HsmSourceSpec source = apiKey.Spec.Source?.Hsm ?? throw new ArgumentException("the ApiKey has no spec.source.hsm", nameof(apiKey));
        if (format is ApiKeyFormat.Rsa or ApiKeyFormat.Ecdsa)
        {
            return await KeyPairAsync(apiKey, source, format, version, cancellationToken).ConfigureAwait(false);
        }

        string label = source.MasterKeyLabel is { Length: > 0 } l ? l : throw new ArgumentException("spec.source.hsm.masterKeyLabel is required for token, hmac and basicAuth", nameof(apiKey));
        byte[] info = HsmDerivationContext.Encode(
            apiKey.Metadata.NamespaceProperty ?? string.Empty,
            apiKey.Metadata.Name ?? string.Empty,
            apiKey.Metadata.Uid ?? string.Empty,
            FormatName(format),
            version);
        ApiKeySpec spec = apiKey.Spec;
        switch (format)
        {
            case ApiKeyFormat.Hmac:
                byte[] secret = await hsm.DeriveAsync(source.Name, label, info, spec.Hmac!.Bytes, cancellationToken).ConfigureAwait(false);
                return new KeyMaterial(ApiKeyFormat.Hmac, new() { [ApiKeyConstants.DataKeys.Secret] = secret }, Fingerprint.Of(secret), null);

            case ApiKeyFormat.BasicAuth:
                BasicAuthSpec basic = spec.BasicAuth!;
                ArgumentException.ThrowIfNullOrEmpty(basic.Username, nameof(apiKey));
                byte[] password = await EncodeAsync(source.Name, label, info, 2 * basic.PasswordLength,
                    symbols => PasswordGenerator.Generate(basic.PasswordLength, SymmetricKeys.ClassesOf(basic), symbols), cancellationToken).ConfigureAwait(false);
                var data = new Dictionary<string, byte[]>
                {
                    [ApiKeyConstants.DataKeys.Username] = Encoding.UTF8.GetBytes(basic.Username),
                    [ApiKeyConstants.DataKeys.Password] = password,
                };
                return new KeyMaterial(ApiKeyFormat.BasicAuth, data, Fingerprint.Of(password), null);

            case ApiKeyFormat.Token:
                TokenSpec token = spec.Token ?? new TokenSpec();
                byte[] text = await EncodeAsync(source.Name, label, info, 2 * TokenFormat.BodyLength(token.EntropyBits),
                    symbols => TokenFormat.Generate(token.Prefix, token.EntropyBits, symbols), cancellationToken).ConfigureAwait(false);
                return new KeyMaterial(ApiKeyFormat.Token, new() { [ApiKeyConstants.DataKeys.Token] = text }, Fingerprint.Of(text), null);

            default:
                throw new ArgumentException("unknown format", nameof(format));
        }
    }

    /// <summary>
    /// The pair of <paramref name="version"/>, generated in the HSM the first time and found by its label every time
    /// after: a crash before the Secret or status write, or a deleted Secret, gets the same public key back.
    /// </summary>
    private async Task<KeyMaterial> KeyPairAsync(ApiKey apiKey, HsmSourceSpec source, ApiKeyFormat format, int version, CancellationToken cancellationToken)
    {
        HsmKeyPairType type = HsmKeyPairMaterial.TypeOf(apiKey.Spec, format);
        string label = HsmKeyPairLabels.Of(apiKey.Metadata.NamespaceProperty ?? string.Empty, apiKey.Metadata.Name ?? string.Empty, version);
        HsmKeyPair pair = await hsm.EnsureKeyPairAsync(source.Name, label, type, cancellationToken).ConfigureAwait(false);
        if (pair.Type != type)
        {
            // Spec changes get a new version (and label); an existing pair of another type was made by someone else.
            throw new HsmException(HsmFailure.Unavailable, null, $"HSM \"{source.Name}\": the key pair \"{label}\" on the token is {pair.Type}, the spec asks for {type}; remove it or rotate");
        }

        return HsmKeyPairMaterial.Build(format, pair);
    }

    /// <summary>The format's name as the CRD spells it; part of the derivation context, so it must never change.</summary>
    public static string FormatName(ApiKeyFormat format) => format switch
    {
        ApiKeyFormat.Hmac => "hmac",
        ApiKeyFormat.BasicAuth => "basicAuth",
        ApiKeyFormat.Rsa => "rsa",
        ApiKeyFormat.Ecdsa => "ecdsa",
        _ => "token",
    };

    // Rejection sampling consumes a variable number of bytes. HKDF-Expand output of a longer length starts with the
    // shorter one, so asking again for more gives the same prefix and the encoding stays deterministic.
    private async Task<byte[]> EncodeAsync(string name, string label, byte[] info, int initialLength, Func<SymbolSource, byte[]?> encode, CancellationToken cancellationToken)
    {
        for (int length = Math.Min(Math.Max(initialLength, 64), HsmRegistry.MaxDerivedBytes); ; length = Math.Min(length * 4, HsmRegistry.MaxDerivedBytes))
        {
            byte[] stream = await hsm.DeriveAsync(name, label, info, length, cancellationToken).ConfigureAwait(false);
            try
            {
                if (encode(SymbolSource.FromBytes(stream)) is { } encoded)
                {
                    return encoded;
                }
            }
            finally
            {
                CryptographicOperations.ZeroMemory(stream);
            }

            if (length == HsmRegistry.MaxDerivedBytes)
            {
                throw new InvalidOperationException("the derived byte stream did not suffice to encode the key");
            }
        }
    }
}
