// Copyright (c) KeyOperator contributors. Licensed under the Apache License, Version 2.0.

using System.Text.Json.Serialization;
using k8s;
using k8s.Models;

namespace KeyOperator.Operator.ExternalCredentials;

/// <summary>
/// ExternalCredential asks the operator to read secrets from an external store (HashiCorp Vault, AWS Secrets Manager,
/// Azure Key Vault) and keep them in a Secret of the same namespace, refreshed on an interval, without ever blanking
/// the Secret when the store fails.
/// </summary>
internal sealed record ExternalCredential : IKubernetesObject<V1ObjectMeta>
{
    /// <summary>Creates an ExternalCredential; absent parts get their defaults.</summary>
    /// <param name="apiVersion">See <see cref="ApiVersion"/>.</param>
    /// <param name="kind">See <see cref="Kind"/>.</param>
    /// <param name="metadata">See <see cref="Metadata"/>.</param>
    /// <param name="spec">See <see cref="Spec"/>.</param>
    [JsonConstructor]
    public ExternalCredential(string? apiVersion = null, string? kind = null, V1ObjectMeta? metadata = null, ExternalCredentialSpec? spec = null)
    {
        // A constructor, as on ApiKey: source-generated deserialization loses init-only initializers (dotnet/runtime#84484).
        ApiVersion = apiVersion ?? ExternalCredentialConstants.ApiVersion;
        Kind = kind ?? ExternalCredentialConstants.Kind;
        Metadata = metadata ?? new V1ObjectMeta();
        Spec = spec ?? new ExternalCredentialSpec();
    }

    /// <summary>Versioned schema of this object.</summary>
    public string ApiVersion { get; set; }

    /// <summary>Kind of this object; always ExternalCredential.</summary>
    public string Kind { get; set; }

    /// <summary>Standard object metadata (the library's mutable model; treat it as read-only).</summary>
    public V1ObjectMeta Metadata { get; set; }

    /// <summary>Which store, which values, which Secret.</summary>
    public ExternalCredentialSpec Spec { get; init; }

    /// <summary>Observed state, written by the operator.</summary>
    public ExternalCredentialStatus? Status { get; init; }

    /// <summary>Name of the Secret to write: <c>spec.target.name</c>, or the object's own name.</summary>
    /// <returns>The name; null only for an object without a name.</returns>
    public string? ResolveSecretName() => string.IsNullOrEmpty(Spec.Target?.Name) ? Metadata.Name : Spec.Target.Name;
}
