// Copyright (c) KeyOperator contributors. Licensed under the Apache License, Version 2.0.

using System.Net;
using System.Net.Http.Headers;
using KeyOperator.Runtime.Client;
using KeyOperator.Runtime.Kubernetes;
using KeyOperator.Runtime.Tests.Metrics;
using Microsoft.Extensions.Time.Testing;

namespace KeyOperator.Runtime.Tests.Client;

/// <summary>The handler over an in-process inner handler with canned answers: no server, no network.</summary>
public sealed class RestClientMetricsHandlerTests : IDisposable
{
    private const string Base = "https://cluster.test";
    private readonly FakeTimeProvider _time = new();
    private readonly RestClientMetrics _metrics = new(Prometheus.Metrics.NewCustomRegistry());
    private readonly CannedResponseHandler _inner;
    private readonly HttpMessageInvoker _invoker;

    public RestClientMetricsHandlerTests()
    {
        _inner = new CannedResponseHandler(_time);
        _invoker = new HttpMessageInvoker(new RestClientMetricsHandler(_metrics, _time) { InnerHandler = _inner });
    }

    public void Dispose() => _invoker.Dispose();

    [Theory]
    // Core group, namespaced.
    [InlineData("GET", "/api/v1/namespaces/ns/secrets", null, "list")]
    [InlineData("GET", "/api/v1/namespaces/ns/secrets?labelSelector=a%3Db&limit=500", null, "list")]
    [InlineData("GET", "/api/v1/namespaces/ns/secrets/api", null, "get")]
    [InlineData("GET", "/api/v1/namespaces/ns/secrets?watch=true&resourceVersion=5", null, "watch")]
    [InlineData("GET", "/api/v1/namespaces/ns/secrets?watch=1", null, "watch")]
    [InlineData("GET", "/api/v1/namespaces/ns/secrets?watch=false", null, "list")]
    [InlineData("GET", "/api/v1/namespaces/ns/secrets?fieldSelector=metadata.name%3Dapi&watch=true", null, "watch")]
    [InlineData("GET", "/api/v1/watch/namespaces/ns/secrets", null, "watch")]
    [InlineData("GET", "/api/v1/namespaces/ns/pods/p/log", null, "get")]
    [InlineData("POST", "/api/v1/namespaces/ns/secrets", null, "create")]
    [InlineData("PUT", "/api/v1/namespaces/ns/secrets/api", null, "update")]
    [InlineData("DELETE", "/api/v1/namespaces/ns/secrets/api", null, "delete")]
    [InlineData("PATCH", "/api/v1/namespaces/ns/secrets/api", "application/merge-patch+json", "patch")]
    [InlineData("PATCH", "/api/v1/namespaces/ns/secrets/api", "application/strategic-merge-patch+json", "patch")]
    [InlineData("PATCH", "/api/v1/namespaces/ns/secrets/api", "application/json-patch+json", "patch")]
    [InlineData("PATCH", "/api/v1/namespaces/ns/secrets/api?fieldManager=key-operator&force=true", "application/apply-patch+yaml", "apply")]
    // The namespace itself, its subresources, and cluster-scoped / all-namespaces collections.
    [InlineData("GET", "/api/v1/namespaces", null, "list")]
    [InlineData("GET", "/api/v1/namespaces/ns", null, "get")]
    [InlineData("PUT", "/api/v1/namespaces/ns/finalize", null, "update")]
    [InlineData("GET", "/api/v1/namespaces/ns/status", null, "get")]
    [InlineData("GET", "/api/v1/nodes", null, "list")]
    [InlineData("GET", "/api/v1/nodes/n1", null, "get")]
    [InlineData("GET", "/api/v1/secrets?watch=true", null, "watch")]
    // Named groups.
    [InlineData("GET", "/apis/keyoperator.io/v1alpha1/namespaces/ns/apikeys", null, "list")]
    [InlineData("GET", "/apis/keyoperator.io/v1alpha1/namespaces/ns/apikeys/api", null, "get")]
    [InlineData("PUT", "/apis/keyoperator.io/v1alpha1/namespaces/ns/apikeys/api/status", null, "update")]
    [InlineData("PATCH", "/apis/keyoperator.io/v1alpha1/namespaces/ns/apikeys/api/status", "application/apply-patch+yaml", "apply")]
    [InlineData("GET", "/apis/coordination.k8s.io/v1/namespaces/ns/leases/key-operator-leader", null, "get")]
    [InlineData("GET", "/apis/keyoperator.io/v1alpha1/rotationpolicies", null, "list")]
    [InlineData("GET", "/apis/apiextensions.k8s.io/v1/customresourcedefinitions/apikeys.keyoperator.io", null, "get")]
    [InlineData("GET", "/apis/apps/v1/deployments?watch=true", null, "watch")]
    // Non-resource paths and discovery.
    [InlineData("GET", "/version", null, "get")]
    [InlineData("GET", "/api/v1", null, "get")]
    [InlineData("GET", "/apis/apps/v1", null, "get")]
    [InlineData("HEAD", "/api/v1/namespaces/ns/secrets/api", null, "get")]
    [InlineData("OPTIONS", "/api/v1/namespaces/ns/secrets", null, "unknown")]
    public async Task SendAsync_MethodPathQueryContentType_RecordsKubernetesVerb(string method, string pathAndQuery, string? contentType, string verb)
    {
        using var request = new HttpRequestMessage(new HttpMethod(method), Base + pathAndQuery);
        if (contentType is not null)
        {
            request.Content = new StringContent("{}", MediaTypeHeaderValue.Parse(contentType));
        }

        using var response = await _invoker.SendAsync(request, default);

        Assert.Equal(1, _metrics.RequestDuration.WithLabels(verb).Count);
        Assert.Equal(1, _metrics.Requests.WithLabels("200", method).Value);
    }

