// Copyright (c) KeyOperator contributors. Licensed under the Apache License, Version 2.0.

using System.Text.Json.Serialization;
using k8s;
using k8s.Models;

namespace KeyOperator.Operator.ApiKeys;

/// <summary>
/// ApiKey asks the operator to mint a secret credential (an API token, an HMAC secret, an RSA or ECDSA key pair,
/// or a basic-auth password), keep it in a Secret of the same namespace, and rotate it over time without
/// losing the previous value while clients move over.
/// </summary>
internal sealed record ApiKey : IKubernetesObject<V1ObjectMeta>
{
    /// <summary>Creates an ApiKey; absent parts get their defaults, so that <see cref="Spec"/> is never null.</summary>
    /// <param name="apiVersion">See <see cref="ApiVersion"/>; null means keyoperator.io/v1alpha1.</param>
    /// <param name="kind">See <see cref="Kind"/>; null means ApiKey.</param>
    /// <param name="metadata">See <see cref="Metadata"/>.</param>
    /// <param name="spec">See <see cref="Spec"/>; null (an ApiKey without spec) means a token with defaults.</param>
    [JsonConstructor]
    public ApiKey(string? apiVersion = null, string? kind = null, V1ObjectMeta? metadata = null, ApiKeySpec? spec = null)
    {
        // A constructor, not property initializers: source-generated deserialization loses initializers of init-only
        // properties absent from the JSON (dotnet/runtime#84484), and an ApiKey may well come without a spec.
        ApiVersion = apiVersion ?? ApiKeyConstants.ApiVersion;
        Kind = kind ?? ApiKeyConstants.Kind;
        Metadata = metadata ?? new V1ObjectMeta();
        Spec = spec ?? new ApiKeySpec();
    }

    /// <summary>Versioned schema of this object; always keyoperator.io/v1alpha1 for this version.</summary>
    public string ApiVersion { get; set; }

    /// <summary>Kind of this object; always ApiKey.</summary>
    public string Kind { get; set; }

    /// <summary>
    /// Standard object metadata: the library's mutable model (the interface requires a setter). Treat it as read-only:
    /// <c>with</c> copies of an ApiKey share it, and the informer cache hands out deep copies for that reason.
    /// </summary>
    public V1ObjectMeta Metadata { get; set; }

    /// <summary>Desired key: its format, where to store it, and how it is rotated.</summary>
    public ApiKeySpec Spec { get; init; }

    /// <summary>Observed state, written by the operator: current version, fingerprints and conditions.</summary>
    public ApiKeyStatus? Status { get; init; }

    /// <summary>Name of the Secret to write: <c>spec.secretName</c>, or the ApiKey's own name.</summary>
    /// <returns>The Secret name; null only for an object without a name.</returns>
    public string? ResolveSecretName() => string.IsNullOrEmpty(Spec.SecretName) ? Metadata.Name : Spec.SecretName;

    /// <summary>Name of the verifier ConfigMap: null when publication is off, else the configured or default name.</summary>
    /// <returns>The ConfigMap name, or null.</returns>
    public string? ResolveVerifierConfigMapName() => Spec.Verifier switch
    {
        null => null,
        { ConfigMapName: { Length: > 0 } name } => name,
        _ => Metadata.Name + "-verifier",
    };
}
