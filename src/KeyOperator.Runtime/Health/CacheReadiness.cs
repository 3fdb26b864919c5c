// Copyright (c) KeyOperator contributors. Licensed under the Apache License, Version 2.0.

using KeyOperator.Runtime.Informers;

namespace KeyOperator.Runtime.Health;

/// <summary>
/// Readiness of the process: ready once every registered informer has synced (and at least one is registered),
/// so a pod receives no traffic and reports no readiness while it still sees a partial world.
/// </summary>
public sealed class CacheReadiness
{
    private readonly object _sync = new();
    private readonly List<IInformer> _informers = [];

    /// <summary>Adds an informer that must sync before the process is ready.</summary>
    public void Register(IInformer informer)
    {
        ArgumentNullException.ThrowIfNull(informer);
        lock (_sync)
        {
            _informers.Add(informer);
        }
    }

    /// <summary>True when at least one informer is registered and all of them have synced.</summary>
    public bool IsReady
    {
        get
        {
            lock (_sync)
            {
                return _informers.Count > 0 && _informers.TrueForAll(static i => i.HasSynced);
            }
        }
    }

    /// <summary>Names of the informers that have not synced yet.</summary>
    public IReadOnlyList<string> Pending
    {
        get
        {
            lock (_sync)
            {
                return [.. _informers.Where(static i => !i.HasSynced).Select(static i => i.Name)];
            }
        }
    }
}