    [Fact]
    public async Task SendAsync_Response_CountsStatusAndMethodAndTimesToHeaders()
    {
        _inner.Status = HttpStatusCode.Conflict;
        _inner.Latency = TimeSpan.FromMilliseconds(250);

        using var request = new HttpRequestMessage(HttpMethod.Put, Base + "/api/v1/namespaces/ns/secrets/api");
        using var response = await _invoker.SendAsync(request, default);

        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        Assert.Equal(1, _metrics.Requests.WithLabels("409", "PUT").Value);
        Assert.Equal(0.25, _metrics.RequestDuration.WithLabels("update").Sum, 9);
    }

    [Fact]
    public async Task SendAsync_NoResponse_CountsErrorCodeAndRethrows()
    {
        _inner.Fault = new HttpRequestException("connection refused");
        _inner.Latency = TimeSpan.FromSeconds(2);

        using var request = new HttpRequestMessage(HttpMethod.Get, Base + "/api/v1/namespaces/ns/secrets?watch=true");
        await Assert.ThrowsAsync<HttpRequestException>(() => _invoker.SendAsync(request, default));

        Assert.Equal(1, _metrics.Requests.WithLabels("<error>", "GET").Value);
        Assert.Equal(2, _metrics.RequestDuration.WithLabels("watch").Sum, 9);
    }

    [Fact]
    public async Task SendAsync_EveryAttempt_CountedSeparately()
    {
        using var first = new HttpRequestMessage(HttpMethod.Get, Base + "/api/v1/namespaces/ns/secrets/api");
        using var second = new HttpRequestMessage(HttpMethod.Get, Base + "/api/v1/namespaces/ns/secrets/api");
        _inner.Status = HttpStatusCode.ServiceUnavailable;
        using var failed = await _invoker.SendAsync(first, default);
        _inner.Status = HttpStatusCode.OK;
        using var succeeded = await _invoker.SendAsync(second, default);

        Assert.Equal(2, _inner.Calls);
        Assert.Equal(1, _metrics.Requests.WithLabels("503", "GET").Value);
        Assert.Equal(1, _metrics.Requests.WithLabels("200", "GET").Value);
        Assert.Equal(2, _metrics.RequestDuration.WithLabels("get").Count);
    }

