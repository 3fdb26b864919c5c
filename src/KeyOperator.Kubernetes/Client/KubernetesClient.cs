// Copyright (c) KeyOperator contributors. Licensed under the Apache License, Version 2.0.

using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization.Metadata;
using KeyOperator.Kubernetes.Authentication;

namespace KeyOperator.Kubernetes;

/// <summary>
/// A small Kubernetes API client over HTTPS (HTTP/1.1) with JSON. Thread-safe; create one per process and reuse it.
/// </summary>
/// <remarks>
/// Retries: 429 for every verb (honouring Retry-After); 5xx and connection faults only for GETs (get, list, opening
/// a watch), because a write may already have taken effect; one retry after a 401 when credentials can be refreshed
/// (exec plugin, token file). See <see cref="KubernetesClientOptions"/> for limits.
/// </remarks>
public sealed partial class KubernetesClient : IKubernetesClient, IDisposable
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

        IRequestAuthenticator authenticator = CreateAuthenticator(configuration, options.TimeProvider);
        ExecAuthenticator? exec = authenticator as ExecAuthenticator;
        var httpClient = new HttpClient(KubernetesHttpHandlerFactory.Create(configuration, exec), disposeHandler: true)
        {
            // A trailing slash keeps a path prefix in the server URL (proxies such as Rancher's /k8s/clusters/<id>).
            BaseAddress = configuration.Server.AbsoluteUri.EndsWith('/') ? configuration.Server : new Uri(configuration.Server.AbsoluteUri + "/"),
            Timeout = Timeout.InfiniteTimeSpan,
        };
        _transport = new KubernetesTransport(httpClient, authenticator, options);
    }

    /// <summary>The configuration this client was created with.</summary>
    public KubernetesClientConfiguration Configuration { get; }

    /// <inheritdoc />
    public string DefaultNamespace => Configuration.Namespace;

    /// <summary>Closes pooled connections and releases credentials.</summary>
    public void Dispose() => _transport.Dispose();

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

    // Precedence: static token, token file, exec plugin, basic auth; a client certificate works alongside any of them.
    private static IRequestAuthenticator CreateAuthenticator(KubernetesClientConfiguration configuration, TimeProvider timeProvider)
    {
        if (!string.IsNullOrEmpty(configuration.AccessToken))
        {
            return StaticHeaderAuthenticator.Bearer(configuration.AccessToken);
        }

        if (!string.IsNullOrEmpty(configuration.TokenFile))
        {
            return new TokenFileAuthenticator(configuration.TokenFile, timeProvider);
        }

        if (configuration.Exec is not null)
        {
            return new ExecAuthenticator(configuration.Exec, configuration, timeProvider);
        }

        return !string.IsNullOrEmpty(configuration.Username)
            ? StaticHeaderAuthenticator.Basic(configuration.Username, configuration.Password ?? string.Empty)
            : NoAuthenticator.Instance;
    }
}
