// Copyright (c) KeyOperator contributors. Licensed under the Apache License, Version 2.0.

using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using k8s;

namespace KeyOperator.ProcessBench;

/// <summary>
/// <c>rotation</c>: the process-level twin of <c>macro rotation</c>. N ApiKeys on one RotationPolicy with
/// <c>cron: "*/2 * * * *"</c>, created just after an even minute, so that all are due at the next even minute. Every
/// two minutes, not every minute: <c>run</c> keeps the 1-minute minimum interval, counted from when each key became
/// Ready, so a minutely cron would spread the first due times over the seconds the keys took to become Ready. The lag
/// of a key is measured from status (lastRotationTime − the nextRotationTime seen before; whole seconds) and as first
/// seen by a poller listing every 250 ms (currentVersion ≥ 2).
/// </summary>
internal static class RotationScenario
{
    private const string Namespace = "perf-rotation";

    public static async Task<int> RunAsync(Options options, CancellationToken cancellationToken)
    {
        int keys = options.Int("keys", 1_000);
        int parallelism = options.Int("parallelism", 16);
        var results = new Results(options.Optional("result"));
        using Cluster cluster = Cluster.Connect(options.Required("kubeconfig"));
        using OperatorProcess process = OperatorProcess.From(options);
        await process.WaitReadyAsync(cancellationToken);

        await cluster.EnsureNamespaceAsync(Namespace, cancellationToken);
        await cluster.Client.CustomObjects.CreateNamespacedCustomObjectAsync(
            new JsonObject
            {
                ["apiVersion"] = Cluster.Group + "/" + Cluster.Version,
                ["kind"] = "RotationPolicy",
                ["metadata"] = new JsonObject { ["name"] = "minutely", ["namespace"] = Namespace },
                ["spec"] = new JsonObject { ["schedule"] = new JsonObject { ["cron"] = "*/2 * * * *" }, ["strategy"] = "Overlapping", ["gracePeriod"] = "30s" },
            },
            Cluster.Group,
            Cluster.Version,
            Namespace,
            "rotationpolicies",
            cancellationToken: cancellationToken);

        // Start 2 s into an even minute, so that every key is created, and Ready, over a minute before the next one.
        DateTimeOffset now = DateTimeOffset.UtcNow;
        int intoCycle = (now.Minute % 2 * 60) + now.Second;
        await Task.Delay(TimeSpan.FromSeconds((122 - intoCycle) % 120), cancellationToken);
        TimeSpan createTime = await Cluster.BulkAsync("ApiKeys", keys, parallelism, (i, ct) => cluster.CreateApiKeyAsync(
            Namespace, "key-" + i.ToString(CultureInfo.InvariantCulture), new JsonObject { ["rotationPolicyRef"] = new JsonObject { ["name"] = "minutely" } }, ct), cancellationToken);
        Results.Note($"created {keys} ApiKeys in {createTime.TotalSeconds:0.0} s, finished at {DateTimeOffset.UtcNow:HH:mm:ss}");

        var due = new Dictionary<string, DateTimeOffset>(StringComparer.Ordinal);
        var seen = new Dictionary<string, DateTimeOffset>(StringComparer.Ordinal);
        var deadline = Stopwatch.StartNew();
        List<JsonElement> list = [];
        while (seen.Count < keys && deadline.Elapsed < TimeSpan.FromMinutes(4))
        {
            list = await cluster.ListApiKeysAsync(cancellationToken);
            DateTimeOffset at = DateTimeOffset.UtcNow;
            foreach (JsonElement key in list)
            {
                string name = Cluster.Name(key);
                long version = Long(key, "currentVersion");
                if (version == 1 && Time(key, "nextRotationTime") is { } next)
                {
                    due[name] = next;
                }
                else if (version >= 2)
                {
                    seen.TryAdd(name, at);
                }
            }

            await Task.Delay(TimeSpan.FromMilliseconds(250), cancellationToken);
        }

        var statusLag = new List<double>();
        var seenLag = new List<double>();
        foreach (JsonElement key in await cluster.ListApiKeysAsync(cancellationToken))
        {
            string name = Cluster.Name(key);
            if (due.TryGetValue(name, out DateTimeOffset dueAt) && seen.TryGetValue(name, out DateTimeOffset seenAt) && Time(key, "lastRotationTime") is { } rotated)
            {
                statusLag.Add((rotated - dueAt).TotalSeconds);
                seenLag.Add((seenAt - dueAt).TotalSeconds);
            }
        }

        Results.Note("due times: " + string.Join(", ", due.Values.GroupBy(static d => d).Select(static g => $"{g.Key:HH:mm:ss}×{g.Count()}")));
        results.Add("rotation_measured", statusLag.Count, $"keys seen due and then rotated (of {keys})");
        Percentiles("rotation_status", statusLag, results, "lag from status, lastRotationTime − nextRotationTime (1 s resolution)");
        Percentiles("rotation_seen", seenLag, results, "lag until the poller (250 ms) first saw currentVersion ≥ 2");
        return statusLag.Count == keys ? 0 : 1;
    }

    private static void Percentiles(string name, List<double> values, Results results, string description)
    {
        values.Sort();
        foreach ((string suffix, double quantile) in (ReadOnlySpan<(string, double)>)[("p50", 0.50), ("p90", 0.90), ("p99", 0.99), ("max", 1.0)])
        {
            double value = values.Count == 0 ? double.NaN : values[Math.Max(0, (int)Math.Ceiling(quantile * values.Count) - 1)];
            results.Add($"{name}_{suffix}_s", value, $"{description}, {suffix}");
        }
    }

    private static long Long(JsonElement key, string field) =>
        key.TryGetProperty("status", out JsonElement status) && status.TryGetProperty(field, out JsonElement value) && value.ValueKind == JsonValueKind.Number ? value.GetInt64() : 0;

    private static DateTimeOffset? Time(JsonElement key, string field) =>
        key.TryGetProperty("status", out JsonElement status) && status.TryGetProperty(field, out JsonElement value) && value.ValueKind == JsonValueKind.String
            ? DateTimeOffset.Parse(value.GetString()!, CultureInfo.InvariantCulture)
            : null;
}
