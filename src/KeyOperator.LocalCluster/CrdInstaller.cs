// Copyright (c) KeyOperator contributors. Licensed under the Apache License, Version 2.0.

using System.Text.Json.Nodes;
using KeyOperator.Kubernetes;
using KeyOperator.Operator.Crds;

namespace KeyOperator.LocalCluster;

/// <summary>
/// Installs the CRDs generated from the C# types, with server-side apply so that re-running is a no-op. Used by
/// <c>key-operator-local</c>; in a cluster the Helm chart or <c>config/crd</c> installs them.
/// </summary>
internal static class CrdInstaller
{
    public static async Task InstallAsync(IKubernetesClient client, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(client);
        foreach (JsonObject crd in CrdGenerator.GenerateCrdObjects())
        {
            await client.ApplyObjectAsync(
                ResourceType.CustomResourceDefinitions,
                crd,
                new ApplyOptions { FieldManager = "key-operator", Force = true },
                cancellationToken).ConfigureAwait(false);
        }
    }
}
