// Copyright (c) KeyOperator contributors. Licensed under the Apache License, Version 2.0.

using System.Globalization;
using k8s;
using k8s.Models;
using KeyOperator.Operator.ApiKeys;
using KeyOperator.Runtime.Informers;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;

namespace KeyOperator.Benchmarks.Macro;

/// <summary>
/// Operator-side managed heap with an empty control plane and with N unrelated Secrets (no managed-by label) in it.
/// Control plane and operator share this process, so the operator's share is the heap difference between just
/// before its start and just after its informers synced; the control plane's own storage cancels out.
/// </summary>
internal static class UnrelatedSecretsScenario
{
    public static async Task RunAsync(int count, CancellationToken cancellationToken)
    {
        await using ControlPlaneSession session = await ControlPlaneSession.StartAsync(cancellationToken);
        (long emptyDelta, int emptyCached) = await MeasureOperatorAsync(session, cancellationToken);
        Console.WriteLine($"operator heap, empty control plane: {MemorySnapshot.Mib(emptyDelta)} (secrets cached: {emptyCached})");

        const string ns = "unrelated";
        await session.EnsureNamespaceAsync(ns, cancellationToken);
        byte[] payload = new byte[256];
        System.Security.Cryptography.RandomNumberGenerator.Fill(payload);
        TimeSpan createTime = await Bulk.RunAsync(count, (i, ct) => CreateSecretAsync(session.Client, ns, i, payload, ct), cancellationToken);
        Console.WriteLine($"created {count} unrelated Secrets (256-byte value each) in {createTime.TotalSeconds:0.0} s");

        (long fullDelta, int fullCached) = await MeasureOperatorAsync(session, cancellationToken);
        Console.WriteLine($"operator heap, {count} unrelated Secrets: {MemorySnapshot.Mib(fullDelta)} (secrets cached: {fullCached})");
        Console.WriteLine($"difference: {MemorySnapshot.Mib(fullDelta - emptyDelta)}");
    }

    private static async Task<(long HeapDelta, int CachedSecrets)> MeasureOperatorAsync(ControlPlaneSession session, CancellationToken cancellationToken)
    {
        MemorySnapshot before = MemorySnapshot.Capture();
        WebApplication host = session.BuildOperator();
        await host.StartAsync(cancellationToken);
        await host.Services.GetRequiredService<Informer<ApiKey>>().WaitForSyncAsync(cancellationToken);
        await host.Services.GetRequiredService<Informer<V1ConfigMap>>().WaitForSyncAsync(cancellationToken);
        Informer<V1Secret> secrets = host.Services.GetRequiredService<Informer<V1Secret>>();
        await secrets.WaitForSyncAsync(cancellationToken);

        // Let start-up work (leader election, first watch bookmarks) settle before measuring.
        await Task.Delay(TimeSpan.FromSeconds(3), cancellationToken);
        MemorySnapshot after = MemorySnapshot.Capture();
        int cached = secrets.Cache.Count;
        Console.WriteLine($"  before operator start: {before}; after sync: {after}");
        await host.StopAsync(CancellationToken.None);
        await host.DisposeAsync();
        return (after.HeapBytes - before.HeapBytes, cached);
    }

    private static async ValueTask CreateSecretAsync(IKubernetes client, string ns, int index, byte[] payload, CancellationToken cancellationToken) =>
        await client.CoreV1.CreateNamespacedSecretAsync(
            new V1Secret
            {
                Metadata = new V1ObjectMeta
                {
                    Name = "other-" + index.ToString(CultureInfo.InvariantCulture),
                    NamespaceProperty = ns,
                    Labels = new Dictionary<string, string> { ["app"] = "unrelated" },
                },
                Type = "Opaque",
                Data = new Dictionary<string, byte[]> { ["value"] = payload },
            },
            ns,
            cancellationToken: cancellationToken);
}
