// Copyright (c) KeyOperator contributors. Licensed under the Apache License, Version 2.0.

using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization.Metadata;
using KeyOperator.Kubernetes.Models;
using KeyOperator.Kubernetes.Serialization;

namespace KeyOperator.Kubernetes;

/// <content>Writes: create, replace, patch, apply, delete.</content>
public sealed partial class KubernetesClient
{
    /// <inheritdoc />
    public Task<T> CreateAsync<T>(
        ResourceType type, T value, JsonTypeInfo<T> typeInfo, WriteOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(type);
        ArgumentNullException.ThrowIfNull(typeInfo);
        JsonObject body = ToJsonObject(value, typeInfo);
        (string? ns, _) = ReadIdentity(body);

        // A create on a subresource (for example pods/eviction) targets the parent by name.
        string? name = options?.Subresource is null ? null : RequireName(body);
        string path = ResourcePath.Build(type, ns ?? DefaultNamespace, name, options?.Subresource, WriteQuery(options));
        return SendForObjectAsync(WriteRequest(HttpMethod.Post, "create", type, path, body, "application/json"), typeInfo, cancellationToken);
    }

    /// <inheritdoc />
    public Task<T> ReplaceAsync<T>(
        ResourceType type, T value, JsonTypeInfo<T> typeInfo, WriteOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(type);
        ArgumentNullException.ThrowIfNull(typeInfo);
        JsonObject body = ToJsonObject(value, typeInfo);
        (string? ns, _) = ReadIdentity(body);
        string path = ResourcePath.Build(type, ns ?? DefaultNamespace, RequireName(body), options?.Subresource, WriteQuery(options));
        return SendForObjectAsync(WriteRequest(HttpMethod.Put, "update", type, path, body, "application/json"), typeInfo, cancellationToken);
    }

    /// <inheritdoc />
    public Task<T> PatchAsync<T>(
        ResourceType type, string? @namespace, string name, KubernetesPatch patch, JsonTypeInfo<T> typeInfo, WriteOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(type);
        ArgumentException.ThrowIfNullOrEmpty(name);
        ArgumentNullException.ThrowIfNull(patch);
        ArgumentNullException.ThrowIfNull(typeInfo);
        string path = ResourcePath.Build(type, @namespace ?? DefaultNamespace, name, options?.Subresource, WriteQuery(options));
        return SendForObjectAsync(WriteRequest(HttpMethod.Patch, "patch", type, path, patch.Body, patch.ContentType), typeInfo, cancellationToken);
    }

    /// <inheritdoc />
    public Task<T> ApplyAsync<T>(
        ResourceType type, T value, JsonTypeInfo<T> typeInfo, ApplyOptions options, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(type);
        ArgumentNullException.ThrowIfNull(typeInfo);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentException.ThrowIfNullOrEmpty(options.FieldManager);
        JsonObject body = ToJsonObject(value, typeInfo);
        body["apiVersion"] ??= type.ApiVersion;
        body["kind"] ??= type.Kind;
        (body["metadata"] as JsonObject)?.Remove("managedFields");
        (string? ns, _) = ReadIdentity(body);
        string path = ResourcePath.Build(type, ns ?? DefaultNamespace, RequireName(body), options.Subresource,
        [
            new("fieldManager", options.FieldManager),
            new("force", options.Force ? "true" : null),
            new("dryRun", options.DryRun ? "All" : null),
            new("fieldValidation", options.FieldValidation),
        ]);
        return SendForObjectAsync(WriteRequest(HttpMethod.Patch, "apply", type, path, body, "application/apply-patch+yaml"), typeInfo, cancellationToken);
    }

    /// <inheritdoc />
    public async Task<DeleteOutcome> DeleteAsync(
        ResourceType type, string? @namespace, string name, DeleteOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(type);
        ArgumentException.ThrowIfNullOrEmpty(name);
        string path = ResourcePath.Build(type, @namespace ?? DefaultNamespace, name, null);
        byte[] body = JsonSerializer.SerializeToUtf8Bytes(options ?? new DeleteOptions(), KubernetesJsonContext.Default.DeleteOptions);
        var request = new KubernetesRequest
        {
            Method = HttpMethod.Delete, Verb = "delete", Type = type, PathAndQuery = path, Body = body, ContentType = "application/json",
        };
        using HttpResponseMessage response = await _transport.SendAsync(request, cancellationToken).ConfigureAwait(false);
        JsonObject? result = await ReadAsync(response, KubernetesJsonContext.Default.JsonObject, cancellationToken).ConfigureAwait(false);

        // 202 means "accepted, not finished" (apiserver handlers/delete.go). A 200 carries either a Success Status
        // (the object is gone) or the object itself, which still exists if it now has a deletionTimestamp.
        if (response.StatusCode == System.Net.HttpStatusCode.Accepted)
        {
            return DeleteOutcome.Pending;
        }

        bool pending = (string?)result?["kind"] != "Status" && result?["metadata"]?["deletionTimestamp"] is not null;
        return pending ? DeleteOutcome.Pending : DeleteOutcome.Gone;
    }
    private static KeyValuePair<string, string?>[] WriteQuery(WriteOptions? options) =>
    [
        new("fieldManager", options?.FieldManager),
        new("dryRun", options?.DryRun == true ? "All" : null),
        new("fieldValidation", options?.FieldValidation),
    ];

    private static KubernetesRequest WriteRequest(HttpMethod method, string verb, ResourceType type, string path, JsonNode body, string contentType) => new()
    {
        Method = method,
        Verb = verb,
        Type = type,
        PathAndQuery = path,
        Body = JsonSerializer.SerializeToUtf8Bytes(body, KubernetesJsonContext.Default.JsonNode),
        ContentType = contentType,
    };
}
