// Copyright (c) KeyOperator contributors. Licensed under the Apache License, Version 2.0.

using System.Text.Json.Nodes;
using k8s;
using KeyOperator.Operator;

namespace KeyOperator.LocalCluster;

/// <summary>
/// Installs the CRDs generated from the C# types, with server-side apply so that re-running is a no-op. Used by
/// <c>key-operator-local</c>; in a cluster the Helm chart or <c>config/crd</c> installs them.
/// </summary>
internal static class CrdInstaller
{
    public static async Task InstallAsync(IKubernetes client, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(client);
        foreach (JsonObject crd in KeyOperatorManifests.GenerateCrdObjects())
        {
            await ServerSideApply.ApplyAsync(client, crd, "key-operator", cancellationToken).ConfigureAwait(false);
        }
    }
}
