// Copyright (c) KeyOperator contributors. Licensed under the Apache License, Version 2.0.

using System.Collections.Concurrent;
using KeyOperator.Kubernetes;
using KeyOperator.Kubernetes.Models;
using KeyOperator.Kubernetes.Serialization;

namespace KeyOperator.Tests.Rotation;

/// <summary>
/// Every version of every Secret written while it runs, taken from a watch: unlike polling, a watch misses no
/// intermediate write, so "the Secret was never empty" is checked for each state anybody could have mounted.
/// </summary>
internal sealed class SecretHistory : IAsyncDisposable
{
    private readonly ConcurrentQueue<Secret> _seen = new();
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _watching;

    private SecretHistory(IKubernetesClient client, string resourceVersion) =>
        _watching = Task.Run(() => WatchAsync(client, resourceVersion, _stop.Token));

    /// <summary>The Secrets seen so far, in the order they were written.</summary>
    public IReadOnlyList<Secret> Versions => [.. _seen];

    public static async Task<SecretHistory> StartAsync(IKubernetesClient client)
    {
        KubernetesList<Secret> list = await client.ListAsync(ResourceType.Secrets, null, KubernetesJsonContext.Default.KubernetesListSecret, new ListOptions { Limit = 1 });
        return new SecretHistory(client, list.Metadata.ResourceVersion!);
    }

    /// <summary>The versions of one Secret.</summary>
    public IReadOnlyList<Secret> Of(string @namespace, string name) =>
        [.. _seen.Where(s => s.Metadata.Namespace == @namespace && s.Metadata.Name == name)];

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        try
        {
            await _watching;
        }
        catch (OperationCanceledException)
        {
            // Stopped on purpose.
        }

        _stop.Dispose();
    }

    private async Task WatchAsync(IKubernetesClient client, string resourceVersion, CancellationToken cancellationToken)
    {
        while (!cancellationToken.IsCancellationRequested)
        {
            await foreach (WatchEvent<Secret> change in client.WatchAsync(ResourceType.Secrets, null, KubernetesJsonContext.Default.Secret, new WatchOptions { ResourceVersion = resourceVersion }, cancellationToken))
            {
                resourceVersion = change.ResourceVersion ?? resourceVersion;
                if (change.Type is WatchEventType.Added or WatchEventType.Modified)
                {
                    _seen.Enqueue(change.Object);
                }
            }
        }
    }
}
