// Copyright (c) KeyOperator contributors. Licensed under the Apache License, Version 2.0.

using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using KeyOperator.ApiMachinery.Discovery;
using KeyOperator.ControlPlane.Discovery;
using KeyOperator.ControlPlane.Errors;
using KeyOperator.ControlPlane.Resources;
using KeyOperator.ControlPlane.Tokens;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace KeyOperator.ControlPlane.Http;

/// <summary>The single terminal request delegate: authentication, fault injection, then routing to version, health,
/// discovery, OpenAPI or a resource.</summary>
internal sealed partial class ApiDispatcher(
    string token, ResourceRegistry registry, ApiDocuments documents, ResourceHandler resources, TokenEndpoints tokenEndpoints,
    ServiceAccountTokens serviceAccountTokens, FaultInjector faults, ILogger logger)
{
    private static readonly JsonObject s_version = new()
    {
        ["major"] = "1",
        ["minor"] = "32",
        ["gitVersion"] = "v1.32.4",
        ["gitCommit"] = "0000000000000000000000000000000000000000",
        ["gitTreeState"] = "clean",
        ["buildDate"] = "2025-01-01T00:00:00Z",
        ["goVersion"] = "go1.23.8",
        ["compiler"] = "gc",
        ["platform"] = "linux/amd64",
    };

    private readonly byte[] _token = Encoding.UTF8.GetBytes(token);

    public async Task HandleAsync(HttpContext context)
    {
        var path = context.Request.Path.Value ?? "/";
        try
        {
            if (path is "/healthz" or "/readyz" or "/livez" || path.StartsWith("/healthz/", StringComparison.Ordinal)
                || path.StartsWith("/readyz/", StringComparison.Ordinal) || path.StartsWith("/livez/", StringComparison.Ordinal))
            {
                await ResponseWriter.WriteTextAsync(context, 200, "ok", "text/plain; charset=utf-8").ConfigureAwait(false);
                return;
            }

            // Served without authentication, unlike a default apiserver (which allows only service accounts): an
            // external verifier (Vault, an STS emulator) fetches them from the token's iss with no credentials.
            if (await tokenEndpoints.TryDiscoveryAsync(context, path.TrimEnd('/')).ConfigureAwait(false))
            {
                return;
            }

            if (!Authenticated(context))
            {
                throw ApiErrors.Unauthorized();
            }

            await RouteAsync(context, path.TrimEnd('/')).ConfigureAwait(false);
        }
        catch (ApiException ex)
        {
            if (!context.Response.HasStarted)
            {
                await ResponseWriter.WriteErrorAsync(context, ex).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) when (context.RequestAborted.IsCancellationRequested)
        {
            // The client went away.
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // Any other failure is a server bug; answer like the apiserver's panic handler instead of dropping the connection.
            LogUnhandled(logger, context.Request.Method, path, ex);
            if (!context.Response.HasStarted)
            {
                await ResponseWriter.WriteErrorAsync(context, new ApiException(500, "InternalError", "Internal error occurred: " + ex.GetType().Name)).ConfigureAwait(false);
            }
        }
    }

    private bool Authenticated(HttpContext context)
    {
        var header = context.Request.Headers.Authorization.ToString();
        if (!header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }

        var presented = header[7..].Trim();
        if (CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(presented), _token))
        {
            return true;
        }

        // Service-account tokens for the API server's audience authenticate too, as on a cluster (there is no RBAC,
        // so they act as the admin). Tokens for other audiences (vault, sts.amazonaws.com) do not.
        return serviceAccountTokens.Review(presented, null).Authenticated;
    }

    private async Task RouteAsync(HttpContext context, string path)
    {
        var segments = path.Split('/', StringSplitOptions.RemoveEmptyEntries);
        var accept = context.Request.Headers.Accept.ToString();
        switch (segments)
        {
            case ["version"]:
                await ResponseWriter.WriteJsonAsync(context, 200, s_version.DeepClone()).ConfigureAwait(false);
                return;
            case ["api"]:
                await WriteDiscoveryAsync(context, accept, documents.AggregatedCore(), documents.ApiVersions(context.Request.Host.Value ?? "127.0.0.1")).ConfigureAwait(false);
                return;
            case ["apis"]:
                await WriteDiscoveryAsync(context, accept, documents.AggregatedGroups(), documents.ApiGroupList()).ConfigureAwait(false);
                return;
            case ["api", var version]:
                await WriteOrNotFoundAsync(context, documents.ApiResourceList(version)).ConfigureAwait(false);
                return;
            case ["apis", var group]:
                await WriteOrNotFoundAsync(context, documents.ApiGroup(group)).ConfigureAwait(false);
                return;
            case ["apis", var group, var version]:
                await WriteOrNotFoundAsync(context, documents.ApiResourceList(group + "/" + version)).ConfigureAwait(false);
                return;
            case ["openapi", "v3"]:
                await ResponseWriter.WriteTextAsync(context, 200, documents.OpenApi().RootJson, "application/json").ConfigureAwait(false);
                return;
            case ["openapi", "v3", .. var rest]:
            {
                var document = documents.OpenApi().Find(string.Join('/', rest)) ?? throw ApiErrors.ResourceNotServed();
                context.Response.Headers.CacheControl = "public, immutable, max-age=31536000";
                await ResponseWriter.WriteTextAsync(context, 200, document.Json, "application/json").ConfigureAwait(false);
                return;
            }

            case ["api", var version, .. var rest]:
                await HandleResourceAsync(context, string.Empty, version, rest).ConfigureAwait(false);
                return;
            case ["apis", var group, var version, .. var rest]:
                await HandleResourceAsync(context, group, version, rest).ConfigureAwait(false);
                return;
            default:
                throw ApiErrors.ResourceNotServed();
        }
    }

    private async Task HandleResourceAsync(HttpContext context, string group, string version, string[] rest)
    {
        var request = ResourceRequest.Parse(group, version, rest) ?? throw ApiErrors.ResourceNotServed();
        var verb = ResourceHandler.Verb(context, request);
        var faultRequest = new FaultRequest(verb, request.Resource, request.Subresource, request.Namespace, request.Name, context.Request.Headers.UserAgent.ToString());
        var delay = faults.TakeDelay(faultRequest);
        if (delay > TimeSpan.Zero)
        {
            await Task.Delay(delay, context.RequestAborted).ConfigureAwait(false);
        }

        if (faults.TakeFailure(faultRequest) is { } injected)
        {
            throw injected;
        }

        var descriptor = registry.Find(group, version, request.Resource) ?? throw ApiErrors.ResourceNotServed();
        if (descriptor == BuiltInResources.ServiceAccounts && request.Subresource == "token" && request.Namespace is not null)
        {
            await tokenEndpoints.TokenRequestAsync(context, request.Namespace, request.Name!).ConfigureAwait(false);
            return;
        }

        if (descriptor == BuiltInResources.TokenReviews)
        {
            if (request.Name is not null || request.Namespace is not null)
            {
                throw ApiErrors.ResourceNotServed();
            }

            await tokenEndpoints.TokenReviewAsync(context).ConfigureAwait(false);
            return;
        }

        await resources.HandleAsync(context, request, descriptor, verb).ConfigureAwait(false);
    }

    private static Task WriteDiscoveryAsync(HttpContext context, string accept, JsonObject aggregated, JsonObject legacy) =>
        DiscoveryNegotiation.WantsAggregated(accept)
            ? ResponseWriter.WriteJsonAsync(context, 200, aggregated, DiscoveryDocuments.AggregatedContentType)
            : ResponseWriter.WriteJsonAsync(context, 200, legacy);

    private static Task WriteOrNotFoundAsync(HttpContext context, JsonObject? document) =>
        document is null ? throw ApiErrors.ResourceNotServed() : ResponseWriter.WriteJsonAsync(context, 200, document);

    [LoggerMessage(EventId = 1001, EventName = "UnhandledRequestError", Level = LogLevel.Error, Message = "Unhandled error serving {Method} {Path}")]
    private static partial void LogUnhandled(ILogger logger, string method, string path, Exception exception);
}
