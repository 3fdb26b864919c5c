// Copyright (c) KeyOperator contributors. Licensed under the Apache License, Version 2.0.

using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using k8s;
using k8s.Autorest;
using k8s.Models;

namespace KeyOperator.ProcessBench;

/// <summary>The cluster side of the scenarios, through the official client only, as a user's tooling would.</summary>
internal sealed class Cluster : IDisposable
{
    public const string Group = "keyoperator.io";
    public const string Version = "v1alpha1";
    public const string ApiKeys = "apikeys";

    private Cluster(Kubernetes client) => Client = client;

    public Kubernetes Client { get; }

    public static Cluster Connect(string kubeconfig) =>
        new(new Kubernetes(KubernetesClientConfiguration.BuildConfigFromConfigFile(kubeconfig)));

    /// <summary>Waits until the ApiKey resource is served (the control plane has installed the CRDs).</summary>
    public async Task WaitForCrdsAsync(CancellationToken cancellationToken)
    {
        var stopwatch = Stopwatch.StartNew();
        while (true)
        {
            try
            {
                await Client.CustomObjects.ListClusterCustomObjectAsync<JsonElement>(Group, Version, ApiKeys, limit: 1, cancellationToken: cancellationToken);
                return;
            }
            catch (Exception ex) when (ex is HttpOperationException or HttpRequestException && stopwatch.Elapsed < TimeSpan.FromSeconds(120))
            {
                await Task.Delay(TimeSpan.FromMilliseconds(500), cancellationToken);
            }
        }
    }

    public async Task EnsureNamespaceAsync(string name, CancellationToken cancellationToken)
    {
        try
        {
            await Client.CoreV1.CreateNamespaceAsync(new V1Namespace { Metadata = new V1ObjectMeta { Name = name } }, cancellationToken: cancellationToken);
        }
        catch (HttpOperationException ex) when (ex.Response.StatusCode == HttpStatusCode.Conflict)
        {
            // Already there (the control plane creates the operator's namespace itself).
        }
    }

    /// <summary>A Secret without the operator's label, with one 256-byte value, as in <c>macro secrets</c>.</summary>
    public Task CreateUnrelatedSecretAsync(string ns, int index, CancellationToken cancellationToken) =>
        Client.CoreV1.CreateNamespacedSecretAsync(
            new V1Secret
            {
                Metadata = new V1ObjectMeta
                {
                    Name = "unrelated-" + index.ToString(CultureInfo.InvariantCulture),
                    NamespaceProperty = ns,
                    Labels = new Dictionary<string, string> { ["app.kubernetes.io/name"] = "unrelated" },
                },
                Data = new Dictionary<string, byte[]> { ["value"] = new byte[256] },
            },
            ns,
            cancellationToken: cancellationToken);

    /// <summary>An ApiKey with the given spec (<c>{}</c> is the default token format).</summary>
    public Task CreateApiKeyAsync(string ns, string name, JsonObject spec, CancellationToken cancellationToken) =>
        Client.CustomObjects.CreateNamespacedCustomObjectAsync(
            new JsonObject
            {
                ["apiVersion"] = Group + "/" + Version,
                ["kind"] = "ApiKey",
                ["metadata"] = new JsonObject { ["name"] = name, ["namespace"] = ns },
                ["spec"] = spec,
            },
            Group,
            Version,
            ns,
            ApiKeys,
            cancellationToken: cancellationToken);

    /// <summary>Every ApiKey in the cluster (all namespaces), listed in pages of 500.</summary>
    public async Task<List<JsonElement>> ListApiKeysAsync(CancellationToken cancellationToken)
    {
        var items = new List<JsonElement>();
        string? continueToken = null;
        do
        {
            JsonElement page = await Client.CustomObjects.ListClusterCustomObjectAsync<JsonElement>(
                Group, Version, ApiKeys, continueParameter: continueToken, limit: 500, cancellationToken: cancellationToken);
            items.AddRange(page.GetProperty("items").EnumerateArray());
            continueToken = page.TryGetProperty("metadata", out JsonElement metadata) && metadata.TryGetProperty("continue", out JsonElement next) && next.ValueKind == JsonValueKind.String
                ? next.GetString()
                : null;
        }
        while (!string.IsNullOrEmpty(continueToken));
        return items;
    }

    public static bool IsReady(JsonElement apiKey) =>
        apiKey.TryGetProperty("status", out JsonElement status)
        && status.TryGetProperty("conditions", out JsonElement conditions)
        && conditions.ValueKind == JsonValueKind.Array
        && conditions.EnumerateArray().Any(static c =>
            c.TryGetProperty("type", out JsonElement type) && type.GetString() == "Ready"
            && c.TryGetProperty("status", out JsonElement value) && value.GetString() == "True");

    public static string Name(JsonElement apiKey) =>
        apiKey.GetProperty("metadata").GetProperty("namespace").GetString() + "/" + apiKey.GetProperty("metadata").GetProperty("name").GetString();

    /// <summary>Runs <paramref name="create"/> for 0..count-1 with a bounded number in flight; returns the elapsed time.</summary>
    public static async Task<TimeSpan> BulkAsync(string what, int count, int parallelism, Func<int, CancellationToken, Task> create, CancellationToken cancellationToken)
    {
        var stopwatch = Stopwatch.StartNew();
        int done = 0;
        int step = Math.Max(1000, count / 10);
        await Parallel.ForEachAsync(
            Enumerable.Range(0, count),
            new ParallelOptions { MaxDegreeOfParallelism = parallelism, CancellationToken = cancellationToken },
            async (i, ct) =>
            {
                await create(i, ct);
                int now = Interlocked.Increment(ref done);
                if (now % step == 0)
                {
                    Results.Note($"  {now} {what} created, {stopwatch.Elapsed.TotalSeconds:0.0} s");
                }
            });
        return stopwatch.Elapsed;
    }

    public void Dispose() => Client.Dispose();
}