    [Fact]
    public void Send_Synchronous_RecordsLikeAsync()
    {
        using var request = new HttpRequestMessage(HttpMethod.Delete, Base + "/api/v1/namespaces/ns/configmaps/c");

        using var response = _invoker.Send(request, default);

        Assert.Equal(1, _metrics.Requests.WithLabels("200", "DELETE").Value);
        Assert.Equal(1, _metrics.RequestDuration.WithLabels("delete").Count);
    }

    [Fact]
    public async Task Scrape_AfterRequests_LabelsCarryNoNamesPathsOrBodies()
    {
        using var request = new HttpRequestMessage(HttpMethod.Patch, Base + "/api/v1/namespaces/tenant-ns/secrets/db-password?fieldManager=mgr")
        {
            Content = new StringContent("{\"data\":{\"token\":\"c2VjcmV0LWJvZHk=\"}}", MediaTypeHeaderValue.Parse("application/apply-patch+yaml")),
        };
        using var response = await _invoker.SendAsync(request, default);

        var registry = Prometheus.Metrics.NewCustomRegistry();
        var metrics = new RestClientMetrics(registry);
        using var invoker = new HttpMessageInvoker(new RestClientMetricsHandler(metrics, _time) { InnerHandler = new CannedResponseHandler(_time) });
        using var again = new HttpRequestMessage(HttpMethod.Patch, Base + "/api/v1/namespaces/tenant-ns/secrets/db-password?fieldManager=mgr")
        {
            Content = new StringContent("{\"data\":{\"token\":\"c2VjcmV0LWJvZHk=\"}}", MediaTypeHeaderValue.Parse("application/apply-patch+yaml")),
        };
        using var second = await invoker.SendAsync(again, default);
        var text = await Exposition.RenderAsync(registry);
        var families = PrometheusTextParser.Parse(text, requireGrouping: true);

        Assert.Equal(["code", "method"], families["rest_client_requests_total"].Samples.Single().Labels.Keys.Order(StringComparer.Ordinal));
        Assert.Equal("apply", families["rest_client_request_duration_seconds"].Samples[0].Labels["verb"]);
        Assert.All(
            families["rest_client_request_duration_seconds"].Samples,
            s => Assert.Equal(s.Name.EndsWith("_bucket", StringComparison.Ordinal) ? ["le", "verb"] : ["verb"], s.Labels.Keys.Order(StringComparer.Ordinal)));
        foreach (var secret in new[] { "tenant-ns", "db-password", "secrets", "fieldManager", "c2VjcmV0LWJvZHk", "cluster.test", "/api" })
        {
            Assert.DoesNotContain(secret, text, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task Scrape_RestClientFamilies_ClientGoNamesHelpAndBuckets()
    {
        var registry = Prometheus.Metrics.NewCustomRegistry();
        var metrics = new RestClientMetrics(registry);
        metrics.Observe(200, "GET", "list", TimeSpan.FromMilliseconds(30));

        var families = await Exposition.ParseAsync(registry);

        Assert.Equal("counter", families["rest_client_requests_total"].Type);
        Assert.Equal("Number of HTTP requests to the API server, partitioned by status code and method.", families["rest_client_requests_total"].Help);
        Assert.Equal("histogram", families["rest_client_request_duration_seconds"].Type);
        Assert.Equal("Request latency to the API server in seconds, by verb.", families["rest_client_request_duration_seconds"].Help);
        Assert.Equal(
            ["0.005", "0.025", "0.1", "0.25", "0.5", "1", "2", "4", "8", "15", "30", "60", "+Inf"],
            families["rest_client_request_duration_seconds"].Samples.Where(static s => s.Name.EndsWith("_bucket", StringComparison.Ordinal)).Select(static s => s.Labels["le"]));
    }
}
