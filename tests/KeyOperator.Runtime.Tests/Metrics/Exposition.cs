// Copyright (c) KeyOperator contributors. Licensed under the Apache License, Version 2.0.

using System.Text;
using Prometheus;

namespace KeyOperator.Runtime.Tests.Metrics;

/// <summary>What a scrape of a registry returns, in the text format 0.0.4, without an HTTP server.</summary>
internal static class Exposition
{
    public static async Task<string> RenderAsync(CollectorRegistry registry)
    {
        using var stream = new MemoryStream();
        await registry.CollectAndExportAsTextAsync(stream);
        return Encoding.UTF8.GetString(stream.ToArray());
    }

    public static async Task<IReadOnlyDictionary<string, ParsedFamily>> ParseAsync(CollectorRegistry registry) =>
        PrometheusTextParser.Parse(await RenderAsync(registry), requireGrouping: true);
}
