// Copyright (c) KeyOperator contributors. Licensed under the Apache License, Version 2.0.

using System.Text.Json.Nodes;
using KeyOperator.Kubernetes;

namespace KeyOperator.LocalCluster;

/// <summary>
/// Applies manifest files with server-side apply, in file-name order (so a namespace in <c>00-namespace.yaml</c>
/// lands before the objects in it), the way <c>kubectl apply --server-side -f DIR</c> would.
/// </summary>
internal static class ManifestApplier
{
    public static async Task<int> ApplyDirectoryAsync(IKubernetesClient client, string directory, string fieldManager, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(client);
        int applied = 0;
        foreach (string file in Directory.EnumerateFiles(directory, "*.yaml").Order(StringComparer.Ordinal))
        {
            foreach (JsonObject manifest in YamlDocuments.Parse(await File.ReadAllTextAsync(file, cancellationToken).ConfigureAwait(false)))
            {
                await client.ApplyObjectAsync(TypeOf(manifest), manifest, new ApplyOptions { FieldManager = fieldManager, Force = true }, cancellationToken).ConfigureAwait(false);
                applied++;
            }
        }

        return applied;
    }

    // The samples only hold kinds whose resource names are known here; a general mapper would need discovery.
    private static ResourceType TypeOf(JsonObject manifest)
    {
        string apiVersion = manifest["apiVersion"]?.GetValue<string>() ?? throw new InvalidDataException("A manifest has no apiVersion.");
        string kind = manifest["kind"]?.GetValue<string>() ?? throw new InvalidDataException("A manifest has no kind.");
        int slash = apiVersion.IndexOf('/', StringComparison.Ordinal);
        string group = slash < 0 ? string.Empty : apiVersion[..slash];
        string version = slash < 0 ? apiVersion : apiVersion[(slash + 1)..];
        return kind switch
        {
            "Namespace" => ResourceType.Namespaces,
            "Secret" => ResourceType.Secrets,
            "ConfigMap" => ResourceType.ConfigMaps,
            _ => new ResourceType
            {
                Group = group,
                Version = version,
                Kind = kind,
                Plural = Pluralize(kind.ToLowerInvariant()),
                Namespaced = true,
            },
        };
    }

    // English plural as Kubernetes' CRD conventions form it: policy -> policies, but key -> keys.
    private static string Pluralize(string singular) =>
        singular.Length > 1 && singular[^1] == 'y' && !"aeiou".Contains(singular[^2], StringComparison.Ordinal)
            ? singular[..^1] + "ies"
            : singular + "s";
}
