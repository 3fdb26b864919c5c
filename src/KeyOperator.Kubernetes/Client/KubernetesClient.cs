// Copyright (c) KeyOperator contributors. Licensed under the Apache License, Version 2.0.

using System.Runtime.CompilerServices;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization.Metadata;
using KeyOperator.Kubernetes.Authentication;
using KeyOperator.Kubernetes.Models;
using KeyOperator.Kubernetes.Serialization;
using KeyOperator.Kubernetes.Watch;

namespace KeyOperator.Kubernetes;

/// <summary>
/// A small Kubernetes API client over HTTP/1.1 or HTTP/2 with JSON. Thread-safe; create one per process and reuse it.
/// </summary>
/// <remarks>
/// Retries: 429 for every verb (honouring Retry-After); 5xx and connection faults only for GETs (get, list, opening
/// a watch), because a write may already have taken effect; one retry after a 401 when credentials can be refreshed
/// (exec plugin, token file). See <see cref="KubernetesClientOptions"/> for limits.
/// </remarks>
public sealed class KubernetesClient : IKubernetesClient, IDisposable
{
    private const string MetadataListAccept = "application/json;as=PartialObjectMetadataList;g=meta.k8s.io;v=v1,application/json";
    private const string MetadataAccept = "application/json;as=PartialObjectMetadata;g=meta.k8s.io;v=v1,application/json";

    private readonly KubernetesTransport _transport;

    /// <summary>Creates a client.</summary>
    /// <param name="configuration">Where and how to connect.</param>
    /// <param name="options">Retries, timeouts, metrics hook; defaults when null.</param>
    public KubernetesClient(KubernetesClientConfiguration configuration, KubernetesClientOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        options ??= new KubernetesClientOptions();
        Configuration = configuration;

        ExecAuthenticator? exec = configuration.Exec is null ? null : new ExecAuthenticator(configuration.Exec, configuration, options.TimeProvider);
        IRequestAuthenticator authenticator = CreateAuthenticator(configuration, exec, options.TimeProvider);
        var httpClient = new HttpClient(KubernetesHttpHandlerFactory.Create(configuration, exec), disposeHandler: true)
        {
            BaseAddress = configuration.Server,
            Timeout = Timeout.InfiniteTimeSpan,
        };
        _transport = new KubernetesTransport(httpClient, authenticator, options);
    }

    /// <summary>The configuration this client was created with.</summary>
    public KubernetesClientConfiguration Configuration { get; }

    /// <inheritdoc />
    public string DefaultNamespace => Configuration.Namespace;

    /// <inheritdoc />
    public async Task<T> GetAsync<T>(
        ResourceType type, string? @namespace, string name, JsonTypeInfo<T> typeInfo, GetOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(type);
        ArgumentException.ThrowIfNullOrEmpty(name);
        ArgumentNullException.ThrowIfNull(typeInfo);
        string path = ResourcePath.Build(type, @namespace ?? DefaultNamespace, name, options?.Subresource, [new("resourceVersion", options?.ResourceVersion)]);
        return await SendForObjectAsync(new KubernetesRequest { Method = HttpMethod.Get, Verb = "get", Type = type, PathAndQuery = path }, typeInfo, cancellationToken)
            .ConfigureAwait(false);
    }

    /// <inheritdoc />
    public Task<KubernetesList<T>> ListAsync<T>(
        ResourceType type, string? @namespace, JsonTypeInfo<KubernetesList<T>> typeInfo, ListOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(type);
        ArgumentNullException.ThrowIfNull(typeInfo);
        return SendForObjectAsync(ListRequest(type, @namespace, options, "application/json"), typeInfo, cancellationToken);
    }

    /// <inheritdoc />
    public async Task<KubernetesList<T>> ListAllAsync<T>(
        ResourceType type, string? @namespace, JsonTypeInfo<KubernetesList<T>> typeInfo, ListOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(type);
        ArgumentNullException.ThrowIfNull(typeInfo);
        ListOptions page = (options ?? new ListOptions()) with { Continue = null, Limit = options?.Limit ?? 500 };
        var items = new List<T>();
        KubernetesList<T>? first = null;
        while (true)
        {
            KubernetesList<T> list = await ListAsync(type, @namespace, typeInfo, page, cancellationToken).ConfigureAwait(false);
            first ??= list;
            items.AddRange(list.Items);
            if (string.IsNullOrEmpty(list.Metadata.Continue))
            {
                // Every page is served from the first page's snapshot, so its version is the one to watch from.
                return first with { Items = items, Metadata = first.Metadata with { Continue = null, RemainingItemCount = null } };
            }

            // A continue token fixes the version; resourceVersion must not be sent with it.
            page = page with { Continue = list.Metadata.Continue, ResourceVersion = null, ResourceVersionMatch = null };
        }
    }

    /// <inheritdoc />
    public Task<KubernetesList<PartialObjectMetadata>> ListMetadataAsync(
        ResourceType type, string? @namespace, ListOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(type);
        return SendForObjectAsync(
            ListRequest(type, @namespace, options, MetadataListAccept), KubernetesJsonContext.Default.KubernetesListPartialObjectMetadata, cancellationToken);
    }

    /// <inheritdoc />
    public IAsyncEnumerable<WatchEvent<T>> WatchAsync<T>(
        ResourceType type, string? @namespace, JsonTypeInfo<T> typeInfo, WatchOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(type);
        ArgumentNullException.ThrowIfNull(typeInfo);
        return WatchCoreAsync(type, @namespace, typeInfo, options, "application/json", cancellationToken);
    }

    /// <inheritdoc />
    public IAsyncEnumerable<WatchEvent<PartialObjectMetadata>> WatchMetadataAsync(
        ResourceType type, string? @namespace, WatchOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(type);
        return WatchCoreAsync(type, @namespace, KubernetesJsonContext.Default.PartialObjectMetadata, options, MetadataAccept, cancellationToken);
    }

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

