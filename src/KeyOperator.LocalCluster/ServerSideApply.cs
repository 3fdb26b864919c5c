// Copyright (c) KeyOperator contributors. Licensed under the Apache License, Version 2.0.

using System.Text.Json.Nodes;
using k8s;
using k8s.Models;

namespace KeyOperator.LocalCluster;

/// <summary>
/// Server-side apply of a manifest through the library's typed patch operations (or CustomObjects for our kinds),
/// as <c>kubectl apply --server-side --force-conflicts</c> does. Only the kinds the local cluster applies itself
/// (CRDs, the webhook configuration and the samples) are known; a general mapper would need discovery.
/// </summary>
internal static class ServerSideApply
{
    public static async Task ApplyAsync(IKubernetes client, JsonObject manifest, string fieldManager, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(client);
        ArgumentNullException.ThrowIfNull(manifest);
        string apiVersion = manifest["apiVersion"]?.GetValue<string>() ?? throw new InvalidDataException("A manifest has no apiVersion.");
        string kind = manifest["kind"]?.GetValue<string>() ?? throw new InvalidDataException("A manifest has no kind.");
        string name = manifest["metadata"]?["name"]?.GetValue<string>() ?? throw new InvalidDataException($"A {kind} manifest has no metadata.name.");
        string ns = manifest["metadata"]?["namespace"]?.GetValue<string>() ?? "default";

        // managedFields may not be sent with an apply.
        (manifest["metadata"] as JsonObject)?.Remove("managedFields");
        V1Patch patch = new(manifest.ToJsonString(), V1Patch.PatchType.ApplyPatch);
        switch (kind)
        {
            case "CustomResourceDefinition":
                await client.ApiextensionsV1.PatchCustomResourceDefinitionAsync(patch, name, fieldManager: fieldManager, force: true, cancellationToken: cancellationToken).ConfigureAwait(false);
                break;
            case "ValidatingWebhookConfiguration":
                await client.AdmissionregistrationV1.PatchValidatingWebhookConfigurationAsync(patch, name, fieldManager: fieldManager, force: true, cancellationToken: cancellationToken).ConfigureAwait(false);
                break;
            case "Namespace":
                await client.CoreV1.PatchNamespaceAsync(patch, name, fieldManager: fieldManager, force: true, cancellationToken: cancellationToken).ConfigureAwait(false);
                break;
            case "Secret":
                await client.CoreV1.PatchNamespacedSecretAsync(patch, name, ns, fieldManager: fieldManager, force: true, cancellationToken: cancellationToken).ConfigureAwait(false);
                break;
            case "ConfigMap":
                await client.CoreV1.PatchNamespacedConfigMapAsync(patch, name, ns, fieldManager: fieldManager, force: true, cancellationToken: cancellationToken).ConfigureAwait(false);
                break;
            default:
                int slash = apiVersion.IndexOf('/', StringComparison.Ordinal);
                if (slash < 0)
                {
                    throw new InvalidDataException($"{kind} {name}: only core Namespaces, Secrets and ConfigMaps and custom resources can be applied here.");
                }

                await client.CustomObjects.PatchNamespacedCustomObjectAsync(
                    patch, apiVersion[..slash], apiVersion[(slash + 1)..], ns, Pluralize(kind.ToLowerInvariant()), name, fieldManager: fieldManager, force: true, cancellationToken: cancellationToken).ConfigureAwait(false);
                break;
        }
    }

    // English plural as Kubernetes' CRD conventions form it: policy -> policies, but key -> keys.
    private static string Pluralize(string singular) =>
        singular.Length > 1 && singular[^1] == 'y' && !"aeiou".Contains(singular[^2], StringComparison.Ordinal)
            ? singular[..^1] + "ies"
            : singular + "s";
}
