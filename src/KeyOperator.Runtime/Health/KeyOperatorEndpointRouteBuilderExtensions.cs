// Copyright (c) KeyOperator contributors. Licensed under the Apache License, Version 2.0.

using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Prometheus;

namespace KeyOperator.Runtime.Health;

/// <summary>Maps the operator's scrape and probe endpoints.</summary>
public static class KeyOperatorEndpointRouteBuilderExtensions
{
    /// <summary>
    /// Maps <c>/metrics</c> (prometheus-net's exporter over the host's <see cref="CollectorRegistry"/>, always the text
    /// format 0.0.4), <c>/healthz</c> (liveness: the process serves requests) and <c>/readyz</c> (200 only after every
    /// registered cache has synced, else 503). Needs <see cref="RuntimeServiceCollectionExtensions.AddKeyOperatorRuntime"/>.
    /// </summary>
    public static IEndpointRouteBuilder MapKeyOperatorMetrics(this IEndpointRouteBuilder endpoints)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        var registry = endpoints.ServiceProvider.GetRequiredService<CollectorRegistry>();
        var readiness = endpoints.ServiceProvider.GetRequiredService<CacheReadiness>();

        // OpenMetrics off: scrapers that ask for it get 0.0.4 as before, the format our dashboards and parser expect.
        endpoints.MapMetrics(
            settings =>
            {
                settings.Registry = registry;
                settings.EnableOpenMetrics = false;
            },
            "/metrics");

        // RequestDelegate overloads, not Delegate ones: they need no reflection, so the trimmed image keeps working.
        endpoints.MapGet("/healthz", (RequestDelegate)(context => WritePlainAsync(context, StatusCodes.Status200OK, "ok")));
        endpoints.MapGet("/readyz", (RequestDelegate)(context => readiness.IsReady
            ? WritePlainAsync(context, StatusCodes.Status200OK, "ok")
            : WritePlainAsync(context, StatusCodes.Status503ServiceUnavailable, "caches not synced: " + string.Join(", ", readiness.Pending))));
        return endpoints;
    }

    private static Task WritePlainAsync(HttpContext context, int status, string body)
    {
        context.Response.StatusCode = status;
        context.Response.ContentType = "text/plain; charset=utf-8";
        return context.Response.WriteAsync(body, context.RequestAborted);
    }
}
