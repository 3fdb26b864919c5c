// Copyright (c) KeyOperator contributors. Licensed under the Apache License, Version 2.0.

using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using k8s.Models;
using KeyOperator.Operator.ApiKeys;
using KeyOperator.Operator.Keys;

namespace KeyOperator.Operator.Controllers.ApiKeys;

/// <summary>
/// Judges an ApiKey's Secret by fingerprint, never by keeping key material around: the operator holds no copy of
/// a key after writing it, so drift and tampering are detected by recomputing the digest of what the Secret holds.
/// </summary>
internal static class ApiKeySecretInspector
{
    /// <summary>Secret annotation with a digest of the spec fields that shape the key material.</summary>
    public const string SpecHashAnnotation = "keyoperator.io/spec-hash";

    public static SecretAssessment Assess(ApiKey apiKey, ApiKeyFormat format, V1Secret? secret)
    {
        ArgumentNullException.ThrowIfNull(apiKey);
        if (secret is null)
        {
            return new SecretAssessment(SecretVerdict.Missing, null, null);
        }

        if (!IsControlledBy(secret, apiKey))
        {
            return new SecretAssessment(SecretVerdict.Foreign, null, null);
        }

        IReadOnlyDictionary<string, string> annotations = ObjectViews.Annotations(secret.Metadata);
        int? version = annotations.TryGetValue(ApiKeyConstants.Annotations.Version, out string? v) && int.TryParse(v, NumberStyles.None, CultureInfo.InvariantCulture, out int parsed) ? parsed : null;
        string? recorded = annotations.GetValueOrDefault(ApiKeyConstants.Annotations.Fingerprint);
        if (!string.Equals(annotations.GetValueOrDefault(SpecHashAnnotation), SpecHash(apiKey.Spec, format), StringComparison.Ordinal))
        {
            return new SecretAssessment(SecretVerdict.SpecChanged, version, recorded);
        }

        string? actual = FingerprintOf(format, ObjectViews.Data(secret));
        if (actual is null || recorded is null || version is null || !string.Equals(actual, recorded, StringComparison.Ordinal))
        {
            return new SecretAssessment(SecretVerdict.Tampered, version, recorded);
        }

        // Same version as the status but another key: the data and its annotation were both rewritten by hand.
        ApiKeyStatus? status = apiKey.Status;
        if (status?.CurrentVersion == version && status.Fingerprint is not null && !string.Equals(status.Fingerprint, actual, StringComparison.Ordinal))
        {
            return new SecretAssessment(SecretVerdict.Tampered, version, recorded);
        }

        return new SecretAssessment(SecretVerdict.Healthy, version, actual);
    }

    public static bool IsControlledBy(V1Secret secret, ApiKey apiKey) =>
        secret.Metadata?.OwnerReferences?.Any(o => o.Controller == true && string.Equals(o.Uid, apiKey.Metadata.Uid, StringComparison.Ordinal)) == true;

    /// <summary>A digest of exactly the spec fields that change the material: a new value means a new key version.</summary>
    public static string SpecHash(ApiKeySpec spec, ApiKeyFormat format)
    {
        ArgumentNullException.ThrowIfNull(spec);
        string canonical = format switch
        {
            ApiKeyFormat.Hmac => FormattableString.Invariant($"hmac:{spec.Hmac!.Bytes}"),
            ApiKeyFormat.Rsa => FormattableString.Invariant($"rsa:{spec.Rsa!.Bits}"),
            ApiKeyFormat.Ecdsa => FormattableString.Invariant($"ecdsa:{spec.Ecdsa!.Curve}"),
            ApiKeyFormat.BasicAuth => FormattableString.Invariant(
                $"basicAuth:{spec.BasicAuth!.Username}:{spec.BasicAuth.PasswordLength}:{spec.BasicAuth.Lowercase}:{spec.BasicAuth.Uppercase}:{spec.BasicAuth.Digits}:{spec.BasicAuth.Symbols}"),
            _ => FormattableString.Invariant($"token:{(spec.Token ?? new TokenSpec()).Prefix}:{(spec.Token ?? new TokenSpec()).EntropyBits}"),
        };

        // Appended only when set, so the hash of every software key stays what it was; switching source re-issues.
        if (spec.Source?.Hsm is { } hsm)
        {
            canonical += $"|hsm:{hsm.Name}:{hsm.MasterKeyLabel}";
        }
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(canonical)))[..16];
    }

    /// <summary>The fingerprint of the current key in <paramref name="data"/>, or null when the data is not a well-formed key.</summary>
    public static string? FingerprintOf(ApiKeyFormat format, IReadOnlyDictionary<string, byte[]>? data)
    {
        if (data is null)
        {
            return null;
        }

        try
        {
            return format switch
            {
                ApiKeyFormat.Hmac => Of(data, ApiKeyConstants.DataKeys.Secret),
                ApiKeyFormat.BasicAuth => Of(data, ApiKeyConstants.DataKeys.Password),
                ApiKeyFormat.Rsa or ApiKeyFormat.Ecdsa => OfKeyPair(format, data),
                _ => Of(data, ApiKeyConstants.DataKeys.Token),
            };
        }
        catch (CryptographicException)
        {
            return null;
        }
        catch (ArgumentException)
        {
            return null;
        }
    }

    private static string? Of(IReadOnlyDictionary<string, byte[]> data, string key) =>
        data.TryGetValue(key, out byte[]? value) && value.Length > 0 ? Fingerprint.Of(value) : null;

    // Both halves must agree: a private key replaced by hand, or a public.pem that no longer matches it, is tampering.
    private static string? OfKeyPair(ApiKeyFormat format, IReadOnlyDictionary<string, byte[]> data)
    {
        // An HSM-resident pair: the private half is on the token, so the public key alone is the fingerprinted value
        // (a replaced public.pem then differs from status and the annotation, which is what tampering means here).
        if (!data.ContainsKey(ApiKeyConstants.DataKeys.PrivatePem)
            && data.TryGetValue(ApiKeyConstants.DataKeys.Pkcs11Uri, out byte[]? uri) && uri.AsSpan().StartsWith("pkcs11:"u8)
            && data.TryGetValue(ApiKeyConstants.DataKeys.PublicPem, out byte[]? hsmPublic))
        {
            return Fingerprint.Of(SubjectPublicKeyInfoOf(format, Encoding.ASCII.GetString(hsmPublic)));
        }

        if (!data.TryGetValue(ApiKeyConstants.DataKeys.PrivatePem, out byte[]? privatePem)
            || !data.TryGetValue(ApiKeyConstants.DataKeys.PublicPem, out byte[]? publicPem))
        {
            return null;
        }

        byte[] spki = SubjectPublicKeyInfoOf(format, Encoding.ASCII.GetString(privatePem));
        byte[] published = SubjectPublicKeyInfoOf(format, Encoding.ASCII.GetString(publicPem));
        return CryptographicOperations.FixedTimeEquals(spki, published) ? Fingerprint.Of(spki) : null;
    }

    // ImportFromPem takes a private key (PKCS#8) or a public key (SPKI) alike; either way the SPKI is what is compared.
    private static byte[] SubjectPublicKeyInfoOf(ApiKeyFormat format, string pem)
    {
        if (format == ApiKeyFormat.Rsa)
        {
            using RSA rsa = RSA.Create();
            rsa.ImportFromPem(pem);
            return rsa.ExportSubjectPublicKeyInfo();
        }

        using ECDsa ecdsa = ECDsa.Create();
        ecdsa.ImportFromPem(pem);
        return ecdsa.ExportSubjectPublicKeyInfo();
    }
}
