// Copyright (c) KeyOperator contributors. Licensed under the Apache License, Version 2.0.

using System.Text.Json.Nodes;
using KeyOperator.Operator.ApiKeys;

namespace KeyOperator.Operator.Keys;

/// <summary>
/// A new key version, ready for the Secret: what <see cref="IKeyGenerator.GenerateAsync(ApiKeySpec, int, CancellationToken)"/> returns. Dispose it
/// after the Secret write to clear the buffers.
/// </summary>
/// <param name="version">Version number of this key.</param>
/// <param name="material">The material; ownership passes to this object.</param>
internal sealed class GeneratedKey(int version, KeyMaterial material) : IDisposable
{
    /// <summary>Version number, for the keyoperator.io/version annotation and status.</summary>
    public int Version { get; } = version;

    /// <summary>Format of the key.</summary>
    public ApiKeyFormat Format => Material.Format;

    /// <summary>Secret type: <c>kubernetes.io/basic-auth</c> for basicAuth, <c>Opaque</c> otherwise.</summary>
    public string SecretType => Material.SecretType;

    /// <summary>Secret data entries (current value only; see <see cref="SecretDataLayout"/> for the previous one).</summary>
    public IReadOnlyDictionary<string, byte[]> Data => Material.Data;

    /// <summary>Fingerprint for the keyoperator.io/fingerprint annotation and status; safe to show.</summary>
    public string Fingerprint => Material.Fingerprint;

    /// <summary>Public JWK for rsa and ecdsa keys; null otherwise.</summary>
    public JsonObject? PublicJwk => Material.PublicJwk;

    /// <summary>The underlying material.</summary>
    public KeyMaterial Material { get; } = material ?? throw new ArgumentNullException(nameof(material));

    /// <summary>Clears the material.</summary>
    public void Dispose() => Material.Dispose();

    /// <summary>Describes the key without any secret byte.</summary>
    /// <returns>A safe description.</returns>
    public override string ToString() => $"GeneratedKey {{ Version = {Version}, {Material} }}";
}
