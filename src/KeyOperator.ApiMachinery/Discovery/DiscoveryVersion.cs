// Copyright (c) KeyOperator contributors. Licensed under the Apache License, Version 2.0.

using KeyOperator.ApiMachinery.Resources;

namespace KeyOperator.ApiMachinery.Discovery;

/// <summary>Resources of one version of a group.</summary>
internal sealed class DiscoveryVersion(string name)
{
    public string Name { get; } = name;

    public List<ResourceDescriptor> Resources { get; } = [];
}
