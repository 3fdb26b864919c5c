// Copyright (c) KeyOperator contributors. Licensed under the Apache License, Version 2.0.

using System.Text.Json.Serialization.Metadata;
using KeyOperator.Kubernetes.Models;

namespace KeyOperator.Kubernetes;

/// <summary>
/// Verbs on any resource, typed through a source-generated <see cref="JsonTypeInfo{T}"/> (pass
/// <c>KubernetesJsonContext.Default.JsonObject</c>, or use the <c>*ObjectAsync</c> extensions, for untyped access).
/// Failures throw <see cref="Errors.KubernetesApiException"/> subclasses (NotFound, Conflict, ResourceExpired…).
/// </summary>
/// <remarks>
/// Namespaces: for single-object verbs a null namespace means <see cref="DefaultNamespace"/>; for list and watch it
/// means all namespaces. Writes take the namespace and name from the object's own <c>metadata</c> (falling back to
/// <see cref="DefaultNamespace"/>). Cluster-scoped types ignore namespaces.
/// </remarks>
public interface IKubernetesClient
{
    /// <summary>Namespace of the configuration (kubeconfig context, or the pod's namespace in a cluster).</summary>
    string DefaultNamespace { get; }

    /// <summary>Reads one object.</summary>
    /// <typeparam name="T">Object type.</typeparam>
    /// <param name="type">Resource.</param>
    /// <param name="namespace">Namespace; null for <see cref="DefaultNamespace"/>.</param>
    /// <param name="name">Object name.</param>
    /// <param name="typeInfo">Source-generated type information for <typeparamref name="T"/>.</param>
    /// <param name="options">Resource version and subresource.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <exception cref="Errors.NotFoundException">The object does not exist.</exception>
    Task<T> GetAsync<T>(
        ResourceType type, string? @namespace, string name, JsonTypeInfo<T> typeInfo, GetOptions? options = null, CancellationToken cancellationToken = default);

