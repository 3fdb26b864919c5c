// Copyright (c) KeyOperator contributors. Licensed under the Apache License, Version 2.0.

using k8s;
using KeyOperator.Operator.Controllers.ExternalCredentials;
using KeyOperator.Operator.Controllers.Ports;
using KeyOperator.Operator.ExternalCredentials;
using KeyOperator.Operator.Serialization;
using KeyOperator.Runtime.Kubernetes;

namespace KeyOperator.Operator.Controllers.Adapters;

/// <summary><see cref="IExternalCredentialStore"/> over the library's CustomObjects operations.</summary>
internal sealed class ExternalCredentialStoreAdapter(IKubernetes client) : IExternalCredentialStore
{
    /// <summary>Field manager of status writes.</summary>
    public const string FieldManager = "key-operator-externalcredentials";

    private static readonly CustomResourceType Type = ExternalCredentialResources.ExternalCredentials;

    public async Task<ExternalCredential> ReplaceStatusAsync(ExternalCredential credential, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(credential);
        object stored = await client.CustomObjects.ReplaceNamespacedCustomObjectStatusAsync(
            CustomObjectJson.ToBody(credential, OperatorJsonContext.Default.ExternalCredential),
            Type.Group,
            Type.Version,
            credential.Metadata.NamespaceProperty,
            Type.Plural,
            credential.Metadata.Name,
            fieldManager: FieldManager,
            cancellationToken: cancellationToken).ConfigureAwait(false);
        return CustomObjectJson.FromBody(stored, OperatorJsonContext.Default.ExternalCredential);
    }
}
