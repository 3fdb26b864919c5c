// Copyright (c) KeyOperator contributors. Licensed under the Apache License, Version 2.0.

using System.Collections.Concurrent;

namespace KeyOperator.Runtime.IntegrationTests;

/// <summary>
/// The innermost handler of the test client's chain (next to the library's transport), so it sees every attempt the
/// retry handler makes, and what the server answered to each, as the old client's request metrics did.
/// </summary>
internal sealed class RequestRecorder : DelegatingHandler
{
    private readonly ConcurrentQueue<RecordedRequest> _started = new();

    /// <summary>Completed attempts, in the order they completed (a watch completes when its headers arrive).</summary>
    public ConcurrentQueue<RecordedRequest> Requests { get; } = new();

    /// <summary>Attempts that have been sent, completed or not, for tests that act while one is in flight.</summary>
    public IReadOnlyCollection<RecordedRequest> Started => _started;

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var started = TimeProvider.System.GetTimestamp();
        var (verb, resource) = Describe(request);
        var query = request.RequestUri?.Query ?? string.Empty;
        _started.Enqueue(new RecordedRequest(verb, resource, null, query, request.Version, null, started, started));
        HttpResponseMessage? response = null;
        try
        {
            response = await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
            return response;
        }
        finally
        {
            Requests.Enqueue(new RecordedRequest(
                verb, resource, response is null ? null : (int)response.StatusCode, query, request.Version, response?.Version, started, TimeProvider.System.GetTimestamp()));
        }
    }

    /// <summary>The Kubernetes verb and plural resource of a request, as the API server's request info resolver names them.</summary>
    internal static (string Verb, string Resource) Describe(HttpRequestMessage request)
    {
        var segments = (request.RequestUri?.AbsolutePath ?? string.Empty).Split('/', StringSplitOptions.RemoveEmptyEntries);

        // /api/v1/... or /apis/group/version/...
        var rest = segments switch
        {
            ["api", _, .. var r] => r,
            ["apis", _, _, .. var r] => r,
            _ => [],
        };

        // namespaces/{ns}/{resource}/... is namespaced; namespaces and namespaces/{name}[/status] are the namespaces themselves.
        if (rest is ["namespaces", _, var inner, .. var tail] && inner is not ("status" or "finalize"))
        {
            rest = [inner, .. tail];
        }

        var resource = rest.Length > 0 ? rest[0] : string.Empty;
        var named = rest.Length > 1;
        var query = request.RequestUri?.Query ?? string.Empty;
        var watch = query.Contains("watch=true", StringComparison.OrdinalIgnoreCase) || query.Contains("watch=1", StringComparison.Ordinal);
        var method = request.Method.Method;
        var verb = method switch
        {
            "GET" when watch => "watch",
            "GET" => named ? "get" : "list",
            "POST" => "create",
            "PUT" => "update",
            "PATCH" => "patch",
            "DELETE" => named ? "delete" : "deletecollection",
            _ => method.ToLowerInvariant(),
        };
        return (verb, resource);
    }
}