    /// <summary>Closes pooled connections and releases credentials.</summary>
    public void Dispose() => _transport.Dispose();

    private async IAsyncEnumerable<WatchEvent<T>> WatchCoreAsync<T>(
        ResourceType type, string? ns, JsonTypeInfo<T> typeInfo, WatchOptions? options, string accept, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        options ??= new WatchOptions();
        string path = ResourcePath.Build(type, ns, null, null,
        [
            new("watch", "true"),
            new("resourceVersion", options.ResourceVersion),
            new("resourceVersionMatch", options.ResourceVersionMatch),
            new("allowWatchBookmarks", options.AllowWatchBookmarks ? "true" : null),
            new("timeoutSeconds", options.TimeoutSeconds?.ToString(System.Globalization.CultureInfo.InvariantCulture)),
            new("labelSelector", options.LabelSelector),
            new("fieldSelector", options.FieldSelector),
            new("sendInitialEvents", options.SendInitialEvents is bool send ? (send ? "true" : "false") : null),
        ]);
        var request = new KubernetesRequest { Method = HttpMethod.Get, Verb = "watch", Type = type, PathAndQuery = path, Accept = accept, Streaming = true };
        using HttpResponseMessage response = await _transport.SendAsync(request, cancellationToken).ConfigureAwait(false);

        // Disposing the response aborts the connection, so a cancelled watch never lingers on a blocked read.
        using CancellationTokenRegistration abort = cancellationToken.Register(static state => ((HttpResponseMessage)state!).Dispose(), response);
        Stream stream = await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
        await using (stream.ConfigureAwait(false))
        {
            IAsyncEnumerator<WatchEvent<T>> events = WatchStreamReader.ReadAsync(stream, typeInfo, cancellationToken).GetAsyncEnumerator(cancellationToken);
            await using (events.ConfigureAwait(false))
            {
                while (true)
                {
                    bool more;
                    try
                    {
                        more = await events.MoveNextAsync().ConfigureAwait(false);
                    }
                    catch (Exception ex) when (cancellationToken.IsCancellationRequested && ex is IOException or ObjectDisposedException or HttpRequestException)
                    {
                        throw new OperationCanceledException(cancellationToken);
                    }

                    if (!more)
                    {
                        yield break;
                    }

                    yield return events.Current;
                }
            }
        }
    }

    private KubernetesRequest ListRequest(ResourceType type, string? ns, ListOptions? options, string accept)
    {
        string path = ResourcePath.Build(type, ns, null, null,
        [
            new("labelSelector", options?.LabelSelector),
            new("fieldSelector", options?.FieldSelector),
            new("limit", options?.Limit?.ToString(System.Globalization.CultureInfo.InvariantCulture)),
            new("continue", options?.Continue),
            new("resourceVersion", options?.ResourceVersion),
            new("resourceVersionMatch", options?.ResourceVersionMatch),
            new("timeoutSeconds", options?.TimeoutSeconds?.ToString(System.Globalization.CultureInfo.InvariantCulture)),
        ]);
        return new KubernetesRequest { Method = HttpMethod.Get, Verb = "list", Type = type, PathAndQuery = path, Accept = accept };
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

    private async Task<T> SendForObjectAsync<T>(KubernetesRequest request, JsonTypeInfo<T> typeInfo, CancellationToken cancellationToken)
    {
        using HttpResponseMessage response = await _transport.SendAsync(request, cancellationToken).ConfigureAwait(false);
        return await ReadAsync(response, typeInfo, cancellationToken).ConfigureAwait(false)
            ?? throw new InvalidDataException($"The server returned an empty body for {request.Verb} {request.Type}.");
    }

    private static async Task<T?> ReadAsync<T>(HttpResponseMessage response, JsonTypeInfo<T> typeInfo, CancellationToken cancellationToken)
    {
        Stream stream = await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
        await using (stream.ConfigureAwait(false))
        {
            return await JsonSerializer.DeserializeAsync(stream, typeInfo, cancellationToken).ConfigureAwait(false);
        }
    }

    private static JsonObject ToJsonObject<T>(T value, JsonTypeInfo<T> typeInfo)
    {
        ArgumentNullException.ThrowIfNull(value);
        return JsonSerializer.SerializeToNode(value, typeInfo) as JsonObject
            ?? throw new ArgumentException("The object must serialize to a JSON object.", nameof(value));
    }

    private static (string? Namespace, string? Name) ReadIdentity(JsonObject body)
    {
        JsonNode? metadata = body["metadata"];
        return ((string?)metadata?["namespace"] is { Length: > 0 } ns ? ns : null, (string?)metadata?["name"]);
    }

    private static string RequireName(JsonObject body) =>
        ReadIdentity(body).Name is { Length: > 0 } name ? name : throw new ArgumentException("The object has no metadata.name.", "value");

    private static IRequestAuthenticator CreateAuthenticator(KubernetesClientConfiguration configuration, ExecAuthenticator? exec, TimeProvider timeProvider)
    {
        if (!string.IsNullOrEmpty(configuration.AccessToken))
        {
            return StaticHeaderAuthenticator.Bearer(configuration.AccessToken);
        }

        if (!string.IsNullOrEmpty(configuration.TokenFile))
        {
            return new TokenFileAuthenticator(configuration.TokenFile, timeProvider);
        }

        if (exec is not null)
        {
            return exec;
        }

        return !string.IsNullOrEmpty(configuration.Username)
            ? StaticHeaderAuthenticator.Basic(configuration.Username, configuration.Password ?? string.Empty)
            : NoAuthenticator.Instance;
    }
}
