// Copyright (c) KeyOperator contributors. Licensed under the Apache License, Version 2.0.

using System.Diagnostics;
using System.Globalization;
using System.Text.Json.Nodes;
using k8s;
using k8s.Models;
using KeyOperator.LocalCluster;
using KeyOperator.Operator.ApiKeys;
using KeyOperator.Operator.Controllers.RotationPolicies;
using KeyOperator.Runtime.Kubernetes;

namespace KeyOperator.Benchmarks.Macro;

/// <summary>
/// N ApiKeys on one RotationPolicy with <c>cron: "* * * * *"</c>, created just after a minute boundary so that
/// all are due at the next one. Lag per key is measured twice: from status (lastRotationTime − the
/// nextRotationTime seen before, both truncated to whole seconds by the operator) and as first seen by a poller
/// listing every 250 ms (adds up to one poll period plus the list time).
/// </summary>
internal static class RotationLagScenario
{
    public static async Task RunAsync(int count, CancellationToken cancellationToken)
    {
        string directory = Directory.CreateTempSubdirectory("keyop-bench-").FullName;
        await using (DevEnvironment environment = await BenchEnvironment.StartAsync(directory, cancellationToken))
        {
            // The environment's own client keeps the production 20 QPS limit; the poller must not wait on it.
            using k8s.Kubernetes client = BenchClient.Create(environment.KubeconfigPath);
            const string ns = "bench";
            await ControlPlaneSession.EnsureNamespaceAsync(client, ns, cancellationToken);
            CustomResourceType policies = RotationPolicyResources.RotationPolicies;
            await client.CustomObjects.CreateNamespacedCustomObjectAsync(
                new JsonObject
                {
                    ["apiVersion"] = "keyoperator.io/v1alpha1",
                    ["kind"] = "RotationPolicy",
                    ["metadata"] = new JsonObject { ["name"] = "minutely", ["namespace"] = ns },
                    ["spec"] = new JsonObject { ["schedule"] = new JsonObject { ["cron"] = "* * * * *" }, ["strategy"] = "Overlapping", ["gracePeriod"] = "30s" },
                },
                policies.Group,
                policies.Version,
                ns,
                policies.Plural,
                cancellationToken: cancellationToken);

            // Start on a fresh minute so every key is created, and Ready, well before the next boundary.
            DateTimeOffset now = DateTimeOffset.UtcNow;
            await Task.Delay(TimeSpan.FromSeconds(62 - now.Second), cancellationToken);
            TimeSpan createTime = await Bulk.RunAsync(count, (i, ct) => CreateAsync(client, ns, i, ct), cancellationToken);
            Console.WriteLine($"created {count} ApiKeys in {createTime.TotalSeconds:0.0} s, finished at {DateTimeOffset.UtcNow:HH:mm:ss}");

            var due = new Dictionary<string, DateTimeOffset>();
            var seen = new Dictionary<string, DateTimeOffset>();
            var deadline = Stopwatch.StartNew();
            while (seen.Count < count && deadline.Elapsed < TimeSpan.FromMinutes(4))
            {
                IReadOnlyList<ApiKey> list = await ApiKeyBench.ListAsync(client, ns, cancellationToken);
                DateTimeOffset at = DateTimeOffset.UtcNow;
                foreach (ApiKey key in list)
                {
                    string name = key.Metadata.Name!;
                    if (key.Status?.CurrentVersion == 1 && key.Status.NextRotationTime is { } next)
                    {
                        due[name] = next;
                    }
                    else if (key.Status?.CurrentVersion >= 2 && !seen.ContainsKey(name))
                    {
                        seen[name] = at;
                    }
                }

                await Task.Delay(TimeSpan.FromMilliseconds(250), cancellationToken);
            }

            IReadOnlyList<ApiKey> final = await ApiKeyBench.ListAsync(client, ns, cancellationToken);
            var statusLag = new List<long>();
            var observedLag = new List<long>();
            foreach (ApiKey key in final)
            {
                string name = key.Metadata.Name!;
                if (due.TryGetValue(name, out DateTimeOffset dueAt) && key.Status?.LastRotationTime is { } rotated && seen.TryGetValue(name, out DateTimeOffset seenAt))
                {
                    statusLag.Add(Ticks(rotated - dueAt));
                    observedLag.Add(Ticks(seenAt - dueAt));
                }
            }

            var dueMinutes = due.Values.GroupBy(static d => d).Select(static g => $"{g.Key:HH:mm:ss}×{g.Count()}");
            Console.WriteLine($"due times: {string.Join(", ", dueMinutes)}; rotated and measured: {statusLag.Count} of {count}");
            if (statusLag.Count > 0)
            {
                Console.WriteLine($"lag from status (1 s resolution): {LatencySummary.From([.. statusLag], 0)}");
                Console.WriteLine($"lag first seen by poller:         {LatencySummary.From([.. observedLag], 0)}");
            }
        }

        Directory.Delete(directory, recursive: true);
    }

    private static long Ticks(TimeSpan span) => (long)(span.TotalSeconds * Stopwatch.Frequency);

    private static ValueTask CreateAsync(IKubernetes client, string ns, int index, CancellationToken cancellationToken) =>
        ApiKeyBench.CreateAsync(
            client,
            new ApiKey(
                metadata: new V1ObjectMeta { Name = "key-" + index.ToString(CultureInfo.InvariantCulture), NamespaceProperty = ns },
                spec: new ApiKeySpec { RotationPolicyRef = new RotationPolicyReference { Name = "minutely" } }),
            cancellationToken);
}
