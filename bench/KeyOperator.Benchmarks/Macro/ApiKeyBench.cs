// Copyright (c) KeyOperator contributors. Licensed under the Apache License, Version 2.0.

using System.Globalization;
using k8s;
using k8s.Models;
using KeyOperator.Operator.ApiKeys;
using KeyOperator.Operator.Controllers.Adapters;
using KeyOperator.Operator.Controllers.ApiKeys;
using KeyOperator.Operator.Serialization;
using KeyOperator.Runtime.Kubernetes;

namespace KeyOperator.Benchmarks.Macro;

/// <summary>Creating ApiKeys and counting the Ready ones through the public API, as a user would.</summary>
internal static class ApiKeyBench
{
    private static readonly CustomResourceType Type = ApiKeyResources.ApiKeys;

    public static ValueTask CreateAsync(IKubernetes client, string ns, int index, CancellationToken cancellationToken) =>
        CreateAsync(client, new ApiKey(metadata: new V1ObjectMeta { Name = "key-" + index.ToString(CultureInfo.InvariantCulture), NamespaceProperty = ns }), cancellationToken);

    public static async ValueTask CreateAsync(IKubernetes client, ApiKey apiKey, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(apiKey);
        await client.CustomObjects.CreateNamespacedCustomObjectAsync(
            CustomObjectJson.ToBody(apiKey, OperatorJsonContext.Default.ApiKey),
            Type.Group,
            Type.Version,
            apiKey.Metadata.NamespaceProperty,
            Type.Plural,
            cancellationToken: cancellationToken);
    }

    /// <summary>Every ApiKey of the namespace, in one unpaged LIST.</summary>
    public static async Task<IReadOnlyList<ApiKey>> ListAsync(IKubernetes client, string ns, CancellationToken cancellationToken)
    {
        object body = await client.CustomObjects.ListNamespacedCustomObjectAsync(Type.Group, Type.Version, ns, Type.Plural, cancellationToken: cancellationToken);
        return CustomObjectJson.FromBody(body, OperatorJsonContext.Default.CustomResourceListApiKey).Items ?? [];
    }

    public static async Task<int> CountReadyAsync(IKubernetes client, string ns, CancellationToken cancellationToken)
    {
        IReadOnlyList<ApiKey> keys = await ListAsync(client, ns, cancellationToken);
        return keys.Count(static key => key.Status?.Conditions?.Any(static c => c.Type == "Ready" && c.Status == "True") == true);
    }
}
