// Copyright (c) KeyOperator contributors. Licensed under the Apache License, Version 2.0.

using k8s;
using k8s.Autorest;
using k8s.Models;
using KeyOperator.Runtime.Client;
using RuntimeInformers = KeyOperator.Runtime.Informers;

namespace KeyOperator.Runtime.Kubernetes;

/// <summary>
/// Feeds an informer with a built-in kind through the library's generated list and watch operations: paged LIST, then
/// WATCH (through <see cref="WatchStream"/>, which turns the library's silent error paths into exceptions).
/// <c>metadata.managedFields</c> is dropped before an object reaches the cache, as controller-runtime's
/// TransformStripManagedFields does: nothing here reads it, and it is often the larger part of a small object.
/// </summary>
/// <typeparam name="T">The model, such as <c>V1Secret</c>.</typeparam>
/// <typeparam name="TList">Its list, such as <c>V1SecretList</c>.</typeparam>
public sealed class KubernetesListWatchSource<T, TList>(ListOperation<TList> list, WatchOperation<T> watch) : RuntimeInformers.IListWatchSource<T>
    where T : class, IKubernetesObject<V1ObjectMeta>
    where TList : IKubernetesObject<V1ListMeta>, IItems<T>
{
    /// <inheritdoc />
    public async Task<RuntimeInformers.ListPage<T>> ListPageAsync(RuntimeInformers.ListRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        HttpOperationResponse<TList> response;
        try
        {
            response = await list(
                new ListWatchCall(request.LabelSelector, request.Limit, request.Continue, request.ResourceVersion, Watch: false, TimeoutSeconds: null, AllowWatchBookmarks: null),
                cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (KubernetesErrors.IsGone(ex))
        {
            throw new RuntimeInformers.ResourceExpiredException(KubernetesErrors.Message(ex), ex);
        }

        using (response)
        {
            TList list = response.Body;
            List<T> items = [.. (list.Items ?? []).Select(ManagedFields.Strip)];
            string? next = list.Metadata?.ContinueProperty;
            return new RuntimeInformers.ListPage<T>(items, list.Metadata?.ResourceVersion ?? string.Empty, string.IsNullOrEmpty(next) ? null : next);
        }
    }

    /// <inheritdoc />
    public IAsyncEnumerable<RuntimeInformers.WatchEvent<T>> WatchAsync(RuntimeInformers.WatchRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        ListWatchCall call = new(
            request.LabelSelector,
            Limit: null,
            Continue: null,
            request.ResourceVersion,
            Watch: true,
            TimeoutSeconds: (int)Math.Ceiling(request.Timeout.TotalSeconds),
            AllowWatchBookmarks: true);
        return WatchStream.ReadAsync<T, T>(
            (onError, token) => watch(call, onError, token),
            ManagedFields.Strip,
            static o => o.Metadata?.ResourceVersion,
            cancellationToken);
    }
}
