// Copyright (c) KeyOperator contributors. Licensed under the Apache License, Version 2.0.

using k8s;
using k8s.Models;
using KeyOperator.Runtime.Client;

namespace KeyOperator.Runtime.IntegrationTests.Traps;

/// <summary>
/// The library retries nothing (issue 11 point 3); the runtime's RetryHandler retries what is safe to: 429 for every
/// verb, 5xx and connection faults for reads only, never a watch. Over real HTTPS with injected faults.
/// </summary>
public sealed class RetryTests
{
    [Theory]
    [InlineData("create")]
    [InlineData("get")]
    public async Task TooManyRequestsWithRetryAfter_WriteOrRead_RetriedAfterTheWait(string verb)
    {
        await using var cluster = await TestCluster.StartLocalAsync();
        await cluster.CreateConfigMapAsync("a");
        var (client, recorder) = CreateClient(cluster);
        cluster.Faults.FailNext(1, 429, verb, "configmaps", retryAfter: TimeSpan.FromSeconds(1));

        await SendAsync(client, cluster.Namespace, verb);

        var attempts = recorder.Requests.Where(r => r.Verb == verb).ToList();
        Assert.Equal([429, verb == "create" ? 201 : 200], attempts.Select(r => r.StatusCode));
        Assert.True(
            TimeProvider.System.GetElapsedTime(attempts[0].CompletedAt, attempts[1].StartedAt) >= TimeSpan.FromMilliseconds(950),
            "the retry waited for Retry-After");
    }

    [Theory]
    [InlineData(500)]
    [InlineData(503)]
    public async Task Get_ServerErrors_RetriedThenSucceeds(int status)
    {
        await using var cluster = await TestCluster.StartLocalAsync();
        await cluster.CreateConfigMapAsync("a");
        var (client, recorder) = CreateClient(cluster);
        cluster.Faults.FailNext(2, status, "get", "configmaps");

        var map = await client.CoreV1.ReadNamespacedConfigMapAsync("a", cluster.Namespace);

        Assert.Equal("a", map.Metadata.Name);
        Assert.Equal([status, status, 200], recorder.Requests.Select(r => r.StatusCode));
    }

    [Theory]
    [InlineData("create")]
    [InlineData("update")]
    [InlineData("patch")]
    [InlineData("delete")]
    public async Task Write_ServerError_NotRetried(string verb)
    {
        await using var cluster = await TestCluster.StartLocalAsync();
        await cluster.CreateConfigMapAsync("a");
        var (client, recorder) = CreateClient(cluster);
        cluster.Faults.FailNext(1, 500, verb, "configmaps");

        var ex = await Assert.ThrowsAnyAsync<Exception>(() => SendAsync(client, cluster.Namespace, verb));

        Assert.Equal(500, KubernetesErrors.StatusCode(ex));
        Assert.Equal([500], recorder.Requests.Where(r => r.Verb == verb).Select(r => r.StatusCode));
    }

    [Fact]
    public async Task Watch_ServerError_NotRetried()
    {
        await using var cluster = await TestCluster.StartLocalAsync();
        var (client, recorder) = CreateClient(cluster);
        cluster.Faults.FailNext(1, 500, "watch", "configmaps");
        var errors = new List<Exception>();

        var ex = await Record.ExceptionAsync(async () =>
        {
            await foreach (var _ in client.CoreV1.WatchListNamespacedConfigMapAsync(cluster.Namespace, timeoutSeconds: 1, onError: errors.Add))
            {
            }
        });

        // However the library reports it (thrown or handed to onError), it is the server's 500, and it was asked once.
        var failure = ex ?? Assert.Single(errors);
        Assert.Equal(500, KubernetesErrors.StatusCode(failure));
        Assert.Equal([500], recorder.Requests.Where(r => r.Verb == "watch").Select(r => r.StatusCode));
    }

    [Fact]
    public async Task Get_ConnectionReset_RetriedOnNewConnection()
    {
        await using var cluster = await TestCluster.StartLocalAsync();
        await cluster.CreateConfigMapAsync("a");
        await using var proxy = new DroppingProxy(cluster.Plane.BaseAddress, drop: 1);
        var (client, recorder) = CreateClient(cluster, proxy.Address);

        var map = await client.CoreV1.ReadNamespacedConfigMapAsync("a", cluster.Namespace);

        Assert.Equal("a", map.Metadata.Name);
        Assert.Equal(1, proxy.Dropped);
        Assert.Equal([null, 200], recorder.Requests.Select(r => r.StatusCode));
    }

    [Fact]
    public async Task Create_ConnectionReset_NotRetried()
    {
        await using var cluster = await TestCluster.StartLocalAsync();
        await using var proxy = new DroppingProxy(cluster.Plane.BaseAddress, drop: 1);
        var (client, recorder) = CreateClient(cluster, proxy.Address);

        await Assert.ThrowsAsync<HttpRequestException>(() => SendAsync(client, cluster.Namespace, "create"));

        Assert.Equal([null], recorder.Requests.Select(r => r.StatusCode));
        Assert.Empty((await cluster.Client.CoreV1.ListNamespacedConfigMapAsync(cluster.Namespace, fieldSelector: "metadata.name=b")).Items);
    }

    private static (k8s.Kubernetes Client, RequestRecorder Recorder) CreateClient(TestCluster cluster, Uri? host = null)
    {
        var recorder = new RequestRecorder();
        var configuration = cluster.Configuration();
        if (host is not null)
        {
            configuration.Host = host.ToString();
        }

        // Short backoff caps so that 5xx retries cost milliseconds; Retry-After (1 s) stays below the cap.
        var options = new KubernetesClientOptions { MaxRetries = 3, MaxRetryDelay = TimeSpan.FromSeconds(2) };
        return (cluster.CreateClient(configuration, options, TimeProvider.System, recorder), recorder);
    }

    /// <summary>One request of the verb on ConfigMap "a" (a create makes "b").</summary>
    private static Task SendAsync(k8s.Kubernetes client, string ns, string verb) => verb switch
    {
        "get" => client.CoreV1.ReadNamespacedConfigMapAsync("a", ns),
        "create" => client.CoreV1.CreateNamespacedConfigMapAsync(new V1ConfigMap { Metadata = new V1ObjectMeta { Name = "b" } }, ns),
        "update" => UpdateAsync(client, ns),
        "patch" => client.CoreV1.PatchNamespacedConfigMapAsync(new V1Patch("""{"data":{"p":"1"}}""", V1Patch.PatchType.MergePatch), "a", ns),
        "delete" => client.CoreV1.DeleteNamespacedConfigMapAsync("a", ns),
        _ => throw new ArgumentOutOfRangeException(nameof(verb), verb, null),
    };

    private static async Task UpdateAsync(k8s.Kubernetes client, string ns)
    {
        // The injected fault matches only the PUT, so the read before it goes through.
        var current = await client.CoreV1.ReadNamespacedConfigMapAsync("a", ns);
        current.Data = new Dictionary<string, string> { ["u"] = "1" };
        await client.CoreV1.ReplaceNamespacedConfigMapAsync(current, "a", ns);
    }
}
