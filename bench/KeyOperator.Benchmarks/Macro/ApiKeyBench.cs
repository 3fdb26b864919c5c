// Copyright (c) KeyOperator contributors. Licensed under the Apache License, Version 2.0.

using KeyOperator.Kubernetes;
using KeyOperator.Kubernetes.Models;
using KeyOperator.Operator.ApiKeys;
using KeyOperator.Operator.Controllers.ApiKeys;
using KeyOperator.Operator.Serialization;

namespace KeyOperator.Benchmarks.Macro;

/// <summary>Creating ApiKeys and counting the Ready ones through the public API, as a user would.</summary>
internal static class ApiKeyBench
{
    public static ValueTask CreateAsync(IKubernetesClient client, string ns, int index, CancellationToken cancellationToken) =>
        new(client.CreateAsync(
            ApiKeyStatusWriter.ApiKeys,
            new ApiKey(metadata: new ObjectMeta { Name = "key-" + index.ToString(System.Globalization.CultureInfo.InvariantCulture), Namespace = ns }),
            OperatorJsonContext.Default.ApiKey,
            cancellationToken: cancellationToken));

    public static async Task<int> CountReadyAsync(IKubernetesClient client, string ns, CancellationToken cancellationToken)
    {
        KubernetesList<ApiKey> list = await client.ListAllAsync(ApiKeyStatusWriter.ApiKeys, ns, OperatorJsonContext.Default.KubernetesListApiKey, cancellationToken: cancellationToken);
        return list.Items.Count(static key => key.Status?.Conditions?.Any(static c => c.Type == "Ready" && c.Status == "True") == true);
    }
}
