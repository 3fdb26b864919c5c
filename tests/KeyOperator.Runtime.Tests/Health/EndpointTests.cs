// Copyright (c) KeyOperator contributors. Licensed under the Apache License, Version 2.0.

using System.Net;
using KeyOperator.Runtime.Health;
using KeyOperator.Runtime.Metrics;
using KeyOperator.Runtime.Tests.Informers;
using KeyOperator.Runtime.Tests.Metrics;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace KeyOperator.Runtime.Tests.Health;

/// <summary>The probe and scrape endpoints, over real HTTP on a loopback port.</summary>
public sealed class EndpointTests
{
    private const string TextFormat004 = "text/plain; version=0.0.4; charset=utf-8";

    [Fact]
    public async Task Endpoints_BeforeAndAfterCacheSync_ReadinessFollowsSyncAndMetricsParse()
    {
        await using var informer = new InformerFixture();
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseKestrel().UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        builder.Services.AddKeyOperatorRuntime();
        await using var app = builder.Build();
        app.MapKeyOperatorMetrics();
        app.Services.GetRequiredService<CacheReadiness>().Register(informer.Informer);
        app.Services.GetRequiredService<OperatorMetrics>().ReconcileTotal.WithLabels("apikey", "success").Inc();
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        using var http = new HttpClient { BaseAddress = new Uri(address) };

        var notReady = await http.GetAsync(new Uri("/readyz", UriKind.Relative));
        var healthy = await http.GetAsync(new Uri("/healthz", UriKind.Relative));
        await informer.StartAsync();
        var ready = await http.GetAsync(new Uri("/readyz", UriKind.Relative));
        var metrics = await http.GetAsync(new Uri("/metrics", UriKind.Relative));
        var body = await metrics.Content.ReadAsStringAsync();
        using var openMetricsRequest = new HttpRequestMessage(HttpMethod.Get, new Uri("/metrics", UriKind.Relative));
        openMetricsRequest.Headers.Accept.ParseAdd("application/openmetrics-text; version=1.0.0; charset=utf-8");
        var askedForOpenMetrics = await http.SendAsync(openMetricsRequest);

        Assert.Equal(HttpStatusCode.ServiceUnavailable, notReady.StatusCode);
        Assert.Contains("test", await notReady.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, healthy.StatusCode);
        Assert.Equal(HttpStatusCode.OK, ready.StatusCode);
        Assert.Equal(TextFormat004, metrics.Content.Headers.ContentType?.ToString());
        Assert.Equal(TextFormat004, askedForOpenMetrics.Content.Headers.ContentType?.ToString());
        var families = PrometheusTextParser.Parse(body, requireGrouping: true);
        Assert.Equal(1, families["controller_runtime_reconcile_total"].Samples.Single().Value);
        Assert.Contains("process_cpu_seconds_total", families.Keys);
        Assert.DoesNotContain(families.Keys, static name => name.StartsWith("microsoft_", StringComparison.Ordinal));
        await app.StopAsync();
    }

    [Fact]
    public void IsReady_NoInformersRegistered_False()
    {
        Assert.False(new CacheReadiness().IsReady);
    }
}