    /// <summary>Reads one page of a list.</summary>
    /// <typeparam name="T">Item type.</typeparam>
    /// <param name="type">Resource.</param>
    /// <param name="namespace">Namespace; null for all namespaces.</param>
    /// <param name="typeInfo">Type information for the list.</param>
    /// <param name="options">Selectors, paging and resource version.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    Task<KubernetesList<T>> ListAsync<T>(
        ResourceType type, string? @namespace, JsonTypeInfo<KubernetesList<T>> typeInfo, ListOptions? options = null, CancellationToken cancellationToken = default);

    /// <summary>
    /// Reads every page (<see cref="ListOptions.Limit"/> per page, 500 when unset) and returns one list whose
    /// <c>metadata.resourceVersion</c> is the snapshot version to watch from.
    /// </summary>
    /// <typeparam name="T">Item type.</typeparam>
    /// <param name="type">Resource.</param>
    /// <param name="namespace">Namespace; null for all namespaces.</param>
    /// <param name="typeInfo">Type information for the list.</param>
    /// <param name="options">Selectors and page size; <see cref="ListOptions.Continue"/> is ignored.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <exception cref="Errors.ResourceExpiredException">The continue token expired between pages; list again.</exception>
    Task<KubernetesList<T>> ListAllAsync<T>(
        ResourceType type, string? @namespace, JsonTypeInfo<KubernetesList<T>> typeInfo, ListOptions? options = null, CancellationToken cancellationToken = default);

    /// <summary>Lists metadata only (PartialObjectMetadataList): cheap for caches that need names, labels and versions.</summary>
    /// <param name="type">Resource.</param>
    /// <param name="namespace">Namespace; null for all namespaces.</param>
    /// <param name="options">Selectors, paging and resource version.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    Task<KubernetesList<PartialObjectMetadata>> ListMetadataAsync(
        ResourceType type, string? @namespace, ListOptions? options = null, CancellationToken cancellationToken = default);

    /// <summary>
    /// Watches changes. The sequence ends when the server closes the watch (timeout); re-watch from the last
    /// <see cref="WatchEvent{T}.ResourceVersion"/>. Cancelling the token closes the connection.
    /// </summary>
    /// <typeparam name="T">Object type.</typeparam>
    /// <param name="type">Resource.</param>
    /// <param name="namespace">Namespace; null for all namespaces.</param>
    /// <param name="typeInfo">Type information for <typeparamref name="T"/>.</param>
    /// <param name="options">Start version, bookmarks, selectors and timeout.</param>
    /// <param name="cancellationToken">Stops the watch.</param>
    /// <exception cref="Errors.ResourceExpiredException">The start version is too old (HTTP 410, or an ERROR event with code 410): list again.</exception>
    IAsyncEnumerable<WatchEvent<T>> WatchAsync<T>(
        ResourceType type, string? @namespace, JsonTypeInfo<T> typeInfo, WatchOptions? options = null, CancellationToken cancellationToken = default);

    /// <summary>Watches metadata only (PartialObjectMetadata events).</summary>
    /// <param name="type">Resource.</param>
    /// <param name="namespace">Namespace; null for all namespaces.</param>
    /// <param name="options">Start version, bookmarks, selectors and timeout.</param>
    /// <param name="cancellationToken">Stops the watch.</param>
    IAsyncEnumerable<WatchEvent<PartialObjectMetadata>> WatchMetadataAsync(
        ResourceType type, string? @namespace, WatchOptions? options = null, CancellationToken cancellationToken = default);

    /// <summary>Creates an object (POST); the namespace comes from its metadata.</summary>
    /// <typeparam name="T">Object type.</typeparam>
    /// <param name="type">Resource.</param>
    /// <param name="value">The object; <c>metadata.name</c> or <c>metadata.generateName</c> must be set.</param>
    /// <param name="typeInfo">Type information for <typeparamref name="T"/>.</param>
    /// <param name="options">Field manager, dry run, field validation.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The object as stored.</returns>
    /// <exception cref="Errors.AlreadyExistsException">An object of that name exists.</exception>
    /// <exception cref="Errors.InvalidException">Validation failed; see its causes.</exception>
    Task<T> CreateAsync<T>(
        ResourceType type, T value, JsonTypeInfo<T> typeInfo, WriteOptions? options = null, CancellationToken cancellationToken = default);

    /// <summary>
    /// Replaces an object (PUT). When <c>metadata.resourceVersion</c> is set it is a precondition: a stale object
    /// fails with <see cref="Errors.ConflictException"/>. Use <see cref="WriteOptions.Subresource"/> <c>status</c>
    /// (or <c>ReplaceStatusAsync</c>) to write status.
    /// </summary>
    /// <typeparam name="T">Object type.</typeparam>
    /// <param name="type">Resource.</param>
    /// <param name="value">The full object, normally as read, then changed.</param>
    /// <param name="typeInfo">Type information for <typeparamref name="T"/>.</param>
    /// <param name="options">Field manager, dry run, field validation, subresource.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The object as stored.</returns>
    Task<T> ReplaceAsync<T>(
        ResourceType type, T value, JsonTypeInfo<T> typeInfo, WriteOptions? options = null, CancellationToken cancellationToken = default);

    /// <summary>Patches an object with a JSON merge patch, JSON patch or strategic merge patch.</summary>
    /// <typeparam name="T">Type of the returned object.</typeparam>
    /// <param name="type">Resource.</param>
    /// <param name="namespace">Namespace; null for <see cref="DefaultNamespace"/>.</param>
    /// <param name="name">Object name.</param>
    /// <param name="patch">The patch and its media type.</param>
    /// <param name="typeInfo">Type information for <typeparamref name="T"/>.</param>
    /// <param name="options">Field manager, dry run, field validation, subresource.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The patched object.</returns>
    Task<T> PatchAsync<T>(
        ResourceType type, string? @namespace, string name, KubernetesPatch patch, JsonTypeInfo<T> typeInfo, WriteOptions? options = null, CancellationToken cancellationToken = default);

    /// <summary>
    /// Server-side apply (PATCH <c>application/apply-patch+yaml</c> with a JSON body): creates the object or merges the
    /// fields it holds, owned by <see cref="ApplyOptions.FieldManager"/>. <c>apiVersion</c>/<c>kind</c> are filled in
    /// from <paramref name="type"/> when missing, and <c>metadata.managedFields</c> is dropped (the server rejects it).
    /// </summary>
    /// <typeparam name="T">Object type.</typeparam>
    /// <param name="type">Resource.</param>
    /// <param name="value">The partial object with the fields this manager owns; <c>metadata.name</c> is required.</param>
    /// <param name="typeInfo">Type information for <typeparamref name="T"/>.</param>
    /// <param name="options">Field manager (required), force, dry run, subresource.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The object as stored.</returns>
    /// <exception cref="Errors.ConflictException">Another manager owns a field and <see cref="ApplyOptions.Force"/> is false.</exception>
    Task<T> ApplyAsync<T>(
        ResourceType type, T value, JsonTypeInfo<T> typeInfo, ApplyOptions options, CancellationToken cancellationToken = default);

    /// <summary>Deletes an object, sending <paramref name="options"/> (propagation, preconditions, grace period, dry run) as the body.</summary>
    /// <param name="type">Resource.</param>
    /// <param name="namespace">Namespace; null for <see cref="DefaultNamespace"/>.</param>
    /// <param name="name">Object name.</param>
    /// <param name="options">Delete options; null for the server's defaults.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>Whether the object is gone or its deletion is pending (finalizers, foreground propagation).</returns>
    /// <exception cref="Errors.NotFoundException">The object does not exist.</exception>
    /// <exception cref="Errors.ConflictException">A precondition failed.</exception>
    Task<DeleteOutcome> DeleteAsync(
        ResourceType type, string? @namespace, string name, DeleteOptions? options = null, CancellationToken cancellationToken = default);
}
