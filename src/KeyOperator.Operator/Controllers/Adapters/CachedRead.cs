// Copyright (c) KeyOperator contributors. Licensed under the Apache License, Version 2.0.

using KeyOperator.Operator.Controllers.Ports;
using KeyOperator.Runtime.Client;
using KeyOperator.Runtime.Informers;
using KeyOperator.Runtime.Queue;

namespace KeyOperator.Operator.Controllers.Adapters;

/// <summary>A read as <see cref="ReadFrom"/> says: the informer's copy when allowed and present, else the server (404 is null).</summary>
internal static class CachedRead
{
    public static async Task<T?> GetAsync<T>(Informer<T> cache, string @namespace, string name, ReadFrom from, Func<Task<T>> server)
        where T : class
    {
        if (from == ReadFrom.Cache && cache.Cache.Get(new QueueKey(@namespace, name)) is { } cached)
        {
            return cached;
        }

        try
        {
            return await server().ConfigureAwait(false);
        }
        catch (Exception ex) when (KubernetesErrors.IsNotFound(ex))
        {
            return null;
        }
    }
}
