// Copyright (c) KeyOperator contributors. Licensed under the Apache License, Version 2.0.

using System.Text;
using KeyOperator.Kubernetes.Errors;
using KeyOperator.Kubernetes.Models;
using KeyOperator.Kubernetes.Serialization;
using KeyOperator.Kubernetes.Tests.TestSupport;
using KeyOperator.Kubernetes.Watch;

namespace KeyOperator.Kubernetes.Tests.Watch;

public sealed class WatchStreamReaderTests
{
    private const string Stream = """
        {"type":"ADDED","object":{"kind":"Secret","apiVersion":"v1","metadata":{"name":"a","resourceVersion":"10"},"data":{"k":"AQI="}}}
        {"type":"MODIFIED","object":{"kind":"Secret","apiVersion":"v1","metadata":{"name":"a","resourceVersion":"11"}}}

        {"type":"BOOKMARK","object":{"kind":"Secret","apiVersion":"v1","metadata":{"resourceVersion":"12","annotations":{"k8s.io/initial-events-end":"true"}}}}
        {"type":"DELETED","object":{"kind":"Secret","apiVersion":"v1","metadata":{"name":"a","resourceVersion":"13"}}}

        """;

    [Theory]
    [InlineData(1)]
    [InlineData(7)]
    [InlineData(100)]
    [InlineData(100_000)]
    public async Task ReadAsync_ArbitraryChunkBoundaries_SameEvents(int pieceSize)
    {
        var events = new List<WatchEvent<Secret>>();
        await foreach (WatchEvent<Secret> e in WatchStreamReader.ReadAsync(
            new TrickleStream(Encoding.UTF8.GetBytes(Stream), pieceSize), KubernetesJsonContext.Default.Secret, CancellationToken.None))
        {
            events.Add(e);
        }

        Assert.Equal([WatchEventType.Added, WatchEventType.Modified, WatchEventType.Bookmark, WatchEventType.Deleted], events.Select(e => e.Type));
        Assert.Equal(["10", "11", "12", "13"], events.Select(e => e.ResourceVersion));
        Assert.Equal([1, 2], events[0].Object.Data!["k"]);
    }

    [Fact]
    public async Task ReadAsync_CapturedChunkedApiserverStream_Decodes()
    {
        // The captured response is HTTP/1.1 chunked; strip the head and de-chunk to get the body the client reads.
        byte[] raw = File.ReadAllBytes(Fixtures.Path("client-go-dynamic-golden", "TestGoldenResponse", "responses", "events"));
        string body = Dechunk(Encoding.UTF8.GetString(raw));

        var events = new List<WatchEvent<ServiceAccount>>();
        await foreach (WatchEvent<ServiceAccount> e in WatchStreamReader.ReadAsync(
            new TrickleStream(Encoding.UTF8.GetBytes(body), 3), KubernetesJsonContext.Default.ServiceAccount, CancellationToken.None))
        {
            events.Add(e);
        }

        Assert.Equal([WatchEventType.Added, WatchEventType.Bookmark], events.Select(e => e.Type));
        Assert.Equal("true", events[1].Object.Metadata.Annotations!["k8s.io/initial-events-end"]);
    }

    [Theory]
    [InlineData("Expired", "too old resource version: 1 (3473)")]
    [InlineData("Gone", "The resourceVersion for the provided watch is too old.")]
    public void Parse_Error410_ThrowsResourceExpired(string reason, string message)
    {
        string line = $$$"""{"type":"ERROR","object":{"kind":"Status","apiVersion":"v1","metadata":{},"status":"Failure","message":"{{{message}}}","reason":"{{{reason}}}","code":410}}""";

        var ex = Assert.Throws<ResourceExpiredException>(() => WatchStreamReader.Parse(line, KubernetesJsonContext.Default.Secret));

        Assert.Equal(410, ex.StatusCode);
        Assert.Equal(reason, ex.Reason);
    }

    [Fact]
    public void Parse_ErrorTooLargeVersion_ThrowsServerTimeout()
    {
        const string line = """{"type":"ERROR","object":{"kind":"Status","status":"Failure","message":"Too large resource version","reason":"Timeout","code":504,"details":{"retryAfterSeconds":1}}}""";

        var ex = Assert.Throws<ServerTimeoutException>(() => WatchStreamReader.Parse(line, KubernetesJsonContext.Default.Secret));

        Assert.Equal(TimeSpan.FromSeconds(1), ex.RetryAfter);
    }

    [Theory]
    [InlineData("""{"type":"RENAMED","object":{}}""")]
    [InlineData("""{"type":"ADDED"}""")]
    public void Parse_MalformedEvent_ThrowsInvalidData(string line)
    {
        Assert.Throws<InvalidDataException>(() => WatchStreamReader.Parse(line, KubernetesJsonContext.Default.Secret));
    }

    private static string Dechunk(string response)
    {
        string rest = response[(response.IndexOf("\r\n\r\n", StringComparison.Ordinal) + 4)..];
        var body = new StringBuilder();
        while (true)
        {
            int lineEnd = rest.IndexOf("\r\n", StringComparison.Ordinal);
            int size = Convert.ToInt32(rest[..lineEnd], 16);
            if (size == 0)
            {
                return body.ToString();
            }

            body.Append(rest, lineEnd + 2, size);
            rest = rest[(lineEnd + 2 + size + 2)..];
        }
    }
}
