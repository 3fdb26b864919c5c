// Copyright (c) KeyOperator contributors. Licensed under the Apache License, Version 2.0.

using System.Security.Cryptography;
using System.Text.Json.Nodes;
using KeyOperator.Operator.ApiKeys;

namespace KeyOperator.Operator.Keys;

/// <summary>
/// Freshly generated key material: the Secret data entries plus what may be shown (fingerprint, public JWK).
/// A class rather than a record so that no generated ToString or equality ever touches the secret bytes;
/// <see cref="Dispose"/> clears them once they have been written.
/// </summary>
internal sealed class KeyMaterial : IDisposable
{
    private readonly Dictionary<string, byte[]> _data;
    private bool _disposed;

    /// <summary>Creates the material; takes ownership of the byte arrays in <paramref name="data"/>.</summary>
    /// <param name="format">Format of the material.</param>
    /// <param name="data">Secret data entries, keyed as in <see cref="ApiKeyConstants.DataKeys"/>.</param>
    /// <param name="fingerprint">Fingerprint, see <see cref="Keys.Fingerprint"/>.</param>
    /// <param name="publicJwk">Public JWK for key pairs; null otherwise.</param>
    public KeyMaterial(ApiKeyFormat format, Dictionary<string, byte[]> data, string fingerprint, JsonObject? publicJwk)
    {
        ArgumentNullException.ThrowIfNull(data);
        ArgumentException.ThrowIfNullOrEmpty(fingerprint);
        Format = format;
        _data = data;
        Fingerprint = fingerprint;
        PublicJwk = publicJwk;
    }

    /// <summary>Format of the material.</summary>
    public ApiKeyFormat Format { get; }

    /// <summary>Secret type to store it in: <c>kubernetes.io/basic-auth</c> for basicAuth, <c>Opaque</c> otherwise.</summary>
    public string SecretType => Format == ApiKeyFormat.BasicAuth ? ApiKeyConstants.SecretTypes.BasicAuth : ApiKeyConstants.SecretTypes.Opaque;

    /// <summary>Secret data entries. The arrays are cleared by <see cref="Dispose"/>: copy them if they must outlive it.</summary>
    public IReadOnlyDictionary<string, byte[]> Data
    {
        get
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            return _data;
        }
    }

    /// <summary>Fingerprint of the material (for key pairs, of the public key); safe to show.</summary>
    public string Fingerprint { get; }

    /// <summary>Public JWK, with kid = RFC 7638 thumbprint, for rsa and ecdsa; null for other formats.</summary>
    public JsonObject? PublicJwk { get; }

    /// <summary>Clears every data buffer.</summary>
    public void Dispose()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        foreach (byte[] value in _data.Values)
        {
            CryptographicOperations.ZeroMemory(value);
        }
    }

    /// <summary>Describes the material without any secret byte: format, fingerprint and entry names.</summary>
    /// <returns>A safe description.</returns>
    public override string ToString() =>
        $"KeyMaterial {{ Format = {Format}, Fingerprint = {Fingerprint}, Entries = [{string.Join(", ", _data.Keys.Order(StringComparer.Ordinal))}] }}";
}
