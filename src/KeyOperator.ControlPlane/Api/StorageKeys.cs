// Copyright (c) KeyOperator contributors. Licensed under the Apache License, Version 2.0.

using KeyOperator.ApiMachinery.Resources;
using KeyOperator.ControlPlane.Storage;

namespace KeyOperator.ControlPlane.Api;

/// <summary>Where a resource is stored: every version of a resource shares one key.</summary>
internal static class StorageKeys
{
    /// <summary>The storage key; events.k8s.io/v1 events share core/v1 events' storage as in a real cluster.</summary>
    public static ResourceKey Of(ResourceDescriptor descriptor) =>
        EventConversion.IsEventsV1(descriptor) ? new(string.Empty, "events") : new(descriptor.Group, descriptor.Plural);
}
