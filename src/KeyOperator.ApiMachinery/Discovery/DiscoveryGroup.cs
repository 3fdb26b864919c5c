// Copyright (c) KeyOperator contributors. Licensed under the Apache License, Version 2.0.

using KeyOperator.ApiMachinery.Resources;

namespace KeyOperator.ApiMachinery.Discovery;

/// <summary>Resources of one API group, by version in first-seen order.</summary>
internal sealed class DiscoveryGroup(string name)
{
    public string Name { get; } = name;

    public List<DiscoveryVersion> Versions { get; } = [];

    public void Add(ResourceDescriptor resource)
    {
        var version = Versions.Find(v => string.Equals(v.Name, resource.Version, StringComparison.Ordinal));
        if (version is null)
        {
            version = new DiscoveryVersion(resource.Version);
            Versions.Add(version);
        }

        version.Resources.Add(resource);
    }
}
