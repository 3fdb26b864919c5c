// Copyright (c) KeyOperator contributors. Licensed under the Apache License, Version 2.0.

using KeyOperator.Tests.Infrastructure;
using static KeyOperator.Tests.ApiKeys.ApiKeyTestSupport;

namespace KeyOperator.Tests.Observability;

/// <summary>The running operator's health and Prometheus endpoints, scraped over HTTP as a kubelet and Prometheus would.</summary>
[Trait("Cluster", "Any")]
public sealed class OperatorEndpointsTests(PortableOperatorFixture fixture) : IClassFixture<PortableOperatorFixture>
{
    [Fact]
    public async Task Metrics_AfterReconciles_ExposeControllerQueueLeaderAndClientFamilies()
    {
        string ns = await fixture.CreateNamespaceAsync("metrics");
        await ApplyAsync(fixture, ApiKeyYaml(ns, "api", "  token: {}\n"));
        await WaitReadyAsync(fixture, ns, "api");
        using HttpClient http = new() { BaseAddress = fixture.Environment.MetricsAddress };

        HttpResponseMessage response = await http.GetAsync(new Uri("/metrics", UriKind.Relative));
        string body = await response.Content.ReadAsStringAsync();

        Assert.Equal("text/plain; version=0.0.4; charset=utf-8", response.Content.Headers.ContentType!.ToString());
        Assert.Matches("controller_runtime_reconcile_total\\{controller=\"apikey\",result=\"success\"\\} [1-9]", body);
        Assert.Contains("# TYPE workqueue_depth gauge", body, StringComparison.Ordinal);
        Assert.Contains("leader_election_master_status{name=\"key-operator-leader\"} 1", body, StringComparison.Ordinal);
        Assert.Matches("rest_client_requests_total\\{code=\"200\",method=\"GET\"\\} [1-9]", body);
        Assert.Contains("rest_client_request_duration_seconds_bucket{verb=", body, StringComparison.Ordinal);
        Assert.EndsWith("\n", body, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("/healthz")]
    [InlineData("/readyz")]
    public async Task Probes_CachesSynced_AnswerOk(string path)
    {
        using HttpClient http = new() { BaseAddress = fixture.Environment.MetricsAddress };
        string body = await EventuallyAsync(
            async () => (await http.GetAsync(new Uri(path, UriKind.Relative))).IsSuccessStatusCode ? "ok" : "not yet",
            b => b == "ok",
            path + " to answer 200");
        Assert.Equal("ok", body);
    }
}
