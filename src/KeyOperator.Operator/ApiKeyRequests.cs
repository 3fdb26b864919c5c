// Copyright (c) KeyOperator contributors. Licensed under the Apache License, Version 2.0.

using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text.Json;
using System.Text.Json.Nodes;
using k8s;
using k8s.Models;
using KeyOperator.Operator.ApiKeys;
using KeyOperator.Operator.Controllers.ApiKeys;
using KeyOperator.Operator.Serialization;
using KeyOperator.Runtime.Kubernetes;

namespace KeyOperator.Operator;

/// <summary>
/// Sends <see cref="ApiKeyRequest"/>s: sets the request's annotation to a new value (the time) on the chosen ApiKeys,
/// the same as <c>kubectl annotate --overwrite</c>. The operator acts once per new value. Here rather than in the CLI
/// so that the executable needs neither the ApiKey type nor its serializer.
/// </summary>
public static class ApiKeyRequests
{
    /// <summary>
    /// Annotates <paramref name="names"/> in <paramref name="namespace"/>, or when there are none every ApiKey there
    /// that matches <paramref name="labelSelector"/> (all of them when it is null), and yields each name once its
    /// patch is accepted.
    /// </summary>
    public static async IAsyncEnumerable<string> SendAsync(
        IKubernetes client,
        ApiKeyRequest request,
        string @namespace,
        IReadOnlyCollection<string> names,
        string? labelSelector,
        DateTimeOffset requestedAt,
        [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(client);
        ArgumentException.ThrowIfNullOrEmpty(@namespace);
        ArgumentNullException.ThrowIfNull(names);
        string annotation = request switch
        {
            ApiKeyRequest.Rotate => ApiKeyConstants.Annotations.Rotate,
            ApiKeyRequest.RevokePrevious => ApiKeyConstants.Annotations.RevokePrevious,
            _ => throw new ArgumentOutOfRangeException(nameof(request), request, null),
        };
        CustomResourceType type = ApiKeyResources.ApiKeys;
        IEnumerable<string> targets = names;
        if (names.Count == 0)
        {
            object listed = await client.CustomObjects.ListNamespacedCustomObjectAsync(type.Group, type.Version, @namespace, type.Plural, labelSelector: labelSelector, cancellationToken: cancellationToken).ConfigureAwait(false);
            CustomResourceList<ApiKey> list = listed is JsonElement element
                ? JsonSerializer.Deserialize(element, OperatorJsonContext.Default.CustomResourceListApiKey) ?? new CustomResourceList<ApiKey>()
                : new CustomResourceList<ApiKey>();
            targets = (list.Items ?? []).Select(static k => k.Metadata.Name!);
        }

        // Sub-second precision, so that two requests within a second are still two new values.
        string value = requestedAt.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'", CultureInfo.InvariantCulture);
        foreach (string target in targets)
        {
            JsonObject patch = new() { ["metadata"] = new JsonObject { ["annotations"] = new JsonObject { [annotation] = value } } };
            await client.CustomObjects.PatchNamespacedCustomObjectAsync(
                new V1Patch(patch.ToJsonString(), V1Patch.PatchType.MergePatch), type.Group, type.Version, @namespace, type.Plural, target, cancellationToken: cancellationToken).ConfigureAwait(false);
            yield return target;
        }
    }
}
