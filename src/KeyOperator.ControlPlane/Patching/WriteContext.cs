// Copyright (c) KeyOperator contributors. Licensed under the Apache License, Version 2.0.

using KeyOperator.ApiMachinery.Resources;

namespace KeyOperator.ControlPlane.Patching;

/// <summary>What a write needs to know about the request that made it.</summary>
internal sealed record WriteContext
{
    public required ResourceDescriptor Descriptor { get; init; }

    public required string FieldManager { get; init; }

    public string? Subresource { get; init; }

    /// <summary>The request time, formatted as metav1.Time.</summary>
    public required string Now { get; init; }

    public bool Force { get; init; }
}
