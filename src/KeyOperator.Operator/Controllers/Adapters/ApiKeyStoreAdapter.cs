// Copyright (c) KeyOperator contributors. Licensed under the Apache License, Version 2.0.

using System.Text.Json.Nodes;
using k8s;
using k8s.Models;
using KeyOperator.Operator.ApiKeys;
using KeyOperator.Operator.Controllers.ApiKeys;
using KeyOperator.Operator.Controllers.Ports;
using KeyOperator.Operator.Serialization;
using KeyOperator.Runtime.Client;
using KeyOperator.Runtime.Kubernetes;

namespace KeyOperator.Operator.Controllers.Adapters;

/// <summary><see cref="IApiKeyStore"/> over the library's CustomObjects operations.</summary>
internal sealed class ApiKeyStoreAdapter(IKubernetes client) : IApiKeyStore
{
    /// <summary>Field manager of status writes, so that managedFields name who owns status.</summary>
    public const string FieldManager = "key-operator-apikeys";

    private static readonly CustomResourceType Type = ApiKeyResources.ApiKeys;

    public async Task<ApiKey?> GetAsync(string @namespace, string name, CancellationToken cancellationToken)
    {
        try
        {
            object body = await client.CustomObjects.GetNamespacedCustomObjectAsync(Type.Group, Type.Version, @namespace, Type.Plural, name, cancellationToken).ConfigureAwait(false);
            return CustomObjectJson.FromBody(body, OperatorJsonContext.Default.ApiKey);
        }
        catch (Exception ex) when (KubernetesErrors.IsNotFound(ex))
        {
            return null;
        }
    }

    public async Task<ApiKey> ReplaceStatusAsync(ApiKey apiKey, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(apiKey);
        object stored = await client.CustomObjects.ReplaceNamespacedCustomObjectStatusAsync(
            CustomObjectJson.ToBody(apiKey, OperatorJsonContext.Default.ApiKey),
            Type.Group,
            Type.Version,
            apiKey.Metadata.NamespaceProperty,
            Type.Plural,
            apiKey.Metadata.Name,
            fieldManager: FieldManager,
            cancellationToken: cancellationToken).ConfigureAwait(false);
        return CustomObjectJson.FromBody(stored, OperatorJsonContext.Default.ApiKey);
    }

    public async Task<ApiKey> ReplaceAsync(ApiKey apiKey, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(apiKey);

        // Only the finalizers, as a merge patch with the resourceVersion as precondition: a PUT of the whole object
        // would send back the spec as this model sees it and could drop fields a newer CRD version added.
        var finalizers = new JsonArray();
        foreach (string finalizer in apiKey.Metadata.Finalizers ?? [])
        {
            finalizers.Add((JsonNode?)JsonValue.Create(finalizer));
        }

        JsonObject patch = new()
        {
            ["metadata"] = new JsonObject { ["resourceVersion"] = apiKey.Metadata.ResourceVersion, ["finalizers"] = finalizers },
        };
        object stored = await client.CustomObjects.PatchNamespacedCustomObjectAsync(
            new V1Patch(patch.ToJsonString(), V1Patch.PatchType.MergePatch),
            Type.Group,
            Type.Version,
            apiKey.Metadata.NamespaceProperty,
            Type.Plural,
            apiKey.Metadata.Name,
            fieldManager: FieldManager,
            cancellationToken: cancellationToken).ConfigureAwait(false);
        return CustomObjectJson.FromBody(stored, OperatorJsonContext.Default.ApiKey);
    }
}
