// Copyright (c) KeyOperator contributors. Licensed under the Apache License, Version 2.0.

using System.Security.Cryptography;
using System.Text;

namespace KeyOperator.Providers;

/// <summary>
/// A credential (a token, a secret access key, a client secret) that must never be printed: <see cref="ToString"/>
/// is redacted, so a connection record that holds one can be logged or compared without leaking it, and
/// <see cref="Fingerprint"/> lets a cache tell two credentials apart without keeping a copy in its key.
/// </summary>
public sealed class SensitiveString : IEquatable<SensitiveString>
{
    // A per-process key: fingerprints are cache keys only, never shown, and cannot be brute-forced offline.
    private static readonly byte[] s_fingerprintKey = RandomNumberGenerator.GetBytes(32);
    private readonly string _value;

    /// <summary>Wraps a credential.</summary>
    /// <param name="value">The credential.</param>
    public SensitiveString(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        _value = value;
        Fingerprint = Convert.ToHexStringLower(HMACSHA256.HashData(s_fingerprintKey, Encoding.UTF8.GetBytes(value)));
    }

    /// <summary>A keyed hash of the value, stable for the process's lifetime.</summary>
    public string Fingerprint { get; }

    /// <summary>The credential itself; only a client that sends it calls this.</summary>
    /// <returns>The value.</returns>
    public string Reveal() => _value;

    /// <inheritdoc />
    public bool Equals(SensitiveString? other) => other is not null && string.Equals(Fingerprint, other.Fingerprint, StringComparison.Ordinal);

    /// <inheritdoc />
    public override bool Equals(object? obj) => Equals(obj as SensitiveString);

    /// <inheritdoc />
    public override int GetHashCode() => StringComparer.Ordinal.GetHashCode(Fingerprint);

    /// <inheritdoc />
    public override string ToString() => "[redacted]";
}
