// Copyright (c) KeyOperator contributors. Licensed under the Apache License, Version 2.0.

using System.Text.Json.Nodes;
using System.Text.Json.Serialization.Metadata;
using KeyOperator.Kubernetes.Errors;
using KeyOperator.Kubernetes.Models;
using KeyOperator.Kubernetes.Serialization;

namespace KeyOperator.Kubernetes;

/// <summary>Conveniences over <see cref="IKubernetesClient"/>: a 404-tolerant get and untyped (<see cref="JsonObject"/>) verbs.</summary>
public static class KubernetesClientExtensions
{
    /// <summary>Reads one object, or returns null when it does not exist.</summary>
    /// <typeparam name="T">Object type.</typeparam>
    /// <param name="client">The client.</param>
    /// <param name="type">Resource.</param>
    /// <param name="namespace">Namespace; null for the default.</param>
    /// <param name="name">Object name.</param>
    /// <param name="typeInfo">Type information.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    public static async Task<T?> TryGetAsync<T>(
        this IKubernetesClient client, ResourceType type, string? @namespace, string name, JsonTypeInfo<T> typeInfo, CancellationToken cancellationToken = default)
        where T : class
    {
        ArgumentNullException.ThrowIfNull(client);
        try
        {
            return await client.GetAsync(type, @namespace, name, typeInfo, null, cancellationToken).ConfigureAwait(false);
        }
        catch (NotFoundException)
        {
            return null;
        }
    }

    /// <summary>Reads one object as raw JSON.</summary>
    /// <param name="client">The client.</param>
    /// <param name="type">Resource.</param>
    /// <param name="namespace">Namespace; null for the default.</param>
    /// <param name="name">Object name.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    public static Task<JsonObject> GetObjectAsync(
        this IKubernetesClient client, ResourceType type, string? @namespace, string name, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(client);
        return client.GetAsync(type, @namespace, name, KubernetesJsonContext.Default.JsonObject, null, cancellationToken);
    }

    /// <summary>Lists one page as raw JSON.</summary>
    /// <param name="client">The client.</param>
    /// <param name="type">Resource.</param>
    /// <param name="namespace">Namespace; null for all namespaces.</param>
    /// <param name="options">Selectors and paging.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    public static Task<KubernetesList<JsonObject>> ListObjectsAsync(
        this IKubernetesClient client, ResourceType type, string? @namespace, ListOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(client);
        return client.ListAsync(type, @namespace, KubernetesJsonContext.Default.KubernetesListJsonObject, options, cancellationToken);
    }

    /// <summary>Creates an object given as raw JSON.</summary>
    /// <param name="client">The client.</param>
    /// <param name="type">Resource.</param>
    /// <param name="value">The object.</param>
    /// <param name="options">Write options.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    public static Task<JsonObject> CreateObjectAsync(
        this IKubernetesClient client, ResourceType type, JsonObject value, WriteOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(client);
        return client.CreateAsync(type, value, KubernetesJsonContext.Default.JsonObject, options, cancellationToken);
    }

    /// <summary>Replaces an object given as raw JSON (its resourceVersion, when present, is a precondition).</summary>
    /// <param name="client">The client.</param>
    /// <param name="type">Resource.</param>
    /// <param name="value">The object.</param>
    /// <param name="options">Write options.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    public static Task<JsonObject> ReplaceObjectAsync(
        this IKubernetesClient client, ResourceType type, JsonObject value, WriteOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(client);
        return client.ReplaceAsync(type, value, KubernetesJsonContext.Default.JsonObject, options, cancellationToken);
    }

    /// <summary>Patches an object and returns it as raw JSON.</summary>
    /// <param name="client">The client.</param>
    /// <param name="type">Resource.</param>
    /// <param name="namespace">Namespace; null for the default.</param>
    /// <param name="name">Object name.</param>
    /// <param name="patch">The patch.</param>
    /// <param name="options">Write options.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    public static Task<JsonObject> PatchObjectAsync(
        this IKubernetesClient client, ResourceType type, string? @namespace, string name, KubernetesPatch patch, WriteOptions? options = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(client);
        return client.PatchAsync(type, @namespace, name, patch, KubernetesJsonContext.Default.JsonObject, options, cancellationToken);
    }

    /// <summary>Server-side applies a raw JSON object.</summary>
    /// <param name="client">The client.</param>
    /// <param name="type">Resource.</param>
    /// <param name="value">The partial object.</param>
    /// <param name="options">Field manager and force.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    public static Task<JsonObject> ApplyObjectAsync(
        this IKubernetesClient client, ResourceType type, JsonObject value, ApplyOptions options, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(client);
        return client.ApplyAsync(type, value, KubernetesJsonContext.Default.JsonObject, options, cancellationToken);
    }

    /// <summary>Watches with raw JSON objects.</summary>
    /// <param name="client">The client.</param>
    /// <param name="type">Resource.</param>
    /// <param name="namespace">Namespace; null for all namespaces.</param>
    /// <param name="options">Watch options.</param>
    /// <param name="cancellationToken">Stops the watch.</param>
    public static IAsyncEnumerable<WatchEvent<JsonObject>> WatchObjectsAsync(
        this IKubernetesClient client, ResourceType type, string? @namespace, WatchOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(client);
        return client.WatchAsync(type, @namespace, KubernetesJsonContext.Default.JsonObject, options, cancellationToken);
    }
}
