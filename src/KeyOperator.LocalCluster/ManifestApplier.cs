// Copyright (c) KeyOperator contributors. Licensed under the Apache License, Version 2.0.

using System.Text.Json.Nodes;
using k8s;
using KeyOperator.ControlPlane.Json;

namespace KeyOperator.LocalCluster;

/// <summary>
/// Applies manifest files with server-side apply, in file-name order (so a namespace in <c>00-namespace.yaml</c>
/// lands before the objects in it), the way <c>kubectl apply --server-side -f DIR</c> would.
/// </summary>
internal static class ManifestApplier
{
    public static async Task<int> ApplyDirectoryAsync(IKubernetes client, string directory, string fieldManager, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(client);
        int applied = 0;
        foreach (string file in Directory.EnumerateFiles(directory, "*.yaml").Order(StringComparer.Ordinal))
        {
            foreach (JsonObject manifest in YamlToJson.ParseAll(await File.ReadAllTextAsync(file, cancellationToken).ConfigureAwait(false)).OfType<JsonObject>())
            {
                await ServerSideApply.ApplyAsync(client, manifest, fieldManager, cancellationToken).ConfigureAwait(false);
                applied++;
            }
        }

        return applied;
    }
}
