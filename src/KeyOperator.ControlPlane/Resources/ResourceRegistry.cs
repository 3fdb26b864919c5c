// Copyright (c) KeyOperator contributors. Licensed under the Apache License, Version 2.0.

using KeyOperator.ApiMachinery.Resources;

namespace KeyOperator.ControlPlane.Resources;

/// <summary>The set of served resources (built-in and CRD-defined), looked up by group, version and plural.</summary>
internal sealed class ResourceRegistry
{
    private readonly Lock _sync = new();
    private readonly Dictionary<(string Group, string Version, string Plural), ResourceDescriptor> _byVersion = [];
    private readonly List<ResourceDescriptor> _ordered = [];

    /// <summary>Raised (outside any lock) whenever the served set changes.</summary>
    public event Action? Changed;

    public void Register(ResourceDescriptor descriptor)
    {
        lock (_sync)
        {
            var key = (descriptor.Group, descriptor.Version, descriptor.Plural);
            if (_byVersion.TryGetValue(key, out var existing))
            {
                _ordered[_ordered.IndexOf(existing)] = descriptor;
            }
            else
            {
                _ordered.Add(descriptor);
            }

            _byVersion[key] = descriptor;
        }

        Changed?.Invoke();
    }

    /// <summary>Replaces every version of a group/plural with the given descriptors (CRD update).</summary>
    public void ReplaceAll(string group, string plural, IReadOnlyList<ResourceDescriptor> descriptors)
    {
        lock (_sync)
        {
            RemoveUnlocked(group, plural);
            foreach (var descriptor in descriptors)
            {
                _byVersion[(descriptor.Group, descriptor.Version, descriptor.Plural)] = descriptor;
                _ordered.Add(descriptor);
            }
        }

        Changed?.Invoke();
    }

    public void Remove(string group, string plural)
    {
        lock (_sync)
        {
            RemoveUnlocked(group, plural);
        }

        Changed?.Invoke();
    }

    public ResourceDescriptor? Find(string group, string version, string plural)
    {
        lock (_sync)
        {
            return _byVersion.GetValueOrDefault((group, version, plural));
        }
    }

    /// <summary>A snapshot of every served descriptor, in registration order.</summary>
    public IReadOnlyList<ResourceDescriptor> All()
    {
        lock (_sync)
        {
            return [.. _ordered];
        }
    }

    private void RemoveUnlocked(string group, string plural)
    {
        _ordered.RemoveAll(d => d.Group == group && d.Plural == plural);
        foreach (var key in _byVersion.Keys.Where(k => k.Group == group && k.Plural == plural).ToList())
        {
            _byVersion.Remove(key);
        }
    }
}
