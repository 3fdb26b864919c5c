// Copyright (c) KeyOperator contributors. Licensed under the Apache License, Version 2.0.

using System.Text.Json.Serialization.Metadata;

namespace KeyOperator.Kubernetes;

/// <summary>
/// Verbs on the <c>/status</c> subresource. Writes to the main resource ignore status and writes to <c>/status</c>
/// ignore everything else, so controllers report through these.
/// </summary>
public static class KubernetesClientStatusExtensions
{
    /// <summary>Reads an object through its <c>/status</c> subresource.</summary>
    /// <typeparam name="T">Object type.</typeparam>
    /// <param name="client">The client.</param>
    /// <param name="type">Resource.</param>
    /// <param name="namespace">Namespace; null for the default.</param>
    /// <param name="name">Object name.</param>
    /// <param name="typeInfo">Type information.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    public static Task<T> GetStatusAsync<T>(
        this IKubernetesClient client, ResourceType type, string? @namespace, string name, JsonTypeInfo<T> typeInfo, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(client);
        return client.GetAsync(type, @namespace, name, typeInfo, new GetOptions { Subresource = "status" }, cancellationToken);
    }

    /// <summary>Replaces the status (PUT <c>/status</c>), with the object's resourceVersion as precondition.</summary>
    /// <typeparam name="T">Object type.</typeparam>
    /// <param name="client">The client.</param>
    /// <param name="type">Resource.</param>
    /// <param name="value">The object carrying the new status.</param>
    /// <param name="typeInfo">Type information.</param>
    /// <param name="options">Field manager, dry run, field validation (the subresource is forced to <c>status</c>).</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    public static Task<T> ReplaceStatusAsync<T>(
        this IKubernetesClient client, ResourceType type, T value, JsonTypeInfo<T> typeInfo, WriteOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(client);
        return client.ReplaceAsync(type, value, typeInfo, (options ?? new WriteOptions()) with { Subresource = "status" }, cancellationToken);
    }

    /// <summary>Patches the status (PATCH <c>/status</c>).</summary>
    /// <typeparam name="T">Type of the returned object.</typeparam>
    /// <param name="client">The client.</param>
    /// <param name="type">Resource.</param>
    /// <param name="namespace">Namespace; null for the default.</param>
    /// <param name="name">Object name.</param>
    /// <param name="patch">The patch, rooted at the object (<c>{"status":{…}}</c>).</param>
    /// <param name="typeInfo">Type information.</param>
    /// <param name="options">Field manager, dry run, field validation (the subresource is forced to <c>status</c>).</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    public static Task<T> PatchStatusAsync<T>(
        this IKubernetesClient client, ResourceType type, string? @namespace, string name, KubernetesPatch patch, JsonTypeInfo<T> typeInfo,
        WriteOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(client);
        return client.PatchAsync(type, @namespace, name, patch, typeInfo, (options ?? new WriteOptions()) with { Subresource = "status" }, cancellationToken);
    }

    /// <summary>Server-side applies the status (PATCH <c>/status</c>, <c>application/apply-patch+yaml</c>).</summary>
    /// <typeparam name="T">Object type.</typeparam>
    /// <param name="client">The client.</param>
    /// <param name="type">Resource.</param>
    /// <param name="value">Partial object with name and the status fields this manager owns.</param>
    /// <param name="typeInfo">Type information.</param>
    /// <param name="options">Field manager and force (the subresource is forced to <c>status</c>).</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    public static Task<T> ApplyStatusAsync<T>(
        this IKubernetesClient client, ResourceType type, T value, JsonTypeInfo<T> typeInfo, ApplyOptions options, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(client);
        ArgumentNullException.ThrowIfNull(options);
        return client.ApplyAsync(type, value, typeInfo, options with { Subresource = "status" }, cancellationToken);
    }
}
