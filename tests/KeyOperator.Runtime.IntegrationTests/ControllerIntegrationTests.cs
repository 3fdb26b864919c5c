// Copyright (c) KeyOperator contributors. Licensed under the Apache License, Version 2.0.

using k8s.Models;
using KeyOperator.Runtime.Client;
using KeyOperator.Runtime.Controllers;
using KeyOperator.Runtime.Metrics;
using Microsoft.Extensions.Logging.Abstractions;

namespace KeyOperator.Runtime.IntegrationTests;

/// <summary>The controller's handling of 409 conflicts from a real API server (issue #4).</summary>
public sealed class ControllerIntegrationTests
{
    [Theory]
    [Trait("Cluster", "Any")] // the stale-resourceVersion case; the injected-409 case always runs locally
    [InlineData(true)]
    [InlineData(false)]
    public async Task Controller_UpdateConflicts_RequeuedWithoutCountingErrors(bool staleResourceVersion)
    {
        // A real conflict needs only the Kubernetes API; an injected one needs the local control plane.
        await using var cluster = staleResourceVersion ? await TestCluster.StartAsync() : await TestCluster.StartLocalAsync();
        await cluster.CreateConfigMapAsync("a");
        if (!staleResourceVersion)
        {
            // The server's own answer to a lost race, injected: the first PUT fails with 409 Conflict.
            cluster.Faults.FailNext(1, 409, "update", "configmaps");
        }

        var informer = cluster.CreateConfigMapInformer();
        var reconciler = new ConflictingReconciler(cluster.Client, otherWriterFirst: staleResourceVersion);
        var metrics = new OperatorMetrics(Prometheus.Metrics.NewCustomRegistry());
        var controller = new Controller<V1ConfigMap>(
            new ControllerOptions { Name = "configmaps", Kind = "ConfigMap", ApiVersion = "v1" },
            informer,
            reconciler,
            TimeProvider.System,
            NullLogger<Controller<V1ConfigMap>>.Instance,
            metrics,
            KubernetesErrors.IsConflict);

        using var stop = new CancellationTokenSource();
        await informer.StartAsync(CancellationToken.None);
        var run = controller.RunAsync(stop.Token);
        try
        {
            await Eventually.TrueAsync(
                async () => (await cluster.GetConfigMapAsync("a")).Data is { } data && data.TryGetValue("reconciled", out var done) && done == "true",
                "the reconciler's write succeeds");
            var final = await cluster.GetConfigMapAsync("a");
            if (staleResourceVersion)
            {
                // Level-based: the successful write was built from the re-read state, so the other writer's change survives.
                Assert.Equal("x", final.Data!["other"]);
            }

            Assert.True(reconciler.Conflicts >= 1, "the first write hit a conflict");
            Assert.Equal(reconciler.Conflicts, metrics.ReconcileTotal.WithLabels("configmaps", "requeue").Value);
            Assert.Equal(0, metrics.ReconcileErrors.WithLabels("configmaps").Value);
            Assert.Equal(0, metrics.ReconcileTotal.WithLabels("configmaps", "error").Value);
        }
        finally
        {
            await stop.CancelAsync();
            await run;
            await informer.StopAsync(CancellationToken.None);
        }
    }
}
