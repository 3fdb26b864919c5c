// Copyright (c) KeyOperator contributors. Licensed under the Apache License, Version 2.0.

using System.Security.Cryptography;
using System.Text;
using KeyOperator.Operator.ApiKeys;

namespace KeyOperator.Operator.Keys;

/// <summary>Material of the formats that are cheap to generate: token, hmac and basicAuth.</summary>
internal static class SymmetricKeys
{
    /// <summary>A checksummed token.</summary>
    /// <param name="spec">Token settings.</param>
    /// <returns>Material with the <c>token</c> entry.</returns>
    public static KeyMaterial CreateToken(TokenSpec spec)
    {
        ArgumentNullException.ThrowIfNull(spec);
        byte[] token = TokenFormat.Generate(spec.Prefix, spec.EntropyBits);
        return new KeyMaterial(ApiKeyFormat.Token, new() { [ApiKeyConstants.DataKeys.Token] = token }, Fingerprint.Of(token), null);
    }

    /// <summary>A random HMAC secret.</summary>
    /// <param name="spec">HMAC settings.</param>
    /// <returns>Material with the <c>secret</c> entry (raw bytes).</returns>
    public static KeyMaterial CreateHmac(HmacSpec spec)
    {
        ArgumentNullException.ThrowIfNull(spec);
        ArgumentOutOfRangeException.ThrowIfLessThan(spec.Bytes, 16);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(spec.Bytes, 256);
        byte[] secret = RandomNumberGenerator.GetBytes(spec.Bytes);
        return new KeyMaterial(ApiKeyFormat.Hmac, new() { [ApiKeyConstants.DataKeys.Secret] = secret }, Fingerprint.Of(secret), null);
    }

    /// <summary>A username with a fresh password; the fingerprint covers the password only.</summary>
    /// <param name="spec">Basic-auth settings.</param>
    /// <returns>Material with the <c>username</c> and <c>password</c> entries.</returns>
    public static KeyMaterial CreateBasicAuth(BasicAuthSpec spec)
    {
        ArgumentNullException.ThrowIfNull(spec);
        ArgumentException.ThrowIfNullOrEmpty(spec.Username, nameof(spec));
        byte[] password = PasswordGenerator.Generate(spec.PasswordLength, ClassesOf(spec));
        var data = new Dictionary<string, byte[]>
        {
            [ApiKeyConstants.DataKeys.Username] = Encoding.UTF8.GetBytes(spec.Username),
            [ApiKeyConstants.DataKeys.Password] = password,
        };
        return new KeyMaterial(ApiKeyFormat.BasicAuth, data, Fingerprint.Of(password), null);
    }

    /// <summary>The character classes a basic-auth spec enables.</summary>
    public static PasswordCharacterClasses ClassesOf(BasicAuthSpec spec)
    {
        ArgumentNullException.ThrowIfNull(spec);
        var classes = PasswordCharacterClasses.None;
        classes |= spec.Lowercase ? PasswordCharacterClasses.Lowercase : PasswordCharacterClasses.None;
        classes |= spec.Uppercase ? PasswordCharacterClasses.Uppercase : PasswordCharacterClasses.None;
        classes |= spec.Digits ? PasswordCharacterClasses.Digits : PasswordCharacterClasses.None;
        classes |= spec.Symbols ? PasswordCharacterClasses.Symbols : PasswordCharacterClasses.None;
        return classes;
    }
}
